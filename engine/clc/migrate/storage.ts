/** `storage.disks`, `storage.raid` and `storage.filesystems`. */
import type { Path } from '../../schema/sourceMap';
import { obj, Obj, str } from '../../values';
import { parseBase2Bytes } from '../goUnits';
import { copy, Migration, objectsIn, put } from './context';
import type { YamlMap, YamlValue } from './yamlText';
import { TYPE_GUID_ALIASES } from '../translate/convert';

const MIB = 1024 * 1024;

/** A partition size or start ("10GiB", ct's base-2 units) in whole MiB; undefined when unset or unusable (noted). */
function mebibytes(m: Migration, value: unknown, path: Path, target: object): number | undefined {
  const text = str(value) ?? '';
  if (text === '') return undefined;
  const parsed = parseBase2Bytes(text);
  if (parsed.ok && parsed.bytes >= 0 && parsed.bytes % MIB === 0) return parsed.bytes / MIB;
  m.note(path, `\`${text}\` is not a whole, non-negative number of MiB (ct rejects it too), so it was not carried over`, target);
  return undefined;
}

function partition(m: Migration, part: Obj, path: Path): YamlMap {
  const out = m.track(path, copy({}, part, ['label', 'number']));
  put(out, 'size_mib', mebibytes(m, part.size, [...path, 'size'], out));
  put(out, 'start_mib', mebibytes(m, part.start, [...path, 'start'], out));
  const typeGuid = str(part.type_guid);
  put(out, 'type_guid', typeGuid === undefined ? undefined : (TYPE_GUID_ALIASES[typeGuid] ?? typeGuid));
  copy(out, part, ['guid']);
  m.unknownKeys(part, path, ['label', 'number', 'size', 'start', 'type_guid', 'guid'], out);
  return out;
}

export function migrateDisks(m: Migration, disks: unknown): YamlValue[] {
  return objectsIn(disks).map(([disk, d]) => {
    const path: Path = ['storage', 'disks', d];
    const out = m.track(path, copy({}, disk, ['device', 'wipe_table']));
    const partitions = objectsIn(disk.partitions).map(([part, p]) => partition(m, part, [...path, 'partitions', p]));
    if (partitions.length > 0) out.partitions = partitions;
    m.unknownKeys(disk, path, ['device', 'wipe_table', 'partitions'], out);
    return out;
  });
}

export function migrateRaid(m: Migration, raid: unknown): YamlValue[] {
  const keys = ['name', 'level', 'devices', 'spares', 'options'];
  return objectsIn(raid).map(([array, i]) => {
    const out = m.track(['storage', 'raid', i], copy({}, array, keys));
    m.unknownKeys(array, ['storage', 'raid', i], keys, out);
    return out;
  });
}

/** What files need to know about the filesystem they name. */
export interface NamedFilesystem {
  /** Its device, when ct formats or mounts one (`mount`). */
  device?: string;
  /** Its mount point, when it was already mounted (`path`). */
  path?: string;
}

/** Where the root filesystem is mounted while Ignition runs; ct's implicit `root` filesystem. */
export const ROOT_MOUNT = '/sysroot';

const MOUNT_KEYS = ['device', 'format', 'wipe_filesystem', 'label', 'uuid', 'options'];

/** `mount.create` (deprecated in ct) has no Butane counterpart: its force and options move to the mount's fields. */
function liftCreate(m: Migration, mount: Obj, out: YamlMap, path: Path): void {
  const create = obj(mount.create);
  if (!create) return;
  const done = ['`create` is deprecated and Butane has no such key'];
  if (create.force === true) {
    if (out.wipe_filesystem === undefined) {
      out.wipe_filesystem = true;
      done.push('its `force` became `wipe_filesystem: true`');
    } else if (out.wipe_filesystem === false) done.push('its `force` was not carried over (the mount sets wipe_filesystem: false)');
  }
  if (Array.isArray(create.options) && create.options.length > 0) {
    if (out.options === undefined) {
      copy(out, create, ['options']);
      done.push('its `options` became the filesystem\'s `options`');
    } else done.push('its `options` were not carried over (the mount sets options)');
  }
  m.note(path, done.join('; '), out);
  m.unknownKeys(create, path, ['force', 'options'], out);
}

/**
 * Filesystems with a `mount` become Butane filesystems (which have no name and no mount
 * point unless given). One only named by its mount `path` has no Butane form: Ignition 3
 * only formats devices, and writes every file under the root filesystem.
 */
export function migrateFilesystems(m: Migration, filesystems: unknown): { entries: YamlValue[]; byName: Map<string, NamedFilesystem> } {
  const entries: YamlValue[] = [];
  const byName = new Map<string, NamedFilesystem>();
  for (const [fs, i] of objectsIn(filesystems)) {
    const path: Path = ['storage', 'filesystems', i];
    const name = str(fs.name);
    const mount = obj(fs.mount);
    const mountPath = str(fs.path);
    if (mount) {
      const out = m.track(path, copy({}, mount, MOUNT_KEYS));
      put(out, 'path', mountPath);
      liftCreate(m, mount, out, [...path, 'mount', 'create']);
      m.unknownKeys(mount, [...path, 'mount'], [...MOUNT_KEYS, 'create'], out);
      entries.push(out);
      if (name !== undefined) byName.set(name, { device: str(mount.device), path: mountPath });
    } else if (mountPath !== undefined) {
      const why = mountPath === ROOT_MOUNT ? 'it is the root filesystem, where Butane writes every file' : 'Butane filesystems need a device, and Butane writes files by absolute path';
      m.note(path, `filesystem ${name ?? `#${i}`} only names the already-mounted path ${mountPath}; ${why}, so it has no entry`);
      if (name !== undefined) byName.set(name, { path: mountPath });
    }
    m.unknownKeys(fs, path, ['name', 'mount', 'path']);
  }
  return { entries, byName };
}

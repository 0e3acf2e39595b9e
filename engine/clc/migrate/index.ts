/**
 * Container Linux Config (ct v0.9.4) → Butane `variant: flatcar`, `version: 1.1.0`, following
 * Flatcar's migration notes. The result keeps ct's meaning wherever Butane can express it;
 * everything else is listed as a note and written as a `# ` comment beside the entry concerned.
 */
import type { Path } from '../../schema/sourceMap';
import { obj } from '../../values';
import { Migration, MigrationNote } from './context';
import { migrateDirectories, migrateFiles, migrateLinks, onePerPath, Sourced } from './files';
import { dockerSection, LEGACY_UPDATE_CONF, providerOverrides, updateConf, wrapperUnit } from './generatedSections';
import { migrateIgnition } from './ignitionSection';
import { migratePasswd } from './passwd';
import { migrateDisks, migrateFilesystems, migrateRaid } from './storage';
import { migrateSystemdUnits, networkdFiles, onePerName } from './units';
import { renderYaml, YamlMap, YamlValue } from './yamlText';

export type { MigrationNote } from './context';

export interface MigrateOptions {
  /** ct's --platform: decides what `{PRIVATE_IPV4}`-style fields in etcd and flannel meant. */
  platform?: string;
  /**
   * Keys the CLC decoder set aside as unknown to ct (each the path of the key itself), so
   * that they get a note too; the decoded config no longer holds them.
   */
  unrecognizedKeys?: Path[];
}

export interface Migrated {
  butane: string;
  notes: MigrationNote[];
}

const TOP_KEYS = ['version', 'ignition', 'storage', 'systemd', 'networkd', 'passwd', 'etcd', 'flannel', 'docker', 'update', 'locksmith'];
const HEADER = ['Migrated by Kindling from a Container Linux Config; comments mark what changed or was not carried over.'];

const present = <T>(items: (T | undefined)[]): T[] => items.filter((i): i is T => i !== undefined);

/** ct generated update.conf after the config's own files, so an entry at its old path lost to it. */
function dropReplacedUpdateConf(m: Migration, files: Sourced[], generated: Sourced | undefined): Sourced[] {
  if (!generated) return files;
  return files.filter((file) => {
    if (file.out.path !== LEGACY_UPDATE_CONF) return true;
    m.comments.move(file.out, generated.out);
    m.note(file.from, `ct replaced ${LEGACY_UPDATE_CONF} from ${file.from.join('.')} with the file generated from update/locksmith, so that entry was not carried over`, generated.out);
    return false;
  });
}

export function migrateClc(config: Record<string, unknown>, options: MigrateOptions = {}): Migrated {
  const m = new Migration(options.platform ?? '');
  const storage = obj(config.storage) ?? {};
  const filesystems = migrateFilesystems(m, storage.filesystems);
  const generatedUpdateConf = updateConf(m, obj(config.update), obj(config.locksmith));
  const files = [
    ...dropReplacedUpdateConf(m, migrateFiles(m, storage.files, filesystems.byName), generatedUpdateConf),
    ...present([generatedUpdateConf]),
    ...networkdFiles(m, obj(config.networkd) ?? {}),
  ];
  const directories = migrateDirectories(m, storage.directories, filesystems.byName);
  const links = migrateLinks(m, storage.links, filesystems.byName);
  const docker = obj(config.docker);
  const etcd = obj(config.etcd);
  const flannel = obj(config.flannel);
  // In the order ct added them, which decides who wins when entries are merged.
  const units = [
    ...providerOverrides(m),
    ...present([docker && dockerSection(m, docker), etcd && wrapperUnit(m, 'etcd', etcd), flannel && wrapperUnit(m, 'flannel', flannel)]),
    ...migrateSystemdUnits(m, obj(config.systemd)?.units),
  ];
  const ignitionSection = obj(config.ignition);
  const ignition = ignitionSection && migrateIgnition(m, ignitionSection);
  const disks = migrateDisks(m, storage.disks);
  const raid = migrateRaid(m, storage.raid);
  const passwdSection = obj(config.passwd);
  const passwd = passwdSection && migratePasswd(m, passwdSection);

  m.unknownKeys(config, [], TOP_KEYS);
  m.unknownKeys(storage, ['storage'], ['disks', 'raid', 'filesystems', 'files', 'directories', 'links']);
  m.unknownKeys(obj(config.systemd) ?? {}, ['systemd'], ['units']);
  for (const key of options.unrecognizedKeys ?? []) m.unknownKey(key);

  // Merging moves comments along, so it comes after every note has found its entry.
  const out: YamlMap = m.root;
  out.variant = 'flatcar';
  out.version = '1.1.0';
  if (ignition) out.ignition = ignition;
  const storageOut: YamlMap = {};
  const lists: [string, YamlValue[]][] = [
    ['disks', disks],
    ['raid', raid],
    ['filesystems', filesystems.entries],
    ['files', onePerPath(m, files)],
    ['directories', onePerPath(m, directories)],
    ['links', onePerPath(m, links)],
  ];
  for (const [key, list] of lists) if (list.length > 0) storageOut[key] = list;
  if (Object.keys(storageOut).length > 0) out.storage = storageOut;
  const mergedUnits = onePerName(m, units);
  if (mergedUnits.length > 0) out.systemd = { units: mergedUnits };
  if (passwd) out.passwd = passwd;
  return { butane: renderYaml(out, m.comments, HEADER), notes: m.notes };
}

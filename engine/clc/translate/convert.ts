/**
 * CLC → Ignition 2.3.0, section by section in the order ct runs its converters, with
 * ct's defaults (mode 0644/0755, filesystem "root", `data:,` for empty contents) and its
 * conversion errors. The result is plain data in Ignition's JSON names.
 */
import * as path from 'path';
import type { FileSystemAccess } from '../../host/files';
import type { IgnitionObject } from '../../ignition/marshal';
import type { Path } from '../../schema/sourceMap';
import { isObj, list, obj, Obj, str } from '../../values';
import type { ClcProblem } from '../problems';
import { parseGoUrl } from '../goUrl';
import { parseBase2Bytes } from '../goUnits';
import { dockerUnit, etcdUnit, flannelUnit, GeneratedProblem, providerOverrideUnits, updateConfFile } from '../generated/index';
import { Origins } from './origins';
import { escapeDataUrl } from './dataUrlText';

export interface ConvertOptions {
  platform: string;
  /** Absolute --files-dir; undefined when not given. */
  filesDir?: string;
  /** The files directory as the user wrote it, for messages (ct prints paths from the flag's value). */
  filesDirLabel?: string;
  fs?: FileSystemAccess;
}

export interface Converted {
  ignition: IgnitionObject;
  origins: Origins;
  problems: ClcProblem[];
}

/** ct's names for common partition types, and the GUIDs it writes for them. */
export const TYPE_GUID_ALIASES: Readonly<Record<string, string>> = {
  raid_containing_root: 'be9067b9-ea49-4f15-b4f6-f36f8c9e1818',
  linux_filesystem_data: '0fc63daf-8483-4772-8e79-3d69d8477de4',
  swap_partition: '0657fd6d-a4ab-43c4-84e5-0933c84b4f4f',
  raid_partition: 'a19d880f-05fc-4d3b-a006-743f0f84911e',
};

const MIB = 1024 * 1024;

/** Copies the keys that are set, renaming CLC names to Ignition's. */
function pick(source: Obj, names: Record<string, string>): IgnitionObject {
  const out: IgnitionObject = {};
  for (const [from, to] of Object.entries(names)) {
    const value = source[from];
    if (value !== undefined) out[to] = value as IgnitionObject[string];
  }
  return out;
}

/** The Ignition spec version ct writes for every Container Linux Config. */
export const CLC_IGNITION_VERSION = '2.3.0';

class Converter {
  readonly origins = new Origins();
  readonly problems: ClcProblem[] = [];
  readonly out: IgnitionObject = { ignition: { version: CLC_IGNITION_VERSION, config: {}, timeouts: {}, security: { tls: {} } }, storage: {}, systemd: {}, networkd: {}, passwd: {} };

  constructor(
    private readonly config: Obj,
    private readonly options: ConvertOptions,
  ) {}

  private section(name: string): IgnitionObject {
    return this.out[name] as IgnitionObject;
  }

  private push(section: IgnitionObject, key: string, item: IgnitionObject): void {
    ((section[key] as IgnitionObject[] | undefined) ?? (section[key] = [])).push(item);
  }

  private error(message: string, at: Path, code = 'clc/convert'): void {
    this.problems.push({ severity: 'error', message, path: at, code });
  }

  private generated(problems: GeneratedProblem[], section: string): void {
    for (const p of problems) this.problems.push({ severity: p.severity, message: p.message, path: p.path.length ? p.path : [section], at: p.at === 'key' ? 'key' : 'value', code: `clc/${section}` });
  }

  private at(...keys: string[]): Obj | undefined {
    let value: unknown = this.config;
    for (const k of keys) value = obj(value)?.[k];
    return obj(value);
  }

  run(): void {
    for (const unit of providerOverrideUnits(this.options.platform)) this.push(this.section('systemd'), 'units', this.origins.set(unit, ['systemd']));
    this.ignitionSection();
    this.disks();
    this.generatedUnit('docker', (s) => dockerUnit(s));
    this.generatedUnit('etcd', (s) => etcdUnit(s, this.options.platform));
    this.files();
    this.filesystems();
    this.generatedUnit('flannel', (s) => flannelUnit(s, this.options.platform));
    this.networkd();
    this.passwd();
    this.raid();
    this.certificateAuthorities();
    this.systemdUnits();
    this.updateConf();
  }

  private verification(source: unknown): IgnitionObject {
    const hash = obj(obj(source)?.hash);
    const fn = str(hash?.function) ?? '';
    const sum = str(hash?.sum) ?? '';
    return fn === '' || sum === '' ? {} : { hash: `${fn}-${sum}` };
  }

  private configReference(ref: Obj, at: Path): IgnitionObject | undefined {
    const source = str(ref.source) ?? '';
    const parsed = parseGoUrl(source);
    if (!parsed.ok) {
      this.error(parsed.message, [...at, 'source']);
      return undefined;
    }
    return this.origins.set({ source, verification: this.verification(ref.verification) }, at);
  }

  private ignitionSection(): void {
    const ignition = this.section('ignition');
    const timeouts = this.at('ignition', 'timeouts');
    if (timeouts) ignition.timeouts = pick(timeouts, { http_response_headers: 'httpResponseHeaders', http_total: 'httpTotal' });
    const config = ignition.config as IgnitionObject;
    list(this.at('ignition', 'config')?.append).forEach((ref, i) => {
      const converted = isObj(ref) ? this.configReference(ref, ['ignition', 'config', 'append', i]) : undefined;
      if (converted) this.push(config, 'append', converted);
    });
    const replace = this.at('ignition', 'config', 'replace');
    if (replace) {
      const converted = this.configReference(replace, ['ignition', 'config', 'replace']);
      if (converted) config.replace = converted;
    }
  }

  private dimension(value: unknown, at: Path): { ok: true; mib?: number } | { ok: false } {
    const text = str(value) ?? '';
    if (text === '') return { ok: true };
    const parsed = parseBase2Bytes(text);
    let message: string | undefined;
    if (!parsed.ok) message = parsed.message;
    else if (parsed.bytes < 0) message = `invalid dimension (negative): ${JSON.stringify(text)}`;
    else if (parsed.bytes % MIB !== 0) message = 'invalid dimension (finest granularity is 1MiB)';
    if (message !== undefined || !parsed.ok) {
      this.error(message ?? 'invalid dimension', at, 'clc/partition-size');
      return { ok: false };
    }
    return { ok: true, mib: Math.trunc(parsed.bytes / MIB) };
  }

  private disks(): void {
    list(this.at('storage')?.disks).forEach((disk, d) => {
      if (!isObj(disk)) return;
      const at: Path = ['storage', 'disks', d];
      const out = this.origins.set(pick(disk, { device: 'device', wipe_table: 'wipeTable' }), at);
      list(disk.partitions).forEach((part, p) => {
        if (!isObj(part)) return;
        const partAt: Path = [...at, 'partitions', p];
        const size = this.dimension(part.size, [...partAt, 'size']);
        if (!size.ok) return;
        const start = this.dimension(part.start, [...partAt, 'start']);
        if (!start.ok) return;
        const converted = pick(part, { label: 'label', number: 'number', guid: 'guid' });
        if (size.mib !== undefined) converted.sizeMiB = size.mib;
        if (start.mib !== undefined) converted.startMiB = start.mib;
        const typeGuid = str(part.type_guid);
        if (typeGuid !== undefined) converted.typeGuid = TYPE_GUID_ALIASES[typeGuid] ?? typeGuid;
        this.push(out, 'partitions', this.origins.set(converted, partAt, { sizeMiB: ['size'], startMiB: ['start'], typeGuid: ['type_guid'] }));
      });
      this.push(this.section('storage'), 'disks', out);
    });
  }

  private generatedUnit(section: string, make: (config: Obj) => { unit?: IgnitionObject; problems: GeneratedProblem[] }): void {
    const config = this.at(section);
    if (!config) return;
    const result = make(config);
    this.generated(result.problems, section);
    if (result.unit) this.push(this.section('systemd'), 'units', this.origins.set(result.unit, [section]));
  }

  private node(item: Obj, at: Path, defaults: { mode?: number }): IgnitionObject {
    const out: IgnitionObject = { filesystem: str(item.filesystem) || 'root', path: str(item.path) ?? '' };
    if (item.overwrite !== undefined) out.overwrite = item.overwrite as boolean;
    for (const owner of ['user', 'group'] as const) {
      const source = obj(item[owner]);
      if (source) out[owner] = this.origins.set(pick(source, { id: 'id', name: 'name' }), [...at, owner]);
    }
    if (defaults.mode !== undefined) out.mode = typeof item.mode === 'number' ? item.mode : defaults.mode;
    return this.origins.set(out, at);
  }

  /** The data URL ct builds for inline or local contents. */
  private contents(file: Obj, at: Path): IgnitionObject | undefined {
    const contents = obj(file.contents) ?? {};
    const remote = obj(contents.remote) ?? {};
    let source: string | undefined;
    let origin: Path = [...at, 'contents'];
    let keys: Record<string, Path> | undefined;
    const inline = str(contents.inline) ?? '';
    if (inline !== '') source = `data:,${escapeDataUrl(new TextEncoder().encode(inline))}`;
    const local = str(contents.local) ?? '';
    if (local !== '') {
      const localAt: Path = [...at, 'contents', 'local'];
      if (!this.options.filesDir) {
        this.error('local files require setting the --files-dir flag to the directory that contains the file', localAt, 'clc/local-files-dir');
        return undefined;
      }
      // ct joins the paths lexically and reads whatever is there (see docs: we warn on escapes).
      const file = path.posix.join(this.options.filesDir.split(path.sep).join('/'), local);
      const data = this.options.fs?.readFile(file);
      if (!data) {
        const shown = path.posix.join((this.options.filesDirLabel ?? this.options.filesDir).split(path.sep).join('/'), local);
        const kind = this.options.fs?.stat(file)?.kind;
        const reason = kind === undefined ? `open ${shown}: no such file or directory` : kind === 'directory' ? `read ${shown}: is a directory` : `open ${shown}: permission denied`;
        this.error(reason, localAt, 'clc/local-file');
        return undefined;
      }
      source = `data:,${escapeDataUrl(data)}`;
    }
    const url = str(remote.url) ?? '';
    if (url !== '') {
      const parsed = parseGoUrl(url);
      if (!parsed.ok) {
        this.error(parsed.message, [...at, 'contents', 'remote', 'url']);
        return undefined;
      }
      source = parsed.text;
      origin = [...at, 'contents', 'remote'];
      keys = { source: ['url'] };
    }
    const out: IgnitionObject = { source: source ?? 'data:,' };
    if (remote.compression !== undefined) out.compression = remote.compression as string;
    out.verification = this.origins.set(this.verification(remote.verification), [...at, 'contents', 'remote', 'verification']);
    return this.origins.set(out, origin, keys);
  }

  private files(): void {
    const storage = this.at('storage');
    list(storage?.files).forEach((file, i) => {
      if (!isObj(file)) return;
      const at: Path = ['storage', 'files', i];
      const contents = this.contents(file, at);
      if (!contents) return;
      const out = this.node(file, at, { mode: 0o644 });
      if (file.append === true) out.append = true;
      out.contents = contents;
      this.push(this.section('storage'), 'files', out);
    });
    list(storage?.directories).forEach((dir, i) => {
      if (isObj(dir)) this.push(this.section('storage'), 'directories', this.node(dir, ['storage', 'directories', i], { mode: 0o755 }));
    });
    list(storage?.links).forEach((link, i) => {
      if (!isObj(link)) return;
      const out = this.node(link, ['storage', 'links', i], {});
      if (link.hard === true) out.hard = true;
      out.target = str(link.target) ?? '';
      this.push(this.section('storage'), 'links', out);
    });
  }

  private filesystems(): void {
    list(this.at('storage')?.filesystems).forEach((fs, i) => {
      if (!isObj(fs)) return;
      const at: Path = ['storage', 'filesystems', i];
      const out = pick(fs, { name: 'name', path: 'path' });
      const mount = obj(fs.mount);
      if (mount) {
        const m = pick(mount, { device: 'device', format: 'format', wipe_filesystem: 'wipeFilesystem', label: 'label', uuid: 'uuid', options: 'options' });
        const create = obj(mount.create);
        if (create) m.create = this.origins.set(pick(create, { force: 'force', options: 'options' }), [...at, 'mount', 'create']);
        out.mount = this.origins.set(m, [...at, 'mount']);
      }
      this.push(this.section('storage'), 'filesystems', this.origins.set(out, at));
    });
  }

  private dropins(unit: Obj, at: Path): IgnitionObject[] | undefined {
    const dropins = list(unit.dropins)
      .map((d, j) => (isObj(d) ? this.origins.set(pick(d, { name: 'name', contents: 'contents' }), [...at, 'dropins', j]) : undefined))
      .filter((d): d is IgnitionObject => d !== undefined);
    return dropins.length ? dropins : undefined;
  }

  private networkd(): void {
    list(this.at('networkd')?.units).forEach((unit, i) => {
      if (!isObj(unit)) return;
      const at: Path = ['networkd', 'units', i];
      const out = pick(unit, { name: 'name', contents: 'contents' });
      const dropins = this.dropins(unit, at);
      if (dropins) out.dropins = dropins;
      this.push(this.section('networkd'), 'units', this.origins.set(out, at));
    });
  }

  private passwd(): void {
    const passwd = this.at('passwd');
    const userFields = {
      name: 'name', password_hash: 'passwordHash', ssh_authorized_keys: 'sshAuthorizedKeys', uid: 'uid', gecos: 'gecos', home_dir: 'homeDir',
      no_create_home: 'noCreateHome', primary_group: 'primaryGroup', groups: 'groups', no_user_group: 'noUserGroup', system: 'system',
      no_log_init: 'noLogInit', shell: 'shell',
    };
    list(passwd?.users).forEach((user, i) => {
      if (!isObj(user)) return;
      const at: Path = ['passwd', 'users', i];
      const out = pick(user, userFields);
      const create = obj(user.create);
      if (create) {
        const { name: _name, password_hash: _hash, ssh_authorized_keys: _keys, ...createFields } = userFields;
        out.create = this.origins.set(pick(create, createFields), [...at, 'create']);
      }
      this.push(this.section('passwd'), 'users', this.origins.set(out, at));
    });
    list(passwd?.groups).forEach((group, i) => {
      if (isObj(group)) this.push(this.section('passwd'), 'groups', this.origins.set(pick(group, { name: 'name', gid: 'gid', password_hash: 'passwordHash', system: 'system' }), ['passwd', 'groups', i]));
    });
  }

  private raid(): void {
    list(this.at('storage')?.raid).forEach((array, i) => {
      if (isObj(array)) this.push(this.section('storage'), 'raid', this.origins.set(pick(array, { name: 'name', level: 'level', spares: 'spares', devices: 'devices', options: 'options' }), ['storage', 'raid', i]));
    });
  }

  private certificateAuthorities(): void {
    const tls = (this.section('ignition').security as IgnitionObject).tls as IgnitionObject;
    list(this.at('ignition', 'security', 'tls')?.certificate_authorities).forEach((ca, i) => {
      if (!isObj(ca)) return;
      const at: Path = ['ignition', 'security', 'tls', 'certificate_authorities', i];
      this.push(tls, 'certificateAuthorities', this.origins.set({ source: str(ca.source) ?? '', verification: this.verification(ca.verification) }, at));
    });
  }

  private systemdUnits(): void {
    list(this.at('systemd')?.units).forEach((unit, i) => {
      if (!isObj(unit)) return;
      const at: Path = ['systemd', 'units', i];
      const out = pick(unit, { name: 'name', enable: 'enable', enabled: 'enabled', mask: 'mask', contents: 'contents' });
      const dropins = this.dropins(unit, at);
      if (dropins) out.dropins = dropins;
      this.push(this.section('systemd'), 'units', this.origins.set(out, at));
    });
  }

  private updateConf(): void {
    const update = this.at('update');
    const locksmith = this.at('locksmith');
    const result = updateConfFile(update, locksmith);
    this.generated(result.problems, update ? 'update' : 'locksmith');
    if (result.file) this.push(this.section('storage'), 'files', this.origins.set(result.file, [update ? 'update' : 'locksmith']));
  }
}

/** Runs ct's converters over a decoded CLC. Conversion errors mean ct prints no config. */
export function convertClc(config: Obj, options: ConvertOptions): Converted {
  const converter = new Converter(config, options);
  converter.run();
  return { ignition: converter.out, origins: converter.origins, problems: converter.problems };
}

/**
 * The checks ct's Ignition library (flatcar/ignition v0.36, spec 2.3) runs on the config
 * ct generated, with that library's messages. Problems carry paths into the output; the
 * caller maps them back to the CLC document.
 */
import * as path from 'path';
import type { IgnitionObject } from '../ignition/marshal';
import type { Path } from '../schema/sourceMap';
import { parseUnit } from '../systemd/unitFile';
import { isObj, list, Obj, str } from '../values';
import { decodeDataUrl } from './dataUrl';
import { parseGoUrl } from './goUrl';
import type { ClcSeverity } from './problems';

export interface OutputProblem {
  severity: ClcSeverity;
  message: string;
  path: Path;
}

const GUID = /^(|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$/;
const UNIT_TYPES = ['.service', '.socket', '.device', '.mount', '.automount', '.swap', '.target', '.path', '.timer', '.snapshot', '.slice', '.scope'];
const LABEL_LIMITS: Record<string, [number, string]> = {
  ext4: [16, 'ext4'],
  btrfs: [256, 'btrfs'],
  xfs: [12, 'xfs'],
  swap: [15, 'swap'],
  vfat: [11, 'vfat'],
};

/** Go's %v of a byte slice: `[104 105]`. */
function goBytes(text: string): string {
  return `[${[...new TextEncoder().encode(text)].join(' ')}]`;
}

/** The unit text as go-systemd's old deserializer judges it, worded as Ignition 2.3 reports it. */
export function unitContentProblem(contents: string): { message?: string; sections?: string[] } {
  const parsed = parseUnit(contents);
  // The old deserializer returns options only, so a section without options does not count.
  if (parsed.ok) return { sections: parsed.sections.filter((s) => s.options.length > 0).map((s) => s.name) };
  const why: Record<typeof parsed.reason, () => string> = {
    'line-too-long': () => 'line too long (max 2048 bytes)',
    'unclosed-section': () => 'unable to find end of section',
    // That library never records the section name, so its message has none; the text is
    // printed as Go prints a byte slice.
    'garbage-after-section': () => `found garbage after section name : ${goBytes(parsed.reason === 'garbage-after-section' ? parsed.garbage : '')}`,
    'newline-in-option-name': () => 'unexpected newline encountered while parsing option name',
    'eof-in-option-name': () => 'EOF',
  };
  return { message: `invalid unit content: ${why[parsed.reason]()}` };
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

class OutputValidator {
  readonly problems: OutputProblem[] = [];

  private add(severity: ClcSeverity, message: string, at: Path): void {
    this.problems.push({ severity, message, path: at });
  }

  validateUrl(source: string, at: Path, wrap: (err: string) => string = (e) => e): void {
    if (source === '') return;
    const parsed = parseGoUrl(source);
    if (!parsed.ok) return this.add('error', wrap('unable to parse url'), at);
    const scheme = parsed.url.scheme;
    if (['http', 'https', 'oem', 'tftp'].includes(scheme)) return;
    if (scheme === 's3') {
      const versions = parsed.url.query('versionId');
      if (versions !== undefined && (versions.length === 0 || versions[0] === '')) this.add('error', wrap('invalid S3 object VersionId'), at);
      return;
    }
    if (scheme === 'data') {
      const decoded = decodeDataUrl(source);
      if (!decoded.ok) this.add('error', wrap(decoded.message), at);
      return;
    }
    this.add('error', wrap('invalid url scheme'), at);
  }

  private verification(v: unknown, at: Path): void {
    const hash = str((v as Obj | undefined)?.hash);
    if (hash === undefined) return;
    const dash = hash.indexOf('-');
    if (dash < 0) return this.add('error', 'malformed hash specifier', at);
    const [fn, sum] = [hash.slice(0, dash), hash.slice(dash + 1)];
    if (fn !== 'sha512') return this.add('error', 'unrecognized hash function', at);
    if (sum.length !== 128) this.add('error', 'incorrect size for hash sum', at);
  }

  ignition(ignition: Obj): void {
    const config = (ignition.config ?? {}) as Obj;
    list(config.append).forEach((ref, i) => this.reference(ref as Obj, ['ignition', 'config', 'append', i]));
    if (isObj(config.replace)) this.reference(config.replace, ['ignition', 'config', 'replace']);
    const tls = ((ignition.security as Obj | undefined)?.tls ?? {}) as Obj;
    list(tls.certificateAuthorities).forEach((ca, i) => this.reference(ca as Obj, ['ignition', 'security', 'tls', 'certificateAuthorities', i]));
  }

  private reference(ref: Obj, at: Path): void {
    this.validateUrl(str(ref.source) ?? '', [...at, 'source']);
    this.verification(ref.verification, [...at, 'verification']);
  }

  private unitLike(unit: Obj, at: Path, extensions: string[], extMessage: string, enabled: boolean, isUnit: boolean): void {
    const contents = str(unit.contents) ?? '';
    const judged = unitContentProblem(contents);
    const contentsAt = isUnit ? [...at, 'contents'] : at;
    if (judged.message) this.add('error', judged.message, contentsAt);
    // No options at all reads as "could not parse" to Ignition, which then says nothing.
    if (isUnit && enabled && contents !== '' && judged.sections?.length && !judged.sections.includes('Install')) {
      this.add('warning', `unit ${JSON.stringify(str(unit.name) ?? '')} is enabled, but has no install section so enable does nothing`, contentsAt);
    }
    if (!extensions.includes(path.posix.extname(str(unit.name) ?? ''))) this.add('error', extMessage, isUnit ? [...at, 'name'] : at);
  }

  systemd(systemd: Obj): void {
    list(systemd.units).forEach((u, i) => {
      const unit = u as Obj;
      const at: Path = ['systemd', 'units', i];
      this.unitLike(unit, at, UNIT_TYPES, 'invalid systemd unit extension', unit.enable === true || unit.enabled === true, true);
      list(unit.dropins).forEach((d, j) => this.unitLike(d as Obj, [...at, 'dropins', j], ['.conf'], 'invalid systemd drop-in extension', false, false));
    });
  }

  networkd(networkd: Obj): void {
    list(networkd.units).forEach((u, i) => {
      const at: Path = ['networkd', 'units', i];
      const before = this.problems.length;
      this.unitLike(u as Obj, at, ['.link', '.netdev', '.network'], 'invalid networkd unit extension', false, false);
      // The unit's own Validate failed: Ignition does not look at its drop-ins.
      if (this.problems.length > before) return;
      list((u as Obj).dropins).forEach((d, j) => this.unitLike(d as Obj, [...at, 'dropins', j], ['.conf'], 'invalid networkd drop-in extension', false, false));
    });
  }

  passwd(passwd: Obj): void {
    list(passwd.users).forEach((u, i) => {
      const user = u as Obj;
      if (!isObj(user.create)) return;
      const at: Path = ['passwd', 'users', i];
      this.add('warning', 'the create object has been deprecated in favor of user-level options', at);
      const conflicts: [unknown, string][] = [
        [user.gecos, 'gecos'], [list(user.groups).length > 0 || undefined, 'groups'], [user.homeDir, 'homeDir'], [user.noCreateHome, 'noCreateHome'],
        [user.noLogInit, 'noLogInit'], [user.noUserGroup, 'noUserGroup'], [user.primaryGroup, 'primaryGroup'], [user.shell, 'shell'], [user.system, 'system'],
      ];
      for (const [value, field] of conflicts) {
        if (value !== undefined && value !== '' && value !== false) this.add('error', `cannot use both the create object and the user-level ${field} field`, at);
      }
      if (user.uid !== undefined) this.add('error', 'cannot use both the create object and the user-level uid field', at);
    });
  }

  private node(item: Obj, at: Path): void {
    if ((str(item.filesystem) ?? '') === '') this.add('error', 'no filesystem specified', [...at, 'filesystem']);
    if (!isAbsolute(str(item.path) ?? '')) this.add('error', 'path not absolute', [...at, 'path']);
    for (const owner of ['user', 'group']) {
      const o = item[owner] as Obj | undefined;
      if (isObj(o) && o.id !== undefined && (str(o.name) ?? '') !== '') this.add('error', 'cannot set both id and name', [...at, owner]);
    }
  }

  private mode(item: Obj, at: Path): void {
    const mode = item.mode;
    if (typeof mode === 'number' && (mode < 0 || mode > 0o7777)) this.add('error', 'illegal file mode', [...at, 'mode']);
    if (mode === undefined) this.add('warning', 'permissions unset, defaulting to 0000', [...at, 'mode']);
  }

  storage(storage: Obj): void {
    list(storage.directories).forEach((d, i) => {
      const at: Path = ['storage', 'directories', i];
      this.node(d as Obj, at);
      this.mode(d as Obj, at);
    });
    list(storage.disks).forEach((d, i) => this.disk(d as Obj, ['storage', 'disks', i]));
    list(storage.files).forEach((f, i) => {
      const file = f as Obj;
      const at: Path = ['storage', 'files', i];
      if (file.overwrite === true && file.append === true) return this.add('error', 'cannot set both append and overwrite to true', at);
      this.node(file, at);
      this.mode(file, at);
      const contents = (file.contents ?? {}) as Obj;
      const compression = str(contents.compression) ?? '';
      if (compression !== '' && compression !== 'gzip') this.add('error', 'invalid compression method', [...at, 'contents', 'compression']);
      const source = str(contents.source) ?? '';
      this.validateUrl(source, [...at, 'contents', 'source'], (e) => `invalid url ${JSON.stringify(source)}: ${e}`);
      this.verification(contents.verification, [...at, 'contents', 'verification']);
    });
    list(storage.filesystems).forEach((f, i) => this.filesystem(f as Obj, ['storage', 'filesystems', i]));
    list(storage.links).forEach((l, i) => this.node(l as Obj, ['storage', 'links', i]));
    list(storage.raid).forEach((r, i) => this.raid(r as Obj, ['storage', 'raid', i]));
  }

  private disk(disk: Obj, at: Path): void {
    const device = str(disk.device) ?? '';
    if (device === '') this.add('error', 'disk device is required', [...at, 'device']);
    else if (!isAbsolute(device)) this.add('error', 'path not absolute', [...at, 'device']);
    const parts = list(disk.partitions) as Obj[];
    const numbers = parts.map((p) => (p.number as number | undefined) ?? 0).filter((n) => n !== 0);
    if (new Set(numbers).size !== numbers.length) this.add('error', 'partition numbers collide', [...at, 'partitions']);
    parts.forEach((p, j) => {
      const partAt: Path = [...at, 'partitions', j];
      const label = str(p.label);
      if (label !== undefined) {
        if (new TextEncoder().encode(label).length > 36) this.add('error', 'partition labels may not exceed 36 characters', [...partAt, 'label']);
        if (label.includes(':')) this.add('warning', 'partition label will be truncated to text before the colon', [...partAt, 'label']);
      }
      for (const key of ['typeGuid', 'guid']) {
        if (!GUID.test(str(p[key]) ?? '')) this.add('error', `doesn't match the form "01234567-89AB-CDEF-EDCB-A98765432101"`, [...partAt, key]);
      }
    });
  }

  private filesystem(fs: Obj, at: Path): void {
    // Filesystem.Validate: an error there stops Ignition from looking further inside.
    const before = this.problems.length;
    const mount = isObj(fs.mount) ? fs.mount : undefined;
    if (!mount && fs.path === undefined) this.add('error', 'filesystem is missing mount or path', at);
    if (mount) {
      if (fs.path !== undefined) this.add('error', 'filesystem has both mount and path defined', at);
      if (isObj(mount.create)) {
        if (mount.wipeFilesystem === true) this.add('error', 'cannot use both create object and wipeFilesystem field', at);
        if (list(mount.options).length > 0) this.add('error', 'cannot use both create object and mount-level options field', at);
        this.add('warning', 'the create object has been deprecated in favor of mount-level options', at);
      }
    }
    if (this.problems.slice(before).some((p) => p.severity === 'error')) return;
    if (typeof fs.path === 'string' && !isAbsolute(fs.path)) this.add('error', `filesystem ${JSON.stringify(str(fs.name) ?? '')}: path not absolute`, [...at, 'path']);
    if (!mount) return;
    const mountAt: Path = [...at, 'mount'];
    const format = str(mount.format) ?? '';
    const limit = LABEL_LIMITS[format];
    if (!limit) return this.add('error', 'invalid filesystem format', mountAt);
    if (!isAbsolute(str(mount.device) ?? '')) this.add('error', 'path not absolute', [...mountAt, 'device']);
    const label = str(mount.label);
    if (label !== undefined && new TextEncoder().encode(label).length > limit[0]) {
      this.add('error', `filesystem labels cannot be longer than ${limit[0]} characters when using ${limit[1]}`, [...mountAt, 'label']);
    }
  }

  private raid(array: Obj, at: Path): void {
    const level = str(array.level) ?? '';
    if (['linear', 'raid0', '0', 'stripe'].includes(level)) {
      if (((array.spares as number | undefined) ?? 0) !== 0) this.add('error', 'spares unsupported for arrays with a level greater than 0', [...at, 'level']);
    } else if (!['raid1', '1', 'mirror', 'raid4', '4', 'raid5', '5', 'raid6', '6', 'raid10', '10'].includes(level)) {
      this.add('error', 'unrecognized raid level', [...at, 'level']);
    }
    for (const device of list(array.devices)) {
      if (!isAbsolute(String(device))) this.add('error', 'path not absolute', [...at, 'devices']);
    }
  }

  config(cfg: IgnitionObject): void {
    const storage = (cfg.storage ?? {}) as Obj;
    const known = new Set(['root']);
    const shadowed: string[] = [];
    for (const fs of list(storage.filesystems) as Obj[]) {
      const name = str(fs.name) ?? '';
      if (known.has(name)) shadowed.push(name);
      known.add(name);
    }
    const kinds: [string, string][] = [['files', 'File'], ['links', 'Link'], ['directories', 'Directory']];
    for (const [key, kind] of kinds) {
      list(storage[key]).forEach((n, i) => {
        const node = n as Obj;
        const fs = str(node.filesystem) ?? '';
        if (fs !== '' && !known.has(fs)) {
          this.add('warning', `${kind} ${JSON.stringify(str(node.path) ?? '')} references nonexistent filesystem ${JSON.stringify(fs)}. (This is ok if it is defined in a referenced config)`, ['storage', key, i, 'filesystem']);
        }
      });
    }
    for (const name of shadowed) this.add('warning', `Filesystem ${JSON.stringify(name)} shadows exising filesystem definition`, ['storage', 'filesystems']);
    this.ignition((cfg.ignition ?? {}) as Obj);
    this.networkd((cfg.networkd ?? {}) as Obj);
    this.passwd((cfg.passwd ?? {}) as Obj);
    this.storage(storage);
    this.systemd((cfg.systemd ?? {}) as Obj);
  }
}

/** Ignition 2.3's verdict on a generated config. */
export function validateOutput(config: IgnitionObject): OutputProblem[] {
  const validator = new OutputValidator();
  validator.config(config);
  return validator.problems;
}

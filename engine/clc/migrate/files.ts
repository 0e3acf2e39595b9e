/**
 * `storage.files`, `directories` and `links`. ct's defaults are written out where Butane's
 * differ or are weaker: file `overwrite` (true in Ignition 2, false in Ignition 3) and the
 * modes ct fills in (0644 files, 0755 directories). Files no longer name a filesystem.
 */
import * as path from 'path';
import type { Path } from '../../schema/sourceMap';
import { obj, Obj, str } from '../../values';
import { copy, Migration, objectsIn, put } from './context';
import { Octal } from './scalars';
import { NamedFilesystem, ROOT_MOUNT } from './storage';
import { verificationHash } from './ignitionSection';
import type { YamlMap } from './yamlText';

/** An output entry with the CLC path it came from (or the CLC section that generated it). */
export interface Sourced {
  out: YamlMap;
  from: Path;
}

const OWNER_KEYS = ['id', 'name'];

function owners(m: Migration, node: Obj, out: YamlMap, from: Path): void {
  for (const owner of ['user', 'group']) {
    const source = obj(node[owner]);
    if (!source) continue;
    out[owner] = copy({}, source, OWNER_KEYS);
    m.unknownKeys(source, [...from, owner], OWNER_KEYS, out);
  }
}

/** Notes an entry ct wrote to a filesystem other than the root one; Butane writes by absolute path only. */
function otherFilesystem(m: Migration, node: Obj, out: YamlMap, from: Path, filesystems: Map<string, NamedFilesystem>): void {
  const name = str(node.filesystem) || 'root';
  const fs = filesystems.get(name);
  if (name === 'root' || fs?.path === ROOT_MOUNT) return;
  const target = str(node.path) ?? '';
  let advice: string;
  if (!fs) advice = 'that filesystem is not defined in this config (Ignition would have failed)';
  else if (fs.device !== undefined) advice = `give that filesystem (${fs.device}) a \`path\` (its mount point) and move this entry under it`;
  else advice = `move this entry under the directory where that filesystem is mounted (${fs.path ?? '?'})`;
  const grub = target === '/grub.cfg' ? '; for kernel arguments use `kernel_arguments.should_exist` instead' : '';
  m.note([...from, 'filesystem'], `ct wrote ${target} to filesystem \`${name}\`; Butane has no per-entry filesystem and writes this path on the root filesystem: ${advice}${grub}`, out);
}

/**
 * `contents` (or the one `append` item): remote.url → source; inline and local stay; ct's
 * empty-file default is explicit. Notes go on `target`, above its `key` (contents or append).
 */
function resource(m: Migration, file: Obj, from: Path, target: YamlMap, key: string): YamlMap {
  const contents = obj(file.contents) ?? {};
  const remote = obj(contents.remote) ?? {};
  const at: Path = [...from, 'contents'];
  // ct lets a later kind win (remote over local over inline) and rejects more than one.
  const given = (
    [
      ['source', str(remote.url), [...at, 'remote', 'url']],
      ['local', str(contents.local), [...at, 'local']],
      ['inline', str(contents.inline), [...at, 'inline']],
    ] as const
  ).filter(([, value]) => value);
  const [kind, value] = given[0] ?? ['inline', ''];
  const out: YamlMap = { [kind]: value ?? '' };
  for (const [, , skipped] of given.slice(1)) {
    m.note(skipped, `only one of inline, local and remote.url can be set (ct refuses this); \`${skipped.slice(-2).join('.')}\` was not carried over`, target, key);
  }
  if (kind === 'local') localNote(m, value ?? '', [...at, 'local'], target, key);
  if (remote.compression !== undefined) out.compression = String(remote.compression);
  put(out, 'verification', verificationHash(m, remote.verification, [...at, 'remote', 'verification'], target));
  m.unknownKeys(contents, at, ['inline', 'local', 'remote'], target);
  m.unknownKeys(remote, [...at, 'remote'], ['url', 'compression', 'verification'], target);
  return out;
}

function localNote(m: Migration, local: string, at: Path, target: YamlMap, key: string): void {
  if (path.posix.normalize(local).split('/')[0] === '..') {
    m.note(at, `\`local: ${local}\` leaves the files directory: ct allowed that, Butane refuses it; move the file under the directory given to butane --files-dir and adjust this path`, target, key);
  } else {
    m.noteOnce(at, 'butane reads `local` files from the directory given with --files-dir (-d), as ct did with -files-dir', target, key);
  }
}

export function migrateFiles(m: Migration, files: unknown, filesystems: Map<string, NamedFilesystem>): Sourced[] {
  return objectsIn(files).map(([file, i]) => {
    const from: Path = ['storage', 'files', i];
    const out = m.track(from, put({}, 'path', str(file.path)));
    const append = file.append === true;
    // Ignition 2 overwrote by default; an appended file is never overwritten.
    put(out, 'overwrite', typeof file.overwrite === 'boolean' ? file.overwrite : append ? undefined : true);
    out.mode = new Octal(typeof file.mode === 'number' ? file.mode : 0o644);
    owners(m, file, out, from);
    const key = append ? 'append' : 'contents';
    const contents = resource(m, file, from, out, key);
    out[key] = append ? [contents] : contents;
    otherFilesystem(m, file, out, from, filesystems);
    m.unknownKeys(file, from, ['filesystem', 'path', 'overwrite', 'append', 'contents', 'mode', 'user', 'group'], out);
    return { out, from };
  });
}

export function migrateDirectories(m: Migration, directories: unknown, filesystems: Map<string, NamedFilesystem>): Sourced[] {
  return objectsIn(directories).map(([dir, i]) => {
    const from: Path = ['storage', 'directories', i];
    const out = m.track(from, put({}, 'path', str(dir.path)));
    copy(out, dir, ['overwrite']);
    out.mode = new Octal(typeof dir.mode === 'number' ? dir.mode : 0o755);
    owners(m, dir, out, from);
    otherFilesystem(m, dir, out, from, filesystems);
    m.unknownKeys(dir, from, ['filesystem', 'path', 'overwrite', 'mode', 'user', 'group'], out);
    return { out, from };
  });
}

export function migrateLinks(m: Migration, links: unknown, filesystems: Map<string, NamedFilesystem>): Sourced[] {
  return objectsIn(links).map(([link, i]) => {
    const from: Path = ['storage', 'links', i];
    const out = m.track(from, put({}, 'path', str(link.path)));
    copy(out, link, ['overwrite']);
    owners(m, link, out, from);
    copy(out, link, ['target', 'hard']);
    otherFilesystem(m, link, out, from, filesystems);
    m.unknownKeys(link, from, ['filesystem', 'path', 'overwrite', 'user', 'group', 'target', 'hard'], out);
    return { out, from };
  });
}

const describe = (from: Path): string => from.join('.');

/**
 * One entry per path, as Ignition 3 requires. ct wrote duplicates in order, so a later entry
 * replaces an earlier one, except that a later file with `append` appends to it (and its
 * mode and owners are applied last).
 */
export function onePerPath(m: Migration, entries: Sourced[]): YamlMap[] {
  const byPath = new Map<string, Sourced>();
  for (const entry of entries) {
    const key = String(entry.out.path);
    const earlier = byPath.get(key);
    if (!earlier) {
      byPath.set(key, entry);
      continue;
    }
    m.comments.move(earlier.out, entry.out);
    if (Array.isArray(entry.out.append) && entry.out.contents === undefined) {
      // The earlier entry's overwrite governs its contents; the appended entry has none to overwrite.
      const { overwrite, ...later } = entry.out;
      const merged: YamlMap = { ...earlier.out, ...later, append: [...(Array.isArray(earlier.out.append) ? earlier.out.append : []), ...entry.out.append] };
      if (earlier.out.overwrite === undefined) put(merged, 'overwrite', overwrite);
      m.comments.move(entry.out, merged);
      byPath.set(key, { out: merged, from: entry.from });
      m.note(entry.from, `${describe(entry.from)} appends to ${key}, which ${describe(earlier.from)} also writes: merged into one entry (Butane allows one per path)`, merged);
    } else {
      byPath.set(key, entry);
      m.note(earlier.from, `${describe(earlier.from)} also wrote ${key}; ct wrote both in order, so only this later entry is kept (Butane allows one per path)`, entry.out);
    }
  }
  return [...byPath.values()].map((e) => e.out);
}

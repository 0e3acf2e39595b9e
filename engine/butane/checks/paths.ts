/**
 * Paths of files, directories, links and devices (absolute and simplified), links
 * between them, owners, and the overwrite flag: Ignition's node rules.
 */
import type { Path } from '../../schema/sourceMap';
import type { CheckContext } from './context';
import { hasSource } from './resources';
import { at, cleanPath, entries, ignitionMinor, isObj, isTrue, joinPath, list, notEmpty, Obj, quote, replaceScalar, reportLine, str } from './util';

const WHAT: Record<string, string> = {
  files: 'file',
  directories: 'directory',
  links: 'link',
};

function describeDirt(p: string): string {
  if (p.endsWith('/') && p !== '/') return 'it ends with `/`';
  if (p.includes('//')) return 'it contains `//`';
  if (/(^|\/)\.\.(\/|$)/.test(p)) return 'it contains `..`';
  if (/(^|\/)\.(\/|$)/.test(p)) return 'it contains `.`';
  return 'it is not in its simplest form';
}

/**
 * Ignition's validatePath on the value at `path`: set, absolute and clean.
 * `noun` names what the path is for messages (e.g. "file path", "device").
 */
export function checkAbsolutePath(ctx: CheckContext, path: Path, value: unknown, noun: string, missing: { code: string; message: string } | undefined): void {
  if (value === undefined || value === '') {
    if (missing) reportLine(ctx, path, missing.code, missing.message);
    return;
  }
  if (typeof value !== 'string') return;
  if (!value.startsWith('/')) {
    const fixed = cleanPath('/' + value);
    ctx.report(path, 'butane/path-not-absolute', `${noun} ${quote(value)} is relative; Ignition needs an absolute path starting with \`/\`, e.g. ${quote(fixed)}`, {
      fixes: replaceScalar(ctx, path, fixed, `Make it absolute: ${fixed}`),
    });
    return;
  }
  const clean = cleanPath(value);
  if (clean !== value) {
    ctx.report(path, 'butane/path-not-clean', `${noun} ${quote(value)} must be written in its simplest form (${describeDirt(value)}); write ${quote(clean)}`, {
      fixes: replaceScalar(ctx, path, clean, `Simplify to ${clean}`),
    });
  }
}

interface Node {
  section: 'files' | 'directories' | 'links';
  item: Obj;
  path: Path;
  nodePath: string | undefined;
}

export function nodes(config: unknown): Node[] {
  const out: Node[] = [];
  for (const section of ['directories', 'files', 'links'] as const) {
    for (const e of entries(config, ['storage', section])) out.push({ section, item: e.item, path: e.path, nodePath: str(e.item.path) });
  }
  return out;
}

function checkOwner(ctx: CheckContext, path: Path, owner: unknown, which: 'user' | 'group'): void {
  if (!isObj(owner)) return;
  if (owner.id !== undefined && notEmpty(owner.name)) {
    ctx.report([...path, which], 'butane/owner-id-and-name', `set either \`id\` or \`name\` for the ${which}, not both`, { at: 'line' });
  }
}

export function checkNodes(ctx: CheckContext): void {
  const all = nodes(ctx.config);
  const links = all.filter((n) => n.section === 'links');
  const directories = all.filter((n) => n.section === 'directories');
  for (const n of all) {
    const what = WHAT[n.section];
    checkAbsolutePath(ctx, [...n.path, 'path'], n.item.path, `${what} path`, { code: 'butane/path-required', message: `this ${what} has no \`path\`; give the absolute path where Ignition should create it` });
    checkOwner(ctx, n.path, n.item.user, 'user');
    checkOwner(ctx, n.path, n.item.group, 'group');
    if (n.nodePath !== undefined) {
      const through = links.find((l) => l.nodePath !== undefined && n.nodePath!.startsWith(l.nodePath + '/'));
      if (through) {
        reportLine(ctx, n.path, 'butane/path-through-link', `${what} path ${quote(n.nodePath)} goes through ${quote(through.nodePath!)}, which this config creates as a link; Ignition will not write through links — use the link's target path instead`);
      }
    }
  }
  for (const n of all) {
    if (n.section === 'files' && isTrue(n.item.overwrite)) {
      const contents = n.item.contents;
      if (!isObj(contents) || !hasSource(contents)) {
        ctx.report([...n.path, 'overwrite'], 'butane/overwrite-without-contents', '`overwrite: true` needs `contents` (inline, local or source) to write; add contents or drop `overwrite`');
      }
    }
  }
  for (const l of links) {
    const target = l.item.target;
    if (ignitionMinor(ctx) >= 3 && (target === undefined || target === '')) {
      ctx.report([...l.path, 'target'], 'butane/link-target-required', 'this link has no `target`; set the path the link should point to');
      continue;
    }
    if (!isTrue(l.item.hard) || typeof target !== 'string') continue;
    let resolved = cleanPath(target);
    if (!resolved.startsWith('/')) resolved = joinPath(l.nodePath ?? '', target);
    if (directories.some((d) => d.nodePath === resolved)) {
      reportLine(ctx, l.path, 'butane/hard-link-to-directory', `a hard link cannot point to a directory, and ${quote(resolved)} is a directory in this config; use a symbolic link (drop \`hard: true\`)`);
    }
    for (const which of ['user', 'group'] as const) {
      for (const key of ['id', 'name'] as const) {
        if (at(l.item, [which, key]) !== undefined) {
          ctx.report([...l.path, which, key], 'butane/hard-link-owner', `a hard link shares its owner with its target, so this ${which} ${key} is ignored; remove it`, { severity: 'warning' });
        }
      }
    }
  }
}

/** Device paths of disks, filesystems, RAID members and LUKS volumes. */
export function checkDevicePaths(ctx: CheckContext): void {
  for (const d of entries(ctx.config, ['storage', 'disks'])) {
    checkAbsolutePath(ctx, [...d.path, 'device'], d.item.device, 'disk device', { code: 'butane/device-required', message: 'this disk has no `device`; give its path, e.g. /dev/disk/by-id/…' });
  }
  for (const f of entries(ctx.config, ['storage', 'filesystems'])) {
    checkAbsolutePath(ctx, [...f.path, 'device'], f.item.device, 'filesystem device', { code: 'butane/device-required', message: 'this filesystem has no `device`; give the block device that holds it, e.g. /dev/disk/by-partlabel/data' });
    checkAbsolutePath(ctx, [...f.path, 'path'], f.item.path, 'mount path', undefined);
  }
  for (const r of entries(ctx.config, ['storage', 'raid'])) {
    list(r.item.devices).forEach((device, i) => checkAbsolutePath(ctx, [...r.path, 'devices', i], device, 'RAID member device', { code: 'butane/path-required', message: 'a RAID member device cannot be empty' }));
  }
  // boot_device's LUKS generates the `root` volume's device; a user entry may add to it.
  const bootLuks = isObj(ctx.config.boot_device) && isObj(ctx.config.boot_device.luks) ? ctx.config.boot_device.luks : undefined;
  const generatesRoot = bootLuks !== undefined && (isTrue(bootLuks.tpm2) || list(bootLuks.tang).length > 0 || (isObj(bootLuks.cex) && isTrue(bootLuks.cex.enabled)));
  for (const l of entries(ctx.config, ['storage', 'luks'])) {
    if (generatesRoot && l.item.name === 'root' && l.item.device === undefined) continue;
    checkAbsolutePath(ctx, [...l.path, 'device'], l.item.device, 'LUKS device', { code: 'butane/device-required', message: 'this LUKS volume has no `device`; give the block device to encrypt' });
  }
}

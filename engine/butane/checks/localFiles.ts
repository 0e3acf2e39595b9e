/**
 * Files Butane embeds from the files directory (`local`, `contents_local`,
 * `ssh_authorized_keys_local`): the directory must be given, the file must exist
 * inside it, and — stricter than Butane — must not reach outside through a symlink.
 * Nothing outside the files directory is ever read.
 */
import * as nodePath from 'path';
import type { FileInfo, FileSystemAccess } from '../../host/files';
import type { Path } from '../../schema/sourceMap';
import type { CheckContext } from './context';
import { resourceSites } from './resources';
import { entries, ignitionMinor, list, notEmpty, quote, str } from './util';

export type Resolved =
  | { kind: 'ok'; abs: string; real: string; info: FileInfo }
  | { kind: 'no-files-dir' | 'escape' | 'symlink-escape' | 'missing' | 'no-fs'; abs?: string; real?: string };

function inside(child: string, base: string): boolean {
  return child === base || child.startsWith(base.endsWith(nodePath.sep) ? base : base + nodePath.sep);
}

/** Where local files come from: the files directory and the file system to read it with. */
export interface LocalFileSource {
  filesDir?: string;
  fs?: FileSystemAccess;
}

/** Resolves a path relative to the files directory the way Butane does, plus a symlink check. */
export function resolveLocal(ctx: LocalFileSource, relative: string): Resolved {
  const filesDir = ctx.filesDir;
  if (!filesDir) return { kind: 'no-files-dir' };
  const base = nodePath.resolve(filesDir);
  const abs = nodePath.resolve(nodePath.join(base, relative));
  if (!inside(abs, base)) return { kind: 'escape', abs };
  const fs = ctx.fs;
  if (!fs) return { kind: 'no-fs', abs };
  const real = fs.realpath(abs);
  if (real === undefined) return { kind: 'missing', abs };
  const realBase = fs.realpath(base) ?? base;
  if (!inside(real, realBase)) return { kind: 'symlink-escape', abs, real };
  const info = fs.stat(real);
  if (!info) return { kind: 'missing', abs };
  return { kind: 'ok', abs, real, info };
}

/** Bytes of a local file when it resolves safely to a regular file inside the files directory. */
export function readLocalBytes(ctx: LocalFileSource, relative: string): Uint8Array | undefined {
  const r = resolveLocal(ctx, relative);
  if (r.kind !== 'ok' || r.info.kind !== 'file' || !ctx.fs) return undefined;
  return ctx.fs.readFile(r.real);
}

/** Text of a local file when it resolves safely to a regular file. */
export function readLocalText(ctx: LocalFileSource, relative: string): string | undefined {
  const bytes = readLocalBytes(ctx, relative);
  return bytes ? Buffer.from(bytes).toString('utf8') : undefined;
}

export const FILES_DIR_HINT = 'set a files directory: `--files-dir <dir>` on the command line, or the `kindling.filesDir` setting in the editor';

/**
 * Reports why `relative` cannot be embedded, at `path`; returns the resolution.
 * `expect` is the kind of node required ('file' for contents, 'directory' for trees).
 */
export function reportLocal(ctx: CheckContext, path: Path, relative: string, expect: 'file' | 'directory', at: 'value' | 'line' = 'value'): Resolved {
  const r = resolveLocal(ctx, relative);
  const shown = quote(relative);
  switch (r.kind) {
    case 'no-files-dir':
      ctx.report(path, 'butane/local-no-files-dir', `local paths are relative to a files directory, and none is set; ${FILES_DIR_HINT}`, { at });
      break;
    case 'escape':
      ctx.report(path, 'butane/local-escapes-files-dir', `${shown} points outside the files directory; local paths must stay inside ${ctx.filesDir}`, { at });
      break;
    case 'symlink-escape':
      ctx.report(path, 'butane/local-symlink-escape', `${shown} is a symbolic link that leads outside the files directory (to ${r.real}); Kindling does not follow it — copy the file into ${ctx.filesDir} instead`, { at });
      break;
    case 'missing':
      ctx.report(path, 'butane/local-missing', `${shown} does not exist in the files directory ${ctx.filesDir}`, { at });
      break;
    case 'ok':
      if (expect === 'file' && r.info.kind !== 'file') {
        ctx.report(path, 'butane/local-not-file', `${shown} is a ${r.info.kind === 'directory' ? 'directory' : 'special file'}, not a regular file; point it at a file (use \`storage.trees\` for whole directories)`, { at });
      }
      if (expect === 'directory' && r.info.kind !== 'directory') {
        ctx.report(path, 'butane/tree-not-directory', `the root of a tree must be a directory, but ${shown} is a ${r.info.kind === 'file' ? 'file' : 'special file'}; use \`storage.files\` with \`contents.local\` for a single file`, { at });
      }
      break;
    case 'no-fs':
      break;
  }
  return r;
}

function checkSshKeyFiles(ctx: CheckContext): void {
  for (const u of entries(ctx.config, ['passwd', 'users'])) {
    const files = list(u.item.ssh_authorized_keys_local);
    if (files.length === 0) continue;
    const listPath = [...u.path, 'ssh_authorized_keys_local'];
    if (!ctx.filesDir) {
      ctx.report(listPath, 'butane/local-no-files-dir', `\`ssh_authorized_keys_local\` reads key files from a files directory, and none is set; ${FILES_DIR_HINT}`, { at: 'line' });
      continue;
    }
    const seen = new Set(list(u.item.ssh_authorized_keys).map(String));
    files.forEach((file, i) => {
      if (typeof file !== 'string') return;
      const r = reportLocal(ctx, [...listPath, i], file, 'file');
      if (r.kind !== 'ok' || r.info.kind !== 'file') return;
      const text = readLocalText(ctx, file) ?? '';
      for (const key of text.split(/\r?\n/)) {
        if (key === '') continue;
        if (seen.has(key)) {
          ctx.report([...listPath, i], 'butane/duplicate-entry', `duplicate entry: ${quote(file)} contains an SSH key that this user already has; Ignition needs each key once`);
          break;
        }
        seen.add(key);
      }
    });
  }
}

export function checkLocalFiles(ctx: CheckContext): void {
  if (ignitionMinor(ctx) < 1) return;
  for (const site of resourceSites(ctx.config)) {
    const local = str(site.item.local);
    if (local !== undefined) reportLocal(ctx, [...site.path, 'local'], local, 'file');
  }
  for (const unit of entries(ctx.config, ['systemd', 'units'])) {
    if (notEmpty(unit.item.contents_local)) reportLocal(ctx, [...unit.path, 'contents_local'], unit.item.contents_local, 'file');
    for (const d of entries(unit.item, ['dropins'])) {
      if (notEmpty(d.item.contents_local)) reportLocal(ctx, [...unit.path, ...d.path, 'contents_local'], d.item.contents_local, 'file');
    }
  }
  for (const q of entries(ctx.config, ['systemd', 'quadlets'])) {
    if (notEmpty(q.item.contents_local)) reportLocal(ctx, [...q.path, 'contents_local'], q.item.contents_local, 'file');
    for (const d of entries(q.item, ['dropins'])) {
      if (notEmpty(d.item.contents_local)) reportLocal(ctx, [...q.path, ...d.path, 'contents_local'], d.item.contents_local, 'file');
    }
  }
  checkSshKeyFiles(ctx);
}

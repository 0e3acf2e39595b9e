/**
 * `storage.trees`: Butane walks a directory below the files directory and adds a
 * file, link (or, with 1.7's ownership/mode keys, directory) per entry. The root must
 * be a directory, only files, directories and symlinks may appear, and generated
 * entries must not clash with explicit ones.
 */
import type { CheckContext } from './context';
import { FILES_DIR_HINT, reportLocal } from './localFiles';
import { hasSource } from './resources';
import { entries, ignitionMinor, isObj, notEmpty, Obj, quote, reportLine, str } from './util';
import { walkTree } from '../treeWalk';

type Kind = 'file' | 'directory' | 'link';

interface Tracked {
  kind: Kind;
  /** Whether the node already has contents (file) or a target (link). */
  filled: boolean;
  origin: string;
}

function tracker(ctx: CheckContext): Map<string, Tracked> {
  const nodes = new Map<string, Tracked>();
  const sections: [string, Kind][] = [['files', 'file'], ['directories', 'directory'], ['links', 'link']];
  for (const [section, kind] of sections) {
    for (const e of entries(ctx.config, ['storage', section])) {
      const p = str(e.item.path);
      if (p === undefined || nodes.has(p)) continue;
      const filled = kind === 'file' ? isObj(e.item.contents) && hasSource(e.item.contents) : kind === 'link' ? notEmpty(e.item.target) : true;
      nodes.set(p, { kind, filled, origin: `storage.${section}` });
    }
  }
  return nodes;
}

function hasOwnership(tree: Obj): boolean {
  return tree.dir_mode !== undefined || isObj(tree.user) || isObj(tree.group);
}

export function checkTrees(ctx: CheckContext): void {
  if (ignitionMinor(ctx) < 1) return;
  const trees = entries(ctx.config, ['storage', 'trees']);
  if (trees.length === 0) return;
  const nodes = tracker(ctx);
  const openshift = ctx.spec.variant === 'openshift';
  for (const t of trees) {
    const local = str(t.item.local);
    if (!notEmpty(local)) {
      reportLine(ctx, [...t.path, 'local'], 'butane/tree-local-required', 'this tree needs `local`: the directory (relative to the files directory) to copy');
      continue;
    }
    if (!ctx.filesDir) {
      reportLine(ctx, t.path, 'butane/local-no-files-dir', `trees are read from a files directory, and none is set; ${FILES_DIR_HINT}`);
      return;
    }
    const root = reportLocal(ctx, t.path, local, 'directory', 'line');
    if (root.kind !== 'ok' || root.info.kind !== 'directory' || !ctx.fs) continue;
    const fs = ctx.fs;
    const destBase = notEmpty(t.item.path) ? t.item.path : '/';
    if (!destBase.startsWith('/')) {
      reportLine(ctx, t.path, 'butane/path-not-absolute', `the tree's target \`path\` ${quote(destBase)} is relative, so every file it creates would have a relative path; start it with \`/\``);
      continue;
    }
    const withDirs = hasOwnership(t.item);
    const clash = (dest: string, kind: Kind, existing: Tracked): void => {
      const why = existing.kind !== kind ? `is a ${existing.kind} in ${existing.origin}` : kind === 'link' ? `is a link in ${existing.origin} that already has a target` : `already has contents in ${existing.origin}`;
      reportLine(ctx, t.path, 'butane/tree-conflict', `the tree's ${kind} for ${quote(dest)} clashes with an existing entry: ${quote(dest)} ${why}; remove one of them (an explicit file without contents may set mode or owner of a tree file)`);
    };
    walkTree(fs, root.real, destBase, ({ rel, dest, info }) => {
      const existing = nodes.get(dest);
      if (info.kind === 'directory') {
        if (withDirs) {
          if (existing) clash(dest, 'directory', existing);
          else {
            nodes.set(dest, { kind: 'directory', filled: true, origin: 'a tree' });
            if (openshift) reportLine(ctx, t.path, 'butane/openshift-directories', 'this tree creates directories, which OpenShift MachineConfigs do not support in this spec version');
          }
        }
      } else if (info.kind === 'file') {
        if (existing && (existing.kind !== 'file' || existing.filled)) clash(dest, 'file', existing);
        else nodes.set(dest, { kind: 'file', filled: true, origin: 'a tree' });
      } else if (info.kind === 'symlink') {
        if (existing && (existing.kind !== 'link' || existing.filled)) clash(dest, 'link', existing);
        else {
          nodes.set(dest, { kind: 'link', filled: true, origin: 'a tree' });
          if (openshift) reportLine(ctx, t.path, 'butane/openshift-links', `this tree contains the symbolic link ${quote(rel)}, and OpenShift MachineConfigs do not support links in this spec version`);
        }
      } else {
        reportLine(ctx, t.path, 'butane/tree-special-file', `${quote(rel)} in this tree is neither a file, a directory nor a symbolic link (a socket, FIFO or device?); remove it from the tree`);
      }
    });
  }
}

/**
 * Walks a `storage.trees` directory the way Butane does (Go's filepath.Walk: lexical order,
 * a directory before its contents, symlinks not followed), giving each entry its
 * destination path. Shared by the tree checks and the translation.
 */
import * as nodePath from 'path';
import type { FileInfo, FileSystemAccess } from '../host/files';
import { joinPath } from './checks/util';

/** Upper bound on walked entries, so a huge files directory cannot stall the editor. */
const MAX_ENTRIES = 20000;

export interface TreeEntry {
  /** Absolute path on this machine. */
  abs: string;
  /** Path relative to the tree's root ('' for the root itself). */
  rel: string;
  /** Path on the node: the tree's target path joined with `rel`. */
  dest: string;
  info: FileInfo;
}

export function walkTree(fs: FileSystemAccess, root: string, destBase: string, visit: (entry: TreeEntry) => void): void {
  let count = 0;
  const walk = (abs: string, rel: string): void => {
    if (++count > MAX_ENTRIES) return;
    const info = fs.stat(abs);
    if (!info) return;
    visit({ abs, rel, dest: joinPath(destBase, rel === '' ? '.' : rel), info });
    if (info.kind !== 'directory') return;
    for (const name of fs.readDirectory(abs) ?? []) walk(nodePath.join(abs, name), rel === '' ? name : `${rel}/${name}`);
  };
  walk(root, '');
}

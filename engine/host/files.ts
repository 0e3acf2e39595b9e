import * as fs from 'fs';

/** What a check needs to know about a file under the files-dir. */
export interface FileInfo {
  kind: 'file' | 'directory' | 'symlink' | 'other';
  executable: boolean;
  size: number;
}

/**
 * File system access injected into the engine, so checks can run against an
 * in-memory tree in tests and degrade cleanly where no disk is available.
 */
export interface FileSystemAccess {
  /** lstat: symlinks are reported as symlinks, not followed. */
  stat(absolutePath: string): FileInfo | undefined;
  realpath(absolutePath: string): string | undefined;
  readFile(absolutePath: string): Uint8Array | undefined;
  readDirectory(absolutePath: string): string[] | undefined;
  /** The target of a symbolic link, as written in the link. */
  readLink(absolutePath: string): string | undefined;
}

function kindOf(stats: fs.Stats): FileInfo['kind'] {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isDirectory()) return 'directory';
  if (stats.isFile()) return 'file';
  return 'other';
}

export const nodeFileSystem: FileSystemAccess = {
  stat(p) {
    try {
      const stats = fs.lstatSync(p);
      return { kind: kindOf(stats), executable: (stats.mode & 0o111) !== 0, size: stats.size };
    } catch {
      return undefined;
    }
  },
  realpath(p) {
    try {
      return fs.realpathSync(p);
    } catch {
      return undefined;
    }
  },
  readFile(p) {
    try {
      return fs.readFileSync(p);
    } catch {
      return undefined;
    }
  },
  readLink(p) {
    try {
      return fs.readlinkSync(p);
    } catch {
      return undefined;
    }
  },
  readDirectory(p) {
    try {
      return fs.readdirSync(p).sort();
    } catch {
      return undefined;
    }
  },
};

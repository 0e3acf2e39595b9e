/** Path facts of the target systems that several domain rules share. */
import * as path from 'path';
import type { NodeConfig, TargetOs } from '../node/model';
import type { Path } from '../schema/sourceMap';

export const under = (p: string, dir: string): boolean => p === dir || p.startsWith(`${dir}/`);

/** The path as the node sees it: absolute and clean (k3OS joins relative paths to /). */
export function nodePath(p: string): string {
  return path.posix.join('/', p);
}

export const OS_NAME: Record<TargetOs, string> = { flatcar: 'Flatcar', ostree: 'Fedora CoreOS', k3os: 'k3OS', unknown: 'Fedora CoreOS and Flatcar' };

/**
 * Whether a path is on the read-only /usr of the target: all of /usr on Flatcar (but the
 * OEM partition's old mount point /usr/share/oem); /usr except /usr/local elsewhere, where
 * /usr/local is a link into /var. Unknown targets get the part that holds everywhere.
 */
export function readOnlyOn(os: TargetOs, p: string): boolean {
  if (!under(p, '/usr')) return false;
  if (os === 'flatcar') return !under(p, '/usr/share/oem');
  return !under(p, '/usr/local');
}

const BIN_DIRS = ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'];

/** Where a file meant for read-only /usr belongs instead, best first. */
export function writableAlternatives(os: TargetOs, p: string): string[] {
  const rest = p.replace(/^\/usr(\/local)?/, '');
  const name = path.posix.basename(p);
  if (BIN_DIRS.some((d) => path.posix.dirname(p) === d)) return os === 'flatcar' || os === 'unknown' ? [`/opt/bin/${name}`] : [`/usr/local/bin/${name}`, `/opt/bin/${name}`];
  if (/^\/usr(\/local)?\/lib\/systemd\/system\/[^/]+$/.test(p)) return [`/etc/systemd/system/${name}`];
  if (under(rest, '/etc')) return [rest];
  if (rest === '' || rest === '/') return [];
  if (os === 'ostree' || os === 'k3os') return [`/usr/local${rest}`, `/var${rest}`];
  return [`/opt${rest}`, `/var${rest}`];
}

/** The files and directories of the config, with the mode each is given. */
export function modeSites(node: NodeConfig): { mode?: number; modeAt?: Path; directory: boolean }[] {
  return [...node.files.map((f) => ({ mode: f.mode, modeAt: f.modeAt, directory: false })), ...node.directories.map((d) => ({ mode: d.mode, modeAt: d.modeAt, directory: true }))];
}

/** Everything the config places at a path on the node: files, directories, links and trees, named for messages. */
export function placedPaths(node: NodeConfig): { kind: string; path: string; pathAt: Path }[] {
  return [
    ...node.files.map((f) => ({ kind: node.dialect === 'k3os' ? 'write_files entry' : 'file', path: f.path, pathAt: f.pathAt })),
    ...node.directories.map((d) => ({ kind: 'directory', path: d.path, pathAt: d.pathAt })),
    ...node.links.map((l) => ({ kind: 'link', path: l.path, pathAt: l.pathAt })),
    ...node.trees.map((t) => ({ kind: 'tree', path: t.path, pathAt: t.pathAt })),
  ].filter((e) => e.path !== '');
}

import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';

/** Repository root, from out/test/ where the compiled tests run. */
export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
/**
 * The golden vectors live beside the repository (../shared/vectors), not in it.
 * KINDLING_VECTORS points elsewhere; tests that need them skip, saying so, when absent.
 */
export const VECTORS = process.env.KINDLING_VECTORS ?? [path.resolve(ROOT, '..', 'shared', 'vectors'), '/work/shared/vectors'].find((d) => fs.existsSync(d)) ?? path.resolve(ROOT, '..', 'shared', 'vectors');
export const BUTANE_VECTORS = path.join(VECTORS, 'butane');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; input?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, input: options.input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Splits `text|more` into the text without the marker and the marker's offset. */
export function caret(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

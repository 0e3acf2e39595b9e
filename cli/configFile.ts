/** Reading the files of the commands that hand a config to a node (`iso`, `boot`). */
import * as fs from 'fs';
import * as path from 'path';
import { analyze, Analysis, Diagnostic, TranspileOptions } from '../engine/index';
import { nodeFileSystem } from '../engine/host/files';
import { UsageError } from './args';
import { dialectFor, locate, readText } from './check';

export interface LoadedConfig {
  file: string;
  text: string;
  analysis: Analysis;
  /** Transpile options: `local` files resolve against `filesDir` (default: the config's folder). */
  options: TranspileOptions;
  /** Prints why the config cannot be used (its problems, then the reason) to stderr. */
  refuse(reason: string, problems: readonly Diagnostic[]): void;
}

/** `file`, which must be an existing file (a config, a base image). */
export function requireFile(file: string): string {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`cannot read ${file}: no such file`);
  return file;
}

export function loadConfigFile(file: string, filesDir: string | undefined, stderr: (s: string) => void): LoadedConfig {
  requireFile(file);
  const { text, diagnostics: encoding } = readText(file);
  const dialect = dialectFor(file, text, /\.ign$/i.test(file) ? 'ignition' : undefined);
  const options = { filesDir: filesDir ?? path.dirname(path.resolve(file)), fs: nodeFileSystem };
  return {
    file,
    text,
    analysis: analyze(text, { dialect, ...options }),
    options,
    refuse(reason, problems) {
      for (const d of locate(file, text, [...encoding, ...problems])) stderr(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
      stderr(`kindling: ${file}: ${reason}\n`);
    },
  };
}

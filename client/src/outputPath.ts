/**
 * Where "Kindling: Transpile to Ignition" writes: `<name>.ign` beside the config, or in
 * `kindling.outputDirectory`. No `vscode` import: unit-tested in test/client-logic.test.ts.
 */
import * as path from 'path';
import type { OutputFormat } from '../../server/src/protocol';

/** The extensions a config usually has; outputs and previews keep the rest of the name. */
export const CONFIG_EXTENSION = /\.(bu|butane|ign|clc\.ya?ml|clc|ya?ml)$/i;

/** `node.bu` → `node`; a name that is only an extension stays whole. */
export function configStem(sourceName: string): string {
  return sourceName.replace(CONFIG_EXTENSION, '') || sourceName;
}

/**
 * `node.bu` → `node.ign`. OpenShift configs translate to a MachineConfig, which is YAML:
 * `worker.bu` → `worker.yaml`, as in OpenShift's own instructions.
 */
export function outputFileName(sourceName: string, format: OutputFormat): string {
  return `${configStem(sourceName)}${format === 'yaml' ? '.yaml' : '.ign'}`;
}

export interface OutputSettings {
  /** `kindling.outputDirectory`: empty = beside the config; relative = against the workspace folder. */
  outputDirectory: string;
  /** The workspace folder that contains the config, if any (else relative paths use the config's folder). */
  workspaceFolder?: string;
  /** For a leading `~`. */
  homeDir?: string;
}

/**
 * A path from a setting: `~` is the home folder, a relative path is against `base` (the
 * workspace folder, else the config's folder). Empty means unset.
 */
export function resolveSettingPath(value: string, base: string, homeDir?: string): string | undefined {
  let v = value.trim();
  if (v === '') return undefined;
  if (homeDir && (v === '~' || v.startsWith('~/') || v.startsWith(`~${path.sep}`))) v = path.join(homeDir, v.slice(1));
  return path.resolve(base, v);
}

/** The folder the output goes to, following the `kindling.outputDirectory` rules. */
export function outputDirectory(sourcePath: string, settings: OutputSettings): string {
  const sourceFolder = path.dirname(sourcePath);
  return resolveSettingPath(settings.outputDirectory, settings.workspaceFolder ?? sourceFolder, settings.homeDir) ?? sourceFolder;
}

/** The absolute path of the output file for a config on disk. */
export function outputPath(sourcePath: string, format: OutputFormat, settings: OutputSettings): string {
  return path.join(outputDirectory(sourcePath, settings), outputFileName(path.basename(sourcePath), format));
}

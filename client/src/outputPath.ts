/**
 * Where "Kindling: Transpile to Ignition" writes: `<name>.ign` beside the config, or in
 * `kindling.outputDirectory`. No `vscode` import: unit-tested in test/client-logic.test.ts.
 */
import * as path from 'path';
import type { OutputFormat } from '../../server/src/protocol';

/** The extensions a Butane config usually has; the output keeps the rest of the name. */
const CONFIG_EXTENSION = /\.(bu|butane|clc\.ya?ml|clc|ya?ml)$/i;

/**
 * `node.bu` → `node.ign`. OpenShift configs translate to a MachineConfig, which is YAML:
 * `worker.bu` → `worker.yaml`, as in OpenShift's own instructions.
 */
export function outputFileName(sourceName: string, format: OutputFormat): string {
  const stem = sourceName.replace(CONFIG_EXTENSION, '') || sourceName;
  return `${stem}${format === 'yaml' ? '.yaml' : '.ign'}`;
}

export interface OutputSettings {
  /** `kindling.outputDirectory`: empty = beside the config; relative = against the workspace folder. */
  outputDirectory: string;
  /** The workspace folder that contains the config, if any (else relative paths use the config's folder). */
  workspaceFolder?: string;
  /** For a leading `~`. */
  homeDir?: string;
}

/** The folder the output goes to, following the `kindling.outputDirectory` rules. */
export function outputDirectory(sourcePath: string, settings: OutputSettings): string {
  const sourceFolder = path.dirname(sourcePath);
  let value = settings.outputDirectory.trim();
  if (value === '') return sourceFolder;
  if (settings.homeDir && (value === '~' || value.startsWith('~/') || value.startsWith(`~${path.sep}`))) {
    value = path.join(settings.homeDir, value.slice(1));
  }
  return path.resolve(settings.workspaceFolder ?? sourceFolder, value);
}

/** The absolute path of the output file for a config on disk. */
export function outputPath(sourcePath: string, format: OutputFormat, settings: OutputSettings): string {
  return path.join(outputDirectory(sourcePath, settings), outputFileName(path.basename(sourcePath), format));
}

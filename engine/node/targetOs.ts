/** Which OS an Ignition JSON config is for, as the user says (`kindling.ignition.os`, `--ignition-os`). */
import { matchesGlob } from '../text/glob';
import type { TargetOs } from './model';

/** The names users write: the OS, not Kindling's grouping of ostree systems. */
export const IGNITION_OS_NAMES: Readonly<Record<string, TargetOs>> = { flatcar: 'flatcar', fcos: 'ostree' };

export function isIgnitionOsName(value: string): boolean {
  return Object.prototype.hasOwnProperty.call(IGNITION_OS_NAMES, value);
}

/** The first pattern matching the file decides; undefined leaves it to the config's own hints. */
export function resolveIgnitionOs(fileName: string, patterns: Readonly<Record<string, string>> = {}): TargetOs | undefined {
  for (const [pattern, name] of Object.entries(patterns)) {
    if (isIgnitionOsName(name) && matchesGlob(pattern, fileName)) return IGNITION_OS_NAMES[name];
  }
  return undefined;
}

/** What the install-unit rules (not idempotent, no network ordering) share. */
import { envValue, InstallerRun, k3sLaunches, unitOptions, UnitInfo } from './installer';
import { placeOf, systemdWords, optionText } from './located';
import type { NodeConfig } from '../node/model';

export interface InstallerUnit {
  unit: UnitInfo;
  run: InstallerRun & { exec: NonNullable<InstallerRun['exec']> };
}

/** Each unit that runs the k3s installer, once, with its first run. */
export function installerUnits(node: NodeConfig): InstallerUnit[] {
  const seen = new Set<UnitInfo>();
  const out: InstallerUnit[] = [];
  for (const run of k3sLaunches(node).installers) {
    if (!run.unit || !run.exec || seen.has(run.unit)) continue;
    seen.add(run.unit);
    out.push({ unit: run.unit, run: run as InstallerUnit['run'] });
  }
  return out;
}

/** The words of every value of a [Unit] option over the unit's pieces. */
export function unitWords(unit: UnitInfo, name: string): string[] {
  return unitOptions(unit, 'Unit', name).flatMap(({ piece, option }) => systemdWords(optionText(option, piece.embedded)).map((w) => w.loc.text));
}

/** Where k3s ends up: INSTALL_K3S_BIN_DIR, else /opt/bin on Flatcar (the script's fallback), else /usr/local/bin. */
export function binDir(node: NodeConfig, run: InstallerRun): string {
  const bin = envValue(run.env, 'INSTALL_K3S_BIN_DIR')?.value.text;
  return bin ? bin.replace(/\/+$/, '') : node.os === 'flatcar' ? '/opt/bin' : '/usr/local/bin';
}

export const execPlace = (run: InstallerUnit['run']) => placeOf(run.exec.value);

import { unitOptions } from '../../k3s/installer';
import { addUnitLines, mainPiece } from '../../k3s/unitEdits';
import type { DomainFinding, DomainRule } from '../rule';
import { binDir, execPlace, installerUnits } from '../../k3s/installerUnit';

/** A condition that stops the unit once the installation happened. */
function guards(name: string, value: string): boolean {
  if (name === 'ConditionFirstBoot') return /^(yes|true|1|on)$/i.test(value);
  return /^(Condition|Assert)/.test(name) && /^\|?!/.test(value);
}

/**
 * Ignition runs once, but an enabled unit runs on every boot: the installer downloads again,
 * needs the network to boot, and upgrades k3s to whatever `stable` is (systemd.unit(5)
 * conditions; k3s docs, INSTALL_K3S_VERSION).
 */
export const k3sInstallNotIdempotent: DomainRule = {
  id: 'k3s/install-not-idempotent',
  summary: 'An enabled k3s installer unit that runs again on every boot',
  severity: 'warning',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    for (const { unit, run } of installerUnits(ctx.node)) {
      const installSection = unit.pieces.some((p) => p.unit.options.some((o) => o.section === 'Install'));
      if (!unit.enabled || !installSection) continue;
      if (unitOptions(unit, 'Unit').some(({ option }) => guards(option.name, option.value))) continue;
      const target = `${binDir(ctx.node, run)}/k3s`;
      const fix = addUnitLines(ctx.edits, mainPiece(unit.pieces, run.exec.piece), 'Unit', [`ConditionPathExists=!${target}`], `Add ConditionPathExists=!${target}`);
      findings.push({
        place: execPlace(run),
        message: `\`${unit.name}\` runs the k3s installer on every boot: the download repeats, booting needs the network, and k3s is silently upgraded to the current stable release. Add \`ConditionPathExists=!${target}\` to [Unit] so it runs only until k3s is installed (and pin INSTALL_K3S_VERSION).`,
        fixes: fix ? [fix] : undefined,
      });
    }
    return findings;
  },
};

import { addUnitLines, mainPiece } from '../../k3s/unitEdits';
import type { DomainFinding, DomainRule } from '../rule';
import { execPlace, installerUnits, unitWords } from '../../k3s/installerUnit';

const ONLINE = 'network-online.target';

/**
 * The installer downloads at boot; without `Wants=` and `After=network-online.target` the
 * unit may start before the network is up and fail. The k3s unit the installer writes uses
 * exactly these two lines (install.sh; systemd.special(7)).
 */
export const k3sInstallNetwork: DomainRule = {
  id: 'k3s/install-network',
  summary: 'A k3s installer unit not ordered after network-online.target',
  severity: 'warning',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    for (const { unit, run } of installerUnits(ctx.node)) {
      const wants = ['Wants', 'Requires', 'BindsTo'].some((n) => unitWords(unit, n).includes(ONLINE));
      const after = unitWords(unit, 'After').includes(ONLINE);
      if (wants && after) continue;
      const lines = [...(wants ? [] : [`Wants=${ONLINE}`]), ...(after ? [] : [`After=${ONLINE}`])];
      const fix = addUnitLines(ctx.edits, mainPiece(unit.pieces, run.exec.piece), 'Unit', lines, `Add ${lines.join(' and ')}`);
      findings.push({
        place: execPlace(run),
        message: `\`${unit.name}\` downloads k3s but lacks ${lines.map((l) => `\`${l}\``).join(' and ')} in [Unit]: it can start before the network is up, and the download fails. Add ${lines.length === 2 ? 'both lines' : 'it'}, as the k3s unit itself does.`,
        fixes: fix ? [fix] : undefined,
      });
    }
    return findings;
  },
};

import { placedPaths } from '../nodePaths';
import type { DomainFinding, DomainRule } from '../rule';

const SYSTEMD_DIR = '/etc/systemd/system/';

/**
 * A storage entry at the path where Ignition writes a unit or drop-in that systemd.units
 * defines with contents. Ignition 3 rejects the config ("path conflicts with systemd unit or
 * dropin", compared as written); Ignition 2 (CLC, spec 2.x) writes both, the unit last, so the
 * file is silently replaced — a warning there.
 */
export const unitFileConflict: DomainRule = {
  id: 'paths/unit-file-conflict',
  summary: 'A storage file, directory or link at the path of a unit or drop-in that systemd.units also defines',
  severity: 'error',
  dialects: ['clc', 'ignition'],
  check(ctx) {
    const { node } = ctx;
    const defined = new Map<string, string>();
    for (const unit of node.units) {
      if (unit.contents && unit.contents.text !== '') defined.set(SYSTEMD_DIR + unit.name, `the unit ${unit.name}`);
      for (const dropin of unit.dropins) {
        if (dropin.contents && dropin.contents.text !== '') defined.set(`${SYSTEMD_DIR}${unit.name}.d/${dropin.name}`, `the drop-in ${dropin.name} of ${unit.name}`);
      }
    }
    if (defined.size === 0) return [];
    const spec3 = !(node.ignitionVersion ?? '').startsWith('2.');
    const findings: DomainFinding[] = [];
    // `storage.trees` is Butane's: in Ignition JSON it is only a schema error, not a conflict.
    for (const entry of placedPaths(node).filter((e) => e.kind !== 'tree')) {
      const what = defined.get(entry.path);
      if (!what) continue;
      const outcome = spec3
        ? 'Ignition rejects the config ("path conflicts with systemd unit or dropin") and the first boot stops'
        : 'Ignition writes both, and the unit, written last, silently replaces this entry';
      findings.push({
        place: { path: entry.pathAt, at: 'value' },
        message: `The ${entry.kind} \`${entry.path}\` is where systemd.units puts ${what}: ${outcome}. Keep only the systemd.units entry.`,
        severity: spec3 ? undefined : 'warning',
      });
    }
    return findings;
  },
};

import { readUnitText } from '../../systemd/unitText';
import type { DomainFinding, DomainRule } from '../rule';

/** The target a unit of this type is usually wanted by. */
function wantedBy(name: string): string {
  if (name.endsWith('.timer')) return 'timers.target';
  if (name.endsWith('.socket')) return 'sockets.target';
  if (name.endsWith('.path')) return 'paths.target';
  return 'multi-user.target';
}

/**
 * An enabled unit whose contents have no [Install] section: `systemctl enable` has nothing
 * to do, so the unit never starts. Ignition only logs a warning. Butane (butane/unit-no-install)
 * and ct (clc/ignition) already report this for their inputs, so this rule covers Ignition JSON.
 */
export const enabledWithoutInstall: DomainRule = {
  id: 'systemd/enabled-without-install',
  summary: 'A unit is enabled but its contents have no [Install] section, so enabling does nothing',
  severity: 'warning',
  dialects: ['ignition'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    for (const unit of ctx.node.units) {
      const contents = unit.contents;
      if (unit.enabled !== true || !contents || contents.text.trim() === '') continue;
      const { sections } = readUnitText(contents.text);
      // Text without any section is not a unit file at all; Ignition's own checks say so.
      if (sections.length === 0 || sections.some((s) => s.name === 'Install')) continue;
      const target = wantedBy(unit.name);
      // Insert before the final line break, so a block scalar gains lines at its own indentation.
      const end = contents.text.replace(/\n$/, '').length;
      const fix = ctx.edits.replaceInText(contents, end, end, `\n[Install]\nWantedBy=${target}`, `Add [Install] WantedBy=${target}`);
      findings.push({
        place: unit.enabledAt ? { path: unit.enabledAt, at: 'value' } : { path: [...unit.at, 'name'], at: 'value' },
        message: `${unit.name} is enabled, but its contents have no [Install] section, so enabling it does nothing and it does not start at boot. Add \`[Install]\` with \`WantedBy=${target}\`.`,
        fixes: fix ? [fix] : undefined,
      });
    }
    return findings;
  },
};

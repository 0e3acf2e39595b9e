import { versionsOf } from '../../butane/registry';
import { compareVersions } from '../../butane/specVersion';
import type { DomainFinding, DomainRule } from '../rule';

/** The newest stable Butane version of a variant, by numeric comparison. */
function newestStable(variant: string): string | undefined {
  const stable = versionsOf(variant).filter((s) => !s.experimental && !s.version.includes('-'));
  stable.sort((a, b) => compareVersions(a.version, b.version));
  return stable[stable.length - 1]?.version;
}

/**
 * An experimental spec: it may change without notice, and the Ignition config it stands
 * for is only accepted by the Ignition build that matches it.
 */
export const specExperimental: DomainRule = {
  id: 'spec/experimental',
  summary: 'The config uses an experimental Butane or Ignition spec version',
  severity: 'warning',
  dialects: ['butane', 'ignition'],
  check(ctx) {
    const { node } = ctx;
    const findings: DomainFinding[] = [];
    if (node.dialect === 'butane' && node.variant && node.version?.endsWith('-experimental')) {
      const stable = newestStable(node.variant);
      const fix = stable ? ctx.edits.replaceValue(['version'], stable, `Use the stable version ${stable}`) : undefined;
      findings.push({
        place: { path: ['version'], at: 'value' },
        message: `\`${node.variant} ${node.version}\` is experimental: it may change without notice and produces an experimental Ignition spec (${node.ignitionVersion ?? 'unknown'}) that only a matching Ignition build accepts. Use a stable version for real machines${stable ? ` (newest: ${stable})` : ''}.`,
        fixes: fix ? [fix] : undefined,
      });
    }
    if (node.dialect === 'ignition' && node.ignitionVersion?.endsWith('-experimental')) {
      findings.push({
        place: { path: ['ignition', 'version'], at: 'value' },
        message: `Ignition spec ${node.ignitionVersion} is experimental: only the Ignition build that matches it accepts the config, and it may change without notice. Use a stable spec version for real machines.`,
      });
    }
    return findings;
  },
};

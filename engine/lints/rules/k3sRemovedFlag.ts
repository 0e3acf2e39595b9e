import type { Fix } from '../../diagnostics';
import { removedBackend, removedFlag, replacementFlag } from '../../k3s/flags';
import { placeOf } from '../../k3s/located';
import { allFlags, K3sFlag, spelled } from '../../k3s/settings';
import type { DomainContext, DomainFinding, DomainRule } from '../rule';

const INSTALLED = 'the install script and release downloads give current k3s';

function flagFix(ctx: DomainContext, flag: K3sFlag, value: string | undefined): Fix | undefined {
  const removed = removedFlag(flag.name)!;
  const title = `Use ${removed.to?.split('=')[0]}`;
  if (flag.via === 'arg' && flag.word) {
    const to = replacementFlag(removed, flag.valueWord ? undefined : value);
    const at = placeOf(flag.word);
    return to ? ctx.edits.replaceInText(at.in, at.start, at.end, `${flag.dashes}${to}`, title) : undefined;
  }
  if (flag.via === 'env') return flag.name === 'cluster-secret' ? ctx.edits.replaceInText(flag.at.in, flag.at.start, flag.at.end, 'K3S_TOKEN', 'Use K3S_TOKEN') : undefined;
  if (!removed.to || !flag.entry) return undefined;
  if (!removed.boolean) return ctx.edits.replaceInText(flag.at.in, flag.at.start, flag.at.end, `${removed.to}${flag.entry.append ? '+' : ''}`, title);
  if (value !== 'true' || !flag.valueAt) return undefined;
  const [key, v] = removed.to.split('=');
  return ctx.edits.replaceInText(flag.at.in, flag.at.start, flag.valueAt.end, `${key}: ${v}`, title);
}

/**
 * Flags k3s retired (flag-deprecation policy: warn, then fatal, then removed). On the command
 * line k3s refuses to start; in a config file it logs "Unknown flag … skipping" and the
 * setting is lost (pkg/configfilearg). K01–K03 of the catalogue.
 */
export const k3sRemovedFlag: DomainRule = {
  id: 'k3s/removed-flag',
  summary: 'A k3s flag or value that current k3s no longer accepts',
  severity: 'error',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    for (const flag of allFlags(ctx.node)) {
      const removed = removedFlag(flag.name);
      if (removed) {
        const to = replacementFlag(removed, flag.via === 'config' ? flag.value : 'true');
        const instead = flag.via === 'env' ? (flag.name === 'cluster-secret' ? ' Use `K3S_TOKEN`.' : '') : to ? ` Use \`${flag.via === 'config' ? `${to.split('=')[0]}:` : `--${to.split('=')[0]}`}\`${removed.to === 'disable' ? ', which takes the same values' : ''}.` : ' Remove it (SELinux support is off unless `--selinux` is given).';
        const effect = flag.via === 'config' ? `k3s ${removed.fatal} refuses to start with it, and from ${removed.removed} on k3s skips it as an unknown key, so the setting is lost` : `k3s ${removed.fatal} refuses to start with it and ${removed.removed} removed it, so k3s does not start`;
        const fix = flagFix(ctx, flag, flag.value);
        findings.push({ place: flag.at, message: `\`${spelled(flag)}\` is a retired k3s setting: ${effect} (${INSTALLED}).${instead}`, fixes: fix ? [fix] : undefined });
        continue;
      }
      if (flag.name !== 'flannel-backend' || flag.value === undefined || !flag.valueAt) continue;
      const versions = removedBackend(flag.value);
      if (!versions) continue;
      const fix = ctx.edits.replaceInText(flag.valueAt.in, flag.valueAt.start, flag.valueAt.end, 'wireguard-native', 'Use wireguard-native');
      findings.push({
        place: flag.valueAt,
        message: `The flannel backend \`${flag.value}\` is retired: k3s ${versions.fatal} refuses to start with it and ${versions.removed} removed it (${INSTALLED}). Use \`wireguard-native\`.`,
        fixes: fix ? [fix] : undefined,
      });
    }
    return findings;
  },
};

import { allFlags, spelled } from '../../k3s/settings';
import { httpsServerUrl } from '../../k3s/serverUrl';
import type { DomainFinding, DomainRule } from '../rule';

/** A value the shell, systemd or ct fills in later: nothing to check. */
export const substituted = (value: string): boolean => /[$%{]/.test(value);

/**
 * Agents and joining servers reach the supervisor over HTTPS (port 6443); install.sh stops
 * with "Only https:// URLs are supported for K3S_URL" (`verify_k3s_url`).
 */
export const k3sServerUrlScheme: DomainRule = {
  id: 'k3s/server-url-scheme',
  summary: 'A k3s server URL (K3S_URL, --server, server:) that is not https://',
  severity: 'error',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    for (const flag of allFlags(ctx.node)) {
      if (flag.name !== 'server' || !flag.value || !flag.valueAt || flag.value.startsWith('https://') || substituted(flag.value)) continue;
      const better = httpsServerUrl(flag.value);
      const fix = better ? ctx.edits.replaceInText(flag.valueAt.in, flag.valueAt.start, flag.valueAt.end, better, `Change to ${better}`) : undefined;
      const effect = flag.via === 'env' ? 'the k3s install script stops with "Only https:// URLs are supported for K3S_URL"' : 'k3s joins through the HTTPS supervisor port and cannot connect';
      findings.push({ place: flag.valueAt, message: `\`${spelled(flag)}\` must be an https:// URL: ${effect}. Write it as https://<server>:6443.`, fixes: fix ? [fix] : undefined });
    }
    return findings;
  },
};

import { allFlags, launches } from '../../k3s/settings';
import type { DomainFinding, DomainRule } from '../rule';

/**
 * The secure token format K10<CA hash>::server:<secret> names the cluster CA's hash, which
 * does not exist before the first server created the CA: "only the short (password-only)
 * token format can be used when starting the first server" (k3s docs, "Token").
 */
export const k3sFullTokenFirstServer: DomainRule = {
  id: 'k3s/full-token-first-server',
  summary: 'A full K10… token on the server that starts the cluster',
  severity: 'warning',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const servers = launches(ctx.node).filter((l) => l.subcommand === 'server');
    if (servers.length === 0) return [];
    const flags = allFlags(ctx.node);
    const joins = flags.some((f) => f.name === 'server' && f.value);
    const init = flags.some((f) => f.name === 'cluster-init' && f.value !== 'false');
    if (joins && !init) return [];
    const findings: DomainFinding[] = [];
    for (const flag of flags) {
      if (flag.name !== 'token' || !flag.value?.startsWith('K10') || !flag.valueAt) continue;
      findings.push({ place: flag.valueAt, message: 'This server starts the cluster, but its token has the full K10…::server:… format, which names a CA hash that does not exist yet: k3s refuses it on the first server. Give the first server a plain secret; joining nodes may use the full token.' });
    }
    return findings;
  },
};

import type { K3osRule } from './rule';
import { locatedString } from './scalarText';

/**
 * k3OS passes a token that starts with `K10` (the full token printed by a server) as
 * K3S_TOKEN, and any other value as K3S_CLUSTER_SECRET — an environment variable k3s
 * deprecated: fatal from k3s 1.25, removed in 1.26; the k3s in k3OS still accepts it.
 */
export const tokenFormat: K3osRule = {
  id: 'k3os/token-format',
  summary: '`token` that k3OS passes as a cluster secret rather than a node token',
  check(ctx) {
    const token = locatedString(ctx, ['k3os', 'token']);
    if (!token || token.value === '' || token.value.startsWith('K10')) return [];
    return [
      {
        range: token.range,
        severity: 'information',
        message: '`token` does not start with `K10`, so k3OS passes it to k3s as K3S_CLUSTER_SECRET rather than K3S_TOKEN. The k3s in k3OS accepts that, but k3s deprecated it (fatal from 1.25, removed in 1.26). Joining nodes can use the full token from the server\'s /var/lib/rancher/k3s/server/node-token, which k3OS passes as K3S_TOKEN.',
      },
    ];
  },
};

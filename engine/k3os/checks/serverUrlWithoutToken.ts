import type { K3osRule } from './rule';
import { locatedString } from './scalarText';
import { k3sArgs, serverUrl, words } from './k3sArgs';

/** A token given to k3s directly, which k3OS passes on with the other arguments. */
const TOKEN_FLAG = /^--?(t|token|token-file|cluster-secret)(=|$)/;

/**
 * With `server_url` set k3OS starts k3s as an agent (or a joining server), which cannot join
 * without a token: k3s exits with "--token is required", or the install script stops first
 * when it had to pick `agent` itself. k3OS merges its config sources, so the token may come
 * from another one; only the system config — the installed system's own config, which the
 * others usually extend rather than complete — gets an error, the other sources a warning.
 */
export const serverUrlWithoutToken: K3osRule = {
  id: 'k3os/server-url-without-token',
  summary: '`server_url` set without a `token` to join with',
  check(ctx) {
    const url = locatedString(ctx, ['k3os', 'server_url']);
    if (!url || serverUrl(ctx) === undefined) return [];
    const token = locatedString(ctx, ['k3os', 'token']);
    if (token && token.value !== '') return [];
    if (k3sArgs(ctx).items.some((item) => words(item.value).some((w) => TOKEN_FLAG.test(w)))) return [];
    const system = ctx.source === 'system';
    const elsewhere = system ? '' : ' k3OS merges its config sources, so this is fine only if another one sets `k3os.token`.';
    return [
      {
        range: url.range,
        severity: system ? 'error' : 'warning',
        message: `\`server_url\` is set but \`token\` is not: k3OS starts k3s to join that server, and k3s cannot join without the cluster's token, so it does not start.${elsewhere} Set \`k3os.token\` to the server's node token (/var/lib/rancher/k3s/server/node-token).`,
      },
    ];
  },
};

import type { K3osRule } from './rule';
import { k3sArgs, serverUrl, words } from './k3sArgs';

/** The server URL given to k3s directly instead of through `server_url`. */
const SERVER_FLAG = /^--?(s|server)(=|$)/;

/**
 * `k3s_args: [agent]` without `server_url`: k3OS sets no K3S_URL, so unless the arguments name
 * the server themselves, k3s agent exits with "--server is required". Like the token, the URL
 * may come from another config source, so only the system config gets an error.
 */
export const agentWithoutServer: K3osRule = {
  id: 'k3os/agent-without-server',
  summary: '`k3s_args` starts an agent but no server URL is given',
  check(ctx) {
    const [first, ...rest] = k3sArgs(ctx).items;
    if (!first || words(first.value)[0] !== 'agent' || serverUrl(ctx) !== undefined) return [];
    if ([first, ...rest].some((item) => words(item.value).some((w) => SERVER_FLAG.test(w)))) return [];
    const system = ctx.source === 'system';
    return [
      {
        range: first.range,
        severity: system ? 'error' : 'warning',
        message: `\`k3s_args\` starts a k3s agent, but there is no \`k3os.server_url\` (or \`--server\`) to join: k3s agent stops with "--server is required".${system ? '' : ' k3OS merges its config sources, so this is fine only if another one sets `k3os.server_url`.'} Set \`k3os.server_url: https://<server>:6443\`.`,
      },
    ];
  },
};

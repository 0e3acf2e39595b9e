import { envValue } from '../../k3s/installer';
import { placeOf } from '../../k3s/located';
import { configFlags, K3sFlag, launches } from '../../k3s/settings';
import type { DomainFinding, DomainRule } from '../rule';

const set = (flags: K3sFlag[], ...names: string[]): boolean => flags.some((f) => names.includes(f.name) && f.value !== undefined && f.value !== '');

/**
 * A k3s agent needs the server to join and the token to join with: `k3s agent` exits with
 * "--server is required" / "--token is required" (pkg/cli/agent). install.sh itself stops
 * when it picked `agent` because K3S_URL is set but neither K3S_TOKEN nor K3S_TOKEN_FILE is
 * (`setup_env`), whatever config.yaml holds.
 */
export const k3sAgentWithoutServer: DomainRule = {
  id: 'k3s/agent-without-server',
  summary: 'A k3s agent without a server URL or a join token',
  severity: 'error',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    const files = configFlags(ctx.node);
    for (const launch of launches(ctx.node)) {
      if (launch.subcommand !== 'agent') continue;
      const place = launch.subcommandAt ? placeOf(launch.subcommandAt) : launch.installer?.at ?? placeOf(launch.direct!.exec.value);
      if (launch.kind === 'installer' && launch.defaulted) {
        if (envValue(launch.env, 'K3S_TOKEN')?.value.text || envValue(launch.env, 'K3S_TOKEN_FILE')?.value.text) continue;
        const url = envValue(launch.env, 'K3S_URL')!;
        findings.push({ place: placeOf(url.nameAt), message: 'The k3s install script stops: K3S_URL makes it install an agent, and then it requires K3S_TOKEN or K3S_TOKEN_FILE in its environment (a token in config.yaml does not count here). Set K3S_TOKEN_FILE, or name the subcommand (`INSTALL_K3S_EXEC=agent`).' });
        continue;
      }
      const flags = [...launch.flags, ...files];
      const missing = [...(set(flags, 'server') ? [] : ['the server URL (`--server`, `K3S_URL` or `server:` in config.yaml)']), ...(set(flags, 'token', 'token-file') ? [] : ['a join token (`--token-file`, `K3S_TOKEN_FILE` or `token-file:` in config.yaml)'])];
      if (missing.length === 0) continue;
      findings.push({ place, message: `This k3s agent is missing ${missing.join(' and ')}: \`k3s agent\` exits with "${set(flags, 'server') ? '--token' : '--server'} is required" and the node never joins. Add ${missing.length === 2 ? 'both' : 'it'}.` });
    }
    return findings;
  },
};

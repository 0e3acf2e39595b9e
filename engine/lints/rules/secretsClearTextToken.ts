import { at, str } from '../../values';
import { unitEnvironment, unitInfos } from '../../k3s/installer';
import { placeOf } from '../../k3s/located';
import { allFlags, launches } from '../../k3s/settings';
import type { DomainFinding, DomainRule, FindingPlace } from '../rule';

const TOKEN_VARS = new Set(['K3S_TOKEN', 'K3S_AGENT_TOKEN', 'K3S_CLUSTER_SECRET']);
const TOKEN_FLAGS = new Set(['token', 'agent-token', 'cluster-secret']);

/** A value filled in later (`$VAR`, `$(cat …)`, a systemd specifier, a ct template, a `<placeholder>`): no secret here. */
const literal = (value: string): boolean => value !== '' && !/[$%`]|\{[A-Z_0-9]+\}|<[^>]*>/.test(value);

const WHY = 'Ignition configs and cloud userdata can be read by any software on the machine through the metadata service, and the k3s server token gives full administrator access to the cluster (it also encrypts the bootstrap data)';
const INSTEAD = 'Keep it in a file instead — `token-file:` / `K3S_TOKEN_FILE` — that comes from a merged child config or a URL fetched with authentication, and give agents an `agent-token`.';

/**
 * Cluster tokens written into the node config in clear text (catalogue SC01; Ignition
 * operator notes, "Secrets"; k3s docs, "Token"). The value is never repeated in messages.
 */
export const secretsClearTextToken: DomainRule = {
  id: 'secrets/clear-text-token',
  summary: 'A k3s cluster token written into the config in clear text',
  severity: 'warning',
  dialects: ['butane', 'clc', 'ignition', 'k3os'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    const seen = new Set<string>();
    const report = (place: FindingPlace, what: string) => {
      const key = 'in' in place ? `${place.in.at.join('.')}:${place.start}` : place.path.join('.');
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({ place, message: `The k3s cluster token (${what}) is in clear text in this config: ${WHY}. ${INSTEAD}` });
    };
    if (ctx.node.dialect === 'k3os') {
      const token = str(at(ctx.node.config, ['k3os', 'token']));
      if (token !== undefined && literal(token)) report({ path: ['k3os', 'token'], at: 'value' }, '`k3os.token`');
      return findings;
    }
    const envs = [...unitInfos(ctx.node).flatMap(unitEnvironment), ...launches(ctx.node).flatMap((l) => l.env.filter((e) => e.via === 'shell'))];
    for (const env of envs) if (TOKEN_VARS.has(env.name) && literal(env.value.text) && !env.expansion) report(placeOf(env.value), `\`${env.name}\``);
    for (const flag of allFlags(ctx.node)) {
      if (flag.via === 'env' || !TOKEN_FLAGS.has(flag.name) || flag.value === undefined || !flag.valueAt || !literal(flag.value)) continue;
      report(flag.valueAt, flag.via === 'config' ? `\`${flag.name}:\` in ${flag.entry!.file.file.path}` : `\`--${flag.name}\``);
    }
    return findings;
  },
};

/**
 * Checks across a set of node configs — the configs kept side by side in one folder. Today one
 * rule: more than one server of one cluster started with `--cluster-init`, each of which
 * creates a cluster of its own instead of joining the first (k3s docs, "High Availability
 * Embedded etcd": the first server initialises etcd, the others join with `--server`).
 * A folder may also hold unrelated examples, so configs count as one cluster only when they
 * share a token: servers of one cluster must.
 */
import type { Diagnostic } from '../diagnostics';
import type { Path } from '../schema/sourceMap';
import { allFlags, launches } from '../k3s/settings';
import { list, obj, str } from '../values';
import type { FindingPlace } from './rule';
import { DomainView, toDiagnostic } from './run';

export const CLUSTER_INIT_TWICE = {
  id: 'k3s/cluster-init-twice',
  summary: 'More than one server of a config set started with --cluster-init',
  severity: 'warning' as const,
};

export const CONFIG_SET_RULES = [CLUSTER_INIT_TWICE];

export interface SetMember {
  /** How the config is named in messages (its file name). */
  name: string;
  view: DomainView | undefined;
}

/** Where a config starts a k3s server with --cluster-init (K3S_CLUSTER_INIT, `cluster-init: true`). */
function clusterInitPlaces(view: DomainView): FindingPlace[] {
  const { node } = view;
  if (node.dialect === 'k3os') {
    const args = list(obj(node.config.k3os)?.k3s_args);
    const at = args.findIndex((a) => str(a) === '--cluster-init' || str(a) === '--cluster-init=true');
    const path: Path = ['k3os', 'k3s_args', at];
    return at >= 0 && str(args[0]) !== 'agent' ? [{ path, at: 'value' }] : [];
  }
  // Agents take no --cluster-init; config files are read by whichever k3s the node runs.
  const agentsOnly = launches(node).length > 0 && launches(node).every((l) => l.subcommand === 'agent');
  if (agentsOnly) return [];
  return allFlags(node)
    .filter((f) => f.name === 'cluster-init' && !/^(false|0|no|off)$/i.test(f.value ?? 'true'))
    .map((f) => f.at);
}

/** The cluster secrets a config gives k3s (`token`, K3S_TOKEN, k3OS `token`), as written. */
function clusterTokens(view: DomainView): Set<string> {
  const { node } = view;
  if (node.dialect === 'k3os') {
    const token = str(obj(node.config.k3os)?.token);
    return new Set(token ? [token] : []);
  }
  return new Set(allFlags(node).flatMap((f) => (f.name === 'token' && f.value ? [f.value] : [])));
}

/**
 * What the set findings of the other configs read from this one, for a face that re-checks a set
 * only when it changed: a config is named in another's finding only as a server that starts a
 * cluster (--cluster-init) with one of its tokens. '' means it takes no part in its set and has
 * no set findings of its own. Keep in step with configSetDiagnostics.
 */
export function setSignature(view: DomainView | undefined): string {
  if (!view) return '';
  try {
    if (clusterInitPlaces(view).length === 0) return '';
    const tokens = [...clusterTokens(view)].sort();
    return tokens.length > 0 ? JSON.stringify(tokens) : '';
  } catch {
    // Not ''; configSetFindings turns the same failure into the file's one internal finding.
    return 'unreadable';
  }
}

/** The config-set findings of `self`, given the other configs of its set. */
export function configSetDiagnostics(self: SetMember, others: readonly SetMember[]): Diagnostic[] {
  if (!self.view) return [];
  const own = clusterInitPlaces(self.view);
  if (own.length === 0) return [];
  const tokens = clusterTokens(self.view);
  const sameCluster = (o: SetMember): boolean => !!o.view && [...clusterTokens(o.view)].some((t) => tokens.has(t));
  const alsoInitialising = others.filter((o) => sameCluster(o) && clusterInitPlaces(o.view!).length > 0).map((o) => o.name);
  if (alsoInitialising.length === 0) return [];
  const names = alsoInitialising.map((n) => `\`${n}\``).join(', ');
  const message = `This server starts a new cluster with --cluster-init, and so does ${names} with the same token in this folder: each such server creates a cluster of its own instead of joining. Keep --cluster-init on the first server only; give the others \`server: https://<first server>:6443\` and the same token.`;
  const view = self.view;
  return own.map((place) => toDiagnostic(view, CLUSTER_INIT_TWICE, place, message));
}

import { at, isObj } from '../../values';
import type { Finding, K3osRule } from './rule';

/** Labels kubelet may set itself in the kubernetes.io and k8s.io namespaces (kubelet's IsKubeletLabel). */
const ALLOWED_LABELS = new Set([
  'kubernetes.io/hostname',
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'failure-domain.beta.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
]);
const ALLOWED_NAMESPACES = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

const inNamespace = (namespace: string, domain: string): boolean => namespace === domain || namespace.endsWith(`.${domain}`);

function restricted(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0 || ALLOWED_LABELS.has(key)) return false;
  const namespace = key.slice(0, slash);
  if (!inNamespace(namespace, 'kubernetes.io') && !inNamespace(namespace, 'k8s.io')) return false;
  return !ALLOWED_NAMESPACES.some((allowed) => inNamespace(namespace, allowed));
}

/**
 * k3OS passes `labels` to k3s as `--node-label`, which kubelet receives; kubelet refuses to
 * start with a label in the kubernetes.io or k8s.io namespaces that nodes may not set on
 * themselves — typically `node-role.kubernetes.io/worker`.
 */
export const restrictedNodeLabel: K3osRule = {
  id: 'k3os/restricted-node-label',
  summary: 'A node label in a kubernetes.io or k8s.io namespace that kubelet may not set',
  check(ctx) {
    const labels = at(ctx.config, ['k3os', 'labels']);
    if (!isObj(labels)) return [];
    return Object.keys(labels)
      .filter(restricted)
      .map((key): Finding => ({
        path: ['k3os', 'labels', key],
        at: 'key',
        severity: 'error',
        message: `kubelet does not start with the label \`${key}\`: k3OS passes \`labels\` as node labels, and a node may set kubernetes.io and k8s.io labels only under node.kubernetes.io, kubelet.kubernetes.io and a few well-known names. Use another prefix (e.g. node.kubernetes.io/role), or label the node with kubectl after it joined.`,
      }));
  },
};

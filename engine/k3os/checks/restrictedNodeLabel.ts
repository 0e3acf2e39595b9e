import { at, isObj } from '../../values';
import type { Finding, K3osRule } from './rule';
import { restrictedLabel } from '../../k3s/flags';

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
      .filter(restrictedLabel)
      .map((key): Finding => ({
        path: ['k3os', 'labels', key],
        at: 'key',
        severity: 'error',
        message: `kubelet does not start with the label \`${key}\`: k3OS passes \`labels\` as node labels, and a node may set kubernetes.io and k8s.io labels only under node.kubernetes.io, kubelet.kubernetes.io and a few well-known names. Use another prefix (e.g. node.kubernetes.io/role), or label the node with kubectl after it joined.`,
      }));
  },
};

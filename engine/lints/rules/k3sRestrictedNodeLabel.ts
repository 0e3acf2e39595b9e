import { restrictedLabel } from '../../k3s/flags';
import { allFlags } from '../../k3s/settings';
import type { DomainFinding, DomainRule } from '../rule';

/**
 * kubelet refuses to start with node labels in the kubernetes.io and k8s.io namespaces
 * that a node may not set on itself ("unknown 'kubernetes.io' or 'k8s.io' labels specified
 * with --node-labels"; k3s #10916, #1289) — typically node-role.kubernetes.io/worker.
 */
export const k3sRestrictedNodeLabel: DomainRule = {
  id: 'k3s/restricted-node-label',
  summary: 'A k3s node label in a kubernetes.io or k8s.io namespace that kubelet may not set',
  severity: 'error',
  dialects: ['butane', 'clc', 'ignition'],
  check(ctx) {
    const findings: DomainFinding[] = [];
    for (const flag of allFlags(ctx.node)) {
      if (flag.name !== 'node-label' || !flag.value || !flag.valueAt) continue;
      const key = flag.value.split('=')[0];
      if (!restrictedLabel(key)) continue;
      // The usual case, a role: node.kubernetes.io/role=<role> says the same and is allowed.
      const role = /^node-role\.kubernetes\.io\/([A-Za-z0-9._-]+)(=.*)?$/.exec(flag.value)?.[1];
      const replacement = role ? `node.kubernetes.io/role=${role}` : undefined;
      const fix = replacement ? ctx.edits.replaceInText(flag.valueAt.in, flag.valueAt.start, flag.valueAt.end, replacement, `Use ${replacement}`) : undefined;
      findings.push({
        fixes: fix ? [fix] : undefined,
        place: flag.valueAt,
        message: `kubelet does not start with the node label \`${key}\`: a node may set kubernetes.io and k8s.io labels only under node.kubernetes.io, kubelet.kubernetes.io and a few well-known names. Use another prefix (e.g. node.kubernetes.io/role), or label the node with kubectl after it joined.`,
      });
    }
    return findings;
  },
};

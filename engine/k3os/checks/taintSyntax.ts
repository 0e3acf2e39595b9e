import { closest } from '../../schema/suggest';
import type { Fix } from '../../diagnostics';
import type { Finding, K3osRule, RuleContext } from './rule';
import { LocatedString, rewriteScalar, stringItems } from './scalarText';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
/** Kubernetes' qualified name: an optional DNS subdomain prefix and `/`, then a name of up to 63 characters. */
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function badKey(key: string): string | undefined {
  const parts = key.split('/');
  const name = parts[parts.length - 1];
  if (parts.length > 2) return `the key \`${key}\` has more than one \`/\``;
  if (parts.length === 2 && (!SUBDOMAIN.test(parts[0]) || parts[0].length > 253)) return `the key's prefix \`${parts[0]}\` is not a DNS name`;
  if (!NAME.test(name) || name.length > 63) return `the key \`${key}\` is not a valid name (letters, digits, \`-\`, \`_\`, \`.\`, at most 63, starting and ending with a letter or digit)`;
  return undefined;
}

/** What is wrong with one taint as kubelet parses it (`key[=value]:Effect`), if anything. */
function problem(taint: string): string | undefined {
  if (/\s/.test(taint)) return 'it contains spaces';
  const parts = taint.split(':');
  if (parts.length === 1) return 'it has no `:Effect`';
  if (parts.length > 2) return 'it has more than one `:`';
  const [keyValue, effect] = parts;
  if (!EFFECTS.includes(effect)) return `the effect \`${effect}\` is not one of ${EFFECTS.join(', ')}`;
  const kv = keyValue.split('=');
  if (kv.length > 2) return 'it has more than one `=`';
  const key = badKey(kv[0]);
  if (key) return key;
  const value = kv[1] ?? '';
  if (value !== '' && (!NAME.test(value) || value.length > 63)) return `the value \`${value}\` is not a valid label value`;
  return undefined;
}

/** A fix for the usual slips: an effect in the wrong case or misspelt, or none at all. */
function effectFix(ctx: RuleContext, item: LocatedString): Fix | undefined {
  const parts = item.value.split(':');
  if (/[\s,]/.test(item.value) || parts.length > 2) return undefined;
  if (parts.length === 1) return rewriteScalar(ctx, item, `${item.value}:NoSchedule`, 'Add `:NoSchedule`');
  const guess = closest(parts[1], EFFECTS) ?? EFFECTS.find((e) => e.toLowerCase() === parts[1].toLowerCase());
  if (!guess || guess === parts[1] || problem(`${parts[0]}:${guess}`)) return undefined;
  return rewriteScalar(ctx, item, `${parts[0]}:${guess}`, `Change the effect to \`${guess}\``);
}

/**
 * k3OS passes each taint to k3s as `--kubelet-arg register-with-taints=<taint>`. kubelet
 * splits it at commas and parses `key[=value]:Effect`: a malformed taint stops kubelet, and
 * one without an effect passes kubelet but the API server refuses to register the node.
 */
export const taintSyntax: K3osRule = {
  id: 'k3os/taint-syntax',
  summary: 'A `taints` item that is not `key[=value]:Effect`',
  check(ctx) {
    const findings: Finding[] = [];
    for (const item of stringItems(ctx, ['k3os', 'taints'])) {
      const why = item.value.split(',').map(problem).find((p) => p !== undefined);
      if (!why) continue;
      const fix = effectFix(ctx, item);
      findings.push({
        range: item.range,
        severity: 'error',
        message: `This \`taints\` item is not \`key[=value]:Effect\`: ${why}. k3OS passes it to kubelet (register-with-taints), and kubelet or the API server rejects it: the node does not join the cluster. Example: \`dedicated=db:NoSchedule\`.`,
        fixes: fix ? [fix] : undefined,
      });
    }
    return findings;
  },
};

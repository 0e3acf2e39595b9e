/**
 * Kindling's own rules, across dialects: the findings users may silence or re-grade. The
 * reference tools' verdicts (Butane's and ct's messages) are not here: they decide whether a
 * config translates, so they stay as the tools report them.
 */
import { CLC_LINTS } from '../clc/checks/lints';
import { K3OS_RULES } from '../k3os/checks/index';
import { DOMAIN_RULES } from '../lints/index';
import { CONFIG_SET_RULES } from '../lints/configSet';

export interface RuleInfo {
  id: string;
  summary: string;
}

/** Findings of the k3OS decoder itself (not of a K3osRule). */
const K3OS_DECODER_RULES: RuleInfo[] = [
  { id: 'k3os/unknown-key', summary: 'A key k3OS does not know and ignores' },
  { id: 'k3os/duplicate-spelling', summary: 'Two spellings of one k3OS key in one mapping' },
];

export const KINDLING_RULES: readonly RuleInfo[] = [
  ...CLC_LINTS,
  ...K3OS_RULES.map(({ id, summary }) => ({ id, summary })),
  ...K3OS_DECODER_RULES,
  ...DOMAIN_RULES.map(({ id, summary }) => ({ id, summary })),
  ...CONFIG_SET_RULES.map(({ id, summary }) => ({ id, summary })),
];

const IDS = new Set(KINDLING_RULES.map((r) => r.id));

export function isKindlingRule(code: string): boolean {
  return IDS.has(code);
}

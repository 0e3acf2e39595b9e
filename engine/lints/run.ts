/** Runs the domain rules that apply to a dialect over its node model. */
import type { Diagnostic } from '../diagnostics';
import type { SourceMap } from '../schema/sourceMap';
import { extractNode, ExtractInput } from '../node/extract';
import { RuleEdits } from './edits';
import { DOMAIN_RULES } from './index';
import type { DomainRule } from './rule';

export function runDomainRules(input: ExtractInput & { map: SourceMap }, rules: readonly DomainRule[] = DOMAIN_RULES): Diagnostic[] {
  const node = extractNode(input);
  const ctx = { node, text: input.text, edits: new RuleEdits(input.text, input.map, input.config) };
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    if (!rule.dialects.includes(input.dialect)) continue;
    for (const finding of rule.check(ctx)) {
      out.push({ range: ctx.edits.range(finding.place), severity: finding.severity ?? rule.severity, code: rule.id, message: finding.message, fixes: finding.fixes, advisory: true });
    }
  }
  return out;
}

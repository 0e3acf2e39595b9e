/** Runs the domain rules that apply to a dialect over its node model. */
import type { Diagnostic } from '../diagnostics';
import type { SourceMap } from '../schema/sourceMap';
import { extractNode, ExtractInput } from '../node/extract';
import { RuleEdits } from './edits';
import { DOMAIN_RULES } from './index';
import type { DomainContext, DomainRule, FindingPlace } from './rule';

/** What the rules read, kept with the analysis: checks across files need it too. */
export type DomainView = DomainContext;

export interface DomainResult {
  view: DomainView;
  diagnostics: Diagnostic[];
}

export function runDomainRules(input: ExtractInput & { map: SourceMap }, rules: readonly DomainRule[] = DOMAIN_RULES): DomainResult {
  const node = extractNode(input);
  const view: DomainView = { node, text: input.text, edits: new RuleEdits(input.text, input.map) };
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    if (!rule.dialects.includes(input.dialect)) continue;
    for (const finding of rule.check(view)) diagnostics.push(toDiagnostic(view, rule, finding.place, finding.message, finding.severity, finding.fixes));
  }
  return { view, diagnostics };
}

export function toDiagnostic(view: DomainView, rule: Pick<DomainRule, 'id' | 'severity'>, place: FindingPlace, message: string, severity = rule.severity, fixes?: Diagnostic['fixes']): Diagnostic {
  return { range: view.edits.range(place), severity, code: rule.id, message, fixes, advisory: true };
}

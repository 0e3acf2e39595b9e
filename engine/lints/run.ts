/** Runs the domain rules that apply to a dialect over its node model. */
import type { Diagnostic } from '../diagnostics';
import type { SourceMap } from '../schema/sourceMap';
import { extractNode, ExtractInput } from '../node/extract';
import type { NodeConfig } from '../node/model';
import { RuleEdits } from './edits';
import { DOMAIN_RULES } from './index';
import type { DomainRule, FindingPlace } from './rule';

/** A config's node model and how to place findings in its text: what checks across files need. */
export interface DomainView {
  node: NodeConfig;
  text: string;
  edits: RuleEdits;
}

export interface DomainResult {
  view: DomainView;
  diagnostics: Diagnostic[];
}

export function runDomainRules(input: ExtractInput & { map: SourceMap }, rules: readonly DomainRule[] = DOMAIN_RULES): DomainResult {
  const node = extractNode(input);
  const view: DomainView = { node, text: input.text, edits: new RuleEdits(input.text, input.map, input.config) };
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

/**
 * What users decide about Kindling's own rules: a level per rule (`kindling.rules` in the
 * editor, `--rule id=level` on the command line) and suppression comments in the file.
 */
import type { Diagnostic, Severity } from '../diagnostics';
import { LineIndex } from '../text/lineIndex';
import { isKindlingRule } from './registry';
import { findSuppressions, isSuppressed } from './suppressions';

export type RuleLevel = Severity | 'off';
export const RULE_LEVELS: readonly RuleLevel[] = ['error', 'warning', 'information', 'hint', 'off'];

export function isRuleLevel(value: string): value is RuleLevel {
  return (RULE_LEVELS as readonly string[]).includes(value);
}

/** Applies levels and suppressions to Kindling's rules; other diagnostics pass unchanged. */
export function configureRules(diagnostics: Diagnostic[], text: string, levels: Readonly<Record<string, string>> = {}): Diagnostic[] {
  const own = diagnostics.some((d) => isKindlingRule(d.code));
  if (!own) return diagnostics;
  const suppressions = findSuppressions(text);
  const lines = suppressions.lines.size > 0 ? new LineIndex(text) : undefined;
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (!isKindlingRule(d.code)) {
      out.push(d);
      continue;
    }
    const level = levels[d.code];
    if (level === 'off') continue;
    if (isSuppressed(suppressions, d.code, lines ? lines.position(d.range.start).line : -1)) continue;
    out.push(level !== undefined && isRuleLevel(level) ? { ...d, severity: level as Severity } : d);
  }
  return out;
}

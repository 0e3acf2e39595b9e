/** Assertions shared by the k3OS rule tests: what a rule reports, and that its fix silences it. */
import assert from 'node:assert/strict';
import { analyze, ConfigSource, Diagnostic } from '../engine/index';
import { applyFix, first as firstIn } from './domainRuleHarness';

export { applyFix };

export function diagnostics(text: string, source: ConfigSource = 'system'): Diagnostic[] {
  return analyze(text, { dialect: 'k3os', k3osSource: source }).diagnostics;
}


export interface Expected {
  severity: Diagnostic['severity'];
  /** The text the diagnostic underlines. */
  covers: string;
  message: RegExp;
  source?: ConfigSource;
}

/** The diagnostics `code` reports for `text` (exactly `count`); the first is checked against `expected`. */
export function first(text: string, code: string, expected: Expected, count = 1): Diagnostic {
  return firstIn(text, 'k3os', code, expected, count, { k3osSource: expected.source ?? 'system' });
}

export function none(text: string, code: string, source: ConfigSource = 'system'): void {
  const found = diagnostics(text, source).filter((d) => d.code === code);
  assert.deepEqual(found.map((d) => d.message), [], `${code} should not report`);
}

/** Applies the diagnostic's fix, checks the result, and that the rule is then quiet. */
export function fixes(text: string, d: Diagnostic, expected: string, source: ConfigSource = 'system', index = 0): void {
  assert.ok(d.fixes?.[index], `${d.code} offers a fix`);
  const fixed = applyFix(text, d.fixes[index]);
  assert.equal(fixed, expected);
  none(fixed, d.code, source);
}

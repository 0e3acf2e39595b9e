/** Assertions shared by the k3OS rule tests: what a rule reports, and that its fix silences it. */
import assert from 'node:assert/strict';
import { analyze, ConfigSource, Diagnostic, Fix } from '../engine/index';

export function diagnostics(text: string, source: ConfigSource = 'system'): Diagnostic[] {
  return analyze(text, { dialect: 'k3os', k3osSource: source }).diagnostics;
}

export function applyFix(text: string, fix: Fix): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
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
  const found = diagnostics(text, expected.source).filter((d) => d.code === code);
  assert.equal(found.length, count, `${code}: ${JSON.stringify(found.map((d) => d.message))}`);
  const d = found[0];
  assert.equal(d.severity, expected.severity);
  assert.equal(text.slice(d.range.start, d.range.end), expected.covers);
  assert.match(d.message, expected.message);
  return d;
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

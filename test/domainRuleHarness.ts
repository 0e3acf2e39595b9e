/** Assertions shared by the domain rule tests: what a rule reports in any dialect, and that its fix silences it. */
import assert from 'node:assert/strict';
import { analyze, AnalyzeOptions, Diagnostic, Dialect, Fix } from '../engine/index';

export type Options = Partial<AnalyzeOptions>;

export function applyFix(text: string, fix: Fix): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

export function diagnostics(text: string, dialect: Dialect, options: Options = {}): Diagnostic[] {
  return analyze(text, { dialect, ...options }).diagnostics;
}

export interface Expected {
  severity: Diagnostic['severity'];
  /** The text the diagnostic underlines. */
  covers: string;
  message: RegExp;
}

/** The diagnostics `code` reports (exactly `count`); the first is checked against `expected`. */
export function first(text: string, dialect: Dialect, code: string, expected: Expected, count = 1, options: Options = {}): Diagnostic {
  const found = diagnostics(text, dialect, options).filter((d) => d.code === code);
  assert.equal(found.length, count, `${code}: ${JSON.stringify(found.map((d) => d.message))}`);
  const d = found[0];
  assert.equal(d.severity, expected.severity);
  assert.equal(text.slice(d.range.start, d.range.end), expected.covers);
  assert.match(d.message, expected.message);
  return d;
}

export function none(text: string, dialect: Dialect, code: string, options: Options = {}): void {
  const found = diagnostics(text, dialect, options).filter((d) => d.code === code);
  assert.deepEqual(found.map((d) => d.message), [], `${code} should not report`);
}

/**
 * Applies the diagnostic's fix (the `index`th), checks the result, and that the rule then reports
 * exactly one finding fewer (counted, not looked up by position: a fix may move text).
 */
export function fixes(text: string, dialect: Dialect, d: Diagnostic, expected: string, index = 0, options: Options = {}): void {
  assert.ok(d.fixes?.[index], `${d.code} offers a fix`);
  const fixed = applyFix(text, d.fixes[index]);
  assert.equal(fixed, expected);
  const messages = (t: string): string[] => diagnostics(t, dialect, options).filter((x) => x.code === d.code).map((x) => x.message);
  const [before, after] = [messages(text), messages(fixed)];
  assert.equal(after.length, before.length - 1, `${d.code} reports one finding fewer after the fix: ${JSON.stringify(after)}`);
}


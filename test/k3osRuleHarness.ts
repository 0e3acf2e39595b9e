/** The domain rule assertions for k3OS configs, read as `source` (a system config unless told). */
import { ConfigSource, Diagnostic } from '../engine/index';
import * as domain from './domainRuleHarness';

export function diagnostics(text: string, source: ConfigSource = 'system'): Diagnostic[] {
  return domain.diagnostics(text, 'k3os', { k3osSource: source });
}

export interface Expected extends domain.Expected {
  source?: ConfigSource;
}

/** The diagnostics `code` reports for `text` (exactly `count`); the first is checked against `expected`. */
export function first(text: string, code: string, expected: Expected, count = 1): Diagnostic {
  return domain.first(text, 'k3os', code, expected, count, { k3osSource: expected.source ?? 'system' });
}

export function none(text: string, code: string, source: ConfigSource = 'system'): void {
  domain.none(text, 'k3os', code, { k3osSource: source });
}

/** Applies the diagnostic's fix, checks the result, and that the rule then reports one finding fewer. */
export function fixes(text: string, d: Diagnostic, expected: string, source: ConfigSource = 'system', index = 0): void {
  domain.fixes(text, 'k3os', d, expected, index, { k3osSource: source });
}

/** ct's (Ignition validator's) report for keys that match no field of the struct being decoded. */
import { goEqualFold } from './gostd';
import type { GeneratedProblem, Section } from './types';

/**
 * A warning "Config has unrecognized key: K" at each unknown key and, when a known key
 * equals it case-insensitively (the first in field order), the info "Did you mean X instead
 * of K". ct walks a Go map here, so its order varies run to run; this keeps document order.
 */
export function unknownKeyProblems(section: string, value: Section, known: readonly string[]): GeneratedProblem[] {
  const problems: GeneratedProblem[] = [];
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const path = [section, key];
    problems.push({ severity: 'warning', message: `Config has unrecognized key: ${key}`, path, at: 'key' });
    const typo = known.find((k) => goEqualFold(key, k));
    if (typo !== undefined) problems.push({ severity: 'info', message: `Did you mean ${typo} instead of ${key}`, path, at: 'key' });
  }
  return problems;
}

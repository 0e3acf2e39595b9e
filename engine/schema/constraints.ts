import type { SchemaNode } from './schema';
import { closest } from './suggest';

/**
 * Value constraints of our schema subset (enum, const, pattern, bounds), checked by the
 * decoder as it walks, so no validator has to be compiled on the keystroke path. A test
 * cross-checks these against ajv on the golden corpus.
 */
const patterns = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    patterns.set(pattern, re);
  }
  return re;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** What is wrong with a decoded scalar or list, worded for people; undefined when it is fine. */
export function valueProblem(schema: SchemaNode, value: unknown, label: string): string | undefined {
  if (schema.enum && !schema.enum.some((allowed) => sameValue(allowed, value))) {
    const allowed = schema.enum.map((v) => (v === '' ? '"" (unset)' : String(v)));
    const guess = typeof value === 'string' ? closest(value, schema.enum.filter((v): v is string => typeof v === 'string' && v !== '')) : undefined;
    return `${label} must be one of: ${allowed.join(', ')}${guess ? `; did you mean "${guess}"?` : ''}`;
  }
  if (schema.const !== undefined && !sameValue(schema.const, value)) return `${label} must be ${show(schema.const)}`;
  if (typeof value === 'string') {
    if (schema.pattern !== undefined && !regex(schema.pattern).test(value)) {
      return `${label} must be ${schema['x-pattern-message'] ?? 'in the documented form'}`;
    }
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) {
      return `${label} must be at most ${schema.maxLength} characters long`;
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return `${label} must be at least ${schema.minimum}`;
    if (schema.maximum !== undefined && value > schema.maximum) return `${label} must be at most ${schema.maximum}`;
  }
  if (Array.isArray(value) && schema.minItems !== undefined && value.length < schema.minItems) {
    return `${label} needs at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`;
  }
  return undefined;
}

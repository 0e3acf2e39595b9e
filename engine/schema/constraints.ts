import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic, TextRange } from '../diagnostics';
import type { Schema, SchemaNode } from './schema';
import { Path, SourceMap } from './sourceMap';
import { closest } from './suggest';

/**
 * Checks the value constraints of a schema (required, enum, pattern, bounds) with ajv,
 * after the decoder has settled types, and phrases each failure for people.
 */
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false });
const compiled = new Map<string, ValidateFunction>();

function validatorFor(schema: Schema): ValidateFunction {
  let validate = compiled.get(schema.id);
  if (!validate) {
    validate = ajv.compile(schema.root);
    compiled.set(schema.id, validate);
  }
  return validate;
}

function instancePath(pointer: string, value: unknown): Path {
  if (!pointer) return [];
  const path: (string | number)[] = [];
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = Number(part);
      path.push(index);
      current = current[index];
    } else {
      path.push(part);
      current = (current as Record<string, unknown> | undefined)?.[part];
    }
  }
  return path;
}

function label(path: Path): string {
  const last = path[path.length - 1];
  return last === undefined ? 'the document' : typeof last === 'number' ? `item ${last}` : `\`${last}\``;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

/** The first line of a range: for a mapping that is its first key, where Butane reports too. */
function firstLine(text: string, range: TextRange): TextRange {
  const nl = text.indexOf('\n', range.start);
  return { start: range.start, end: nl >= 0 && nl < range.end ? nl : range.end };
}

function message(error: ErrorObject, path: Path): string | undefined {
  const node = error.parentSchema as SchemaNode | undefined;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${path.length ? label(path) : 'the document'} is missing the required key \`${params.missingProperty}\``;
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof error.data === 'string' ? closest(error.data, allowed) : undefined;
      return `${label(path)} must be one of: ${allowed.join(', ')}${guess ? `; did you mean "${guess}"?` : ''}`;
    }
    case 'const':
      return `${label(path)} must be ${show(params.allowedValue)}`;
    case 'pattern':
      return `${label(path)} must be ${node?.['x-pattern-message'] ?? 'in the documented form'}`;
    case 'minimum':
      return `${label(path)} must be at least ${params.limit}`;
    case 'maximum':
      return `${label(path)} must be at most ${params.limit}`;
    case 'maxLength':
      return `${label(path)} must be at most ${params.limit} characters long`;
    case 'minItems':
      return `${label(path)} needs at least ${params.limit} item${params.limit === 1 ? '' : 's'}`;
    default:
      // Types and unknown keys are reported by the decoder, with better context.
      return undefined;
  }
}

export function checkConstraints(schema: Schema, value: unknown, map: SourceMap, text: string, code: string): Diagnostic[] {
  const validate = validatorFor(schema);
  if (validate(value) || !validate.errors) return [];
  const out: Diagnostic[] = [];
  for (const error of validate.errors) {
    const path = instancePath(error.instancePath, value);
    const msg = message(error, path);
    if (!msg) continue;
    const located = map.nearest(path);
    if (!located) continue;
    const range =
      error.keyword === 'required'
        ? located.located.key ?? firstLine(text, located.located.value)
        : located.located.value;
    out.push({ range, severity: 'error', code: `${code}/${error.keyword === 'required' ? 'required' : 'value'}`, message: msg });
  }
  return out;
}

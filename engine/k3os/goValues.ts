/**
 * How values look once k3OS has read them: YAML 1.1 scalars as go-yaml v2 resolves them
 * (through ghodss/yaml, so numbers become float64), and map values turned into text with
 * Go's fmt.Sprint, as rancher/mapper's coercion does.
 */
import { resolvePlain, ResolvedScalar, yaml11Bool } from '../yaml/goScalar';

/** A plain scalar as go-yaml v2 reads it into interface{}: `yes`/`off` are booleans, timestamps stay text. */
export function resolveV2(text: string): ResolvedScalar {
  const word = yaml11Bool(text);
  if (word !== undefined) return { tag: '!!bool', value: word };
  const resolved = resolvePlain(text);
  return resolved.tag === '!!timestamp' ? { tag: '!!str', value: text } : resolved;
}

/** Go's `%v` of a float64: shortest digits, exponent form below 1e-4 and from 1e6 up (`1.048576e+06`). */
export function goFloatText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  let text: string;
  if (exponent < 0) text = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  else if (digits.length <= exponent + 1) text = digits + '0'.repeat(exponent + 1 - digits.length);
  else text = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  return negative ? `-${text}` : text;
}

/** rancher/mapper's ToString of a decoded value: fmt.Sprint, first item of a list, trimmed. */
export function mapperString(value: unknown): string {
  const single = Array.isArray(value) ? value[0] : value;
  if (single === undefined || single === null) return '';
  return goSprint(single).trim();
}

function goSprint(value: unknown): string {
  if (typeof value === 'number') return goFloatText(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `map[${entries.map(([k, v]) => `${k}:${goSprint(v)}`).join(' ')}]`;
}

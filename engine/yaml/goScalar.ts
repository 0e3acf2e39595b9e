/**
 * Scalar resolution as Butane's YAML decoder (go-yaml v3) performs it. The npm `yaml`
 * package follows YAML 1.2, where `0644` is decimal; go-yaml keeps the YAML 1.1
 * reading (octal), and accepts `yes`/`on`/`off`… only when the target field is a bool.
 */

export type GoTag = '!!null' | '!!bool' | '!!int' | '!!float' | '!!timestamp' | '!!str';

export interface ResolvedScalar {
  tag: GoTag;
  value: null | boolean | number | string;
}

const RESOLVE_MAP: Record<string, ResolvedScalar> = {};
function mapAll(words: string[], resolved: ResolvedScalar): void {
  for (const w of words) RESOLVE_MAP[w] = resolved;
}
mapAll(['true', 'True', 'TRUE'], { tag: '!!bool', value: true });
mapAll(['false', 'False', 'FALSE'], { tag: '!!bool', value: false });
mapAll(['', '~', 'null', 'Null', 'NULL'], { tag: '!!null', value: null });
mapAll(['.nan', '.NaN', '.NAN'], { tag: '!!float', value: NaN });
mapAll(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'], { tag: '!!float', value: Infinity });
mapAll(['-.inf', '-.Inf', '-.INF'], { tag: '!!float', value: -Infinity });

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]| )\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d+)?(?:Z|[-+]\d{2}:\d{2})?)?$/;

/** Go's strconv.ParseInt(s, 0, 64) for the forms YAML can produce (sign, 0x/0o/0b/0 prefixes). */
function parseGoInt(text: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const body = m[2];
  let value: number;
  if (/^0[xX]/.test(body)) value = parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) value = parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) {
    if (body.length === 2) return undefined;
    value = parseInt(body.slice(2), 8);
  } else if (body.length > 1 && body[0] === '0') value = parseInt(body.slice(1), 8);
  else value = parseInt(body, 10);
  // Values beyond int64 fail in Go; beyond 2^53 we cannot represent them exactly anyway.
  if (!Number.isFinite(value) || value > 2 ** 63) return undefined;
  return sign * value;
}

/** Resolves an unquoted (plain) scalar the way go-yaml v3 does. */
export function resolvePlain(text: string): ResolvedScalar {
  const mapped = RESOLVE_MAP[text];
  if (mapped) return mapped;
  const first = text[0];
  if (first === '.') {
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text)) return { tag: '!!float', value: Number(text) };
    return { tag: '!!str', value: text };
  }
  if (first === '+' || first === '-' || (first >= '0' && first <= '9')) {
    if (TIMESTAMP.test(text)) return { tag: '!!timestamp', value: text };
    const plain = text.replace(/_/g, '');
    const int = parseGoInt(plain);
    if (int !== undefined) return { tag: '!!int', value: int };
    if (YAML_STYLE_FLOAT.test(plain)) return { tag: '!!float', value: Number(plain) };
  }
  return { tag: '!!str', value: text };
}

const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

/** The YAML 1.1 words go-yaml accepts when decoding into a bool field. */
export function yaml11Bool(text: string): boolean | undefined {
  if (YAML11_TRUE.has(text)) return true;
  if (YAML11_FALSE.has(text)) return false;
  return undefined;
}

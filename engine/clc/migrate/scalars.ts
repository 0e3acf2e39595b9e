/**
 * How one scalar is written in the Butane output so that Butane (go-yaml v3), the npm
 * `yaml` package and YAML 1.1 tools all read back exactly the same value: plain when
 * nothing could re-type it, a literal block for multi-line text, else double-quoted.
 */
import { parse } from 'yaml';
import { resolvePlain, yaml11Bool } from '../../yaml/goScalar';

/** A file mode, written in octal (`0644`) as people read modes; go-yaml reads it back as octal. */
export class Octal {
  constructor(readonly value: number) {}

  toString(): string {
    return `0${this.value.toString(8).padStart(3, '0')}`;
  }
}

export type Scalar = string | number | boolean | Octal;

/**
 * Characters that may appear unescaped in any scalar style. YAML forbids non-printable
 * characters, and go-yaml also breaks lines at NEL, LS and PS, and refuses a BOM mid-stream.
 */
function isRawSafe(cp: number): boolean {
  if (cp === 0x85 || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) return false;
  return cp === 0x09 || cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function allRawSafe(text: string): boolean {
  for (const ch of text) if (!isRawSafe(ch.codePointAt(0)!)) return false;
  return true;
}

const NAMED: Record<number, string> = { 0x00: '\\0', 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };

/** A YAML double-quoted scalar; every character that is not raw-safe is escaped. */
export function doubleQuoted(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (NAMED[cp] !== undefined) out += NAMED[cp];
    else if (isRawSafe(cp)) out += ch;
    else if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** Leading characters that start YAML syntax (anchors, tags, directives, quotes, flow collections…). */
const INDICATOR_START = /^[,[\]{}#&*!|>'"%@`]/;
/** `-`, `?` and `:` start a plain scalar only when followed by a non-space. */
const DASH_LIKE_START = /^[-?:](?:$|\s)/;

/** Whether the text can be written unquoted on one line and still read back as this exact string. */
export function isPlainSafe(text: string): boolean {
  if (text === '' || /^\s|\s$/.test(text) || /[\t\n]/.test(text) || !allRawSafe(text)) return false;
  if (INDICATOR_START.test(text) || DASH_LIKE_START.test(text)) return false;
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':')) return false;
  // go-yaml v3 (Butane), YAML 1.1 booleans (people and older tools), YAML 1.2 and 1.1 readers.
  if (resolvePlain(text).tag !== '!!str' || yaml11Bool(text) !== undefined) return false;
  try {
    return parse(`k: ${text}`)?.k === text && parse(`k: ${text}`, { version: '1.1' })?.k === text;
  } catch {
    return false;
  }
}

/** Whether the text is multi-line and can be written as a literal block scalar. */
export function suitsLiteralBlock(text: string): boolean {
  return text.includes('\n') && /[^\s]/.test(text) && allRawSafe(text);
}

/**
 * The header and body lines of a literal block scalar whose content is indented by
 * `indent` spaces, 2 more than its parent. The chomping indicator keeps the trailing
 * newlines exact (`|-` none, `|` one, `|+` more); an indentation indicator is needed when
 * the first non-empty line starts with whitespace, which the reader would otherwise take
 * for indentation.
 */
export function literalBlock(text: string, indent: number): { header: string; lines: string[] } {
  const trailing = /\n*$/.exec(text)![0].length;
  const chomping = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing === 0 ? text : text.slice(0, -1);
  const lines = body.split('\n');
  const firstContent = lines.find((line) => line.trim() !== '') ?? '';
  const leadingBlank = lines.slice(0, lines.indexOf(firstContent)).some((line) => line !== '');
  const indicator = /^\s/.test(firstContent) || leadingBlank ? '2' : '';
  const pad = ' '.repeat(indent);
  return { header: `|${indicator}${chomping}`, lines: lines.map((line) => (line === '' ? '' : pad + line)) };
}

/** A scalar on one line (plain or double-quoted); multi-line text is the caller's business. */
export function inlineScalar(value: Scalar): string {
  if (value instanceof Octal) return value.toString();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return isPlainSafe(value) ? value : doubleQuoted(value);
}

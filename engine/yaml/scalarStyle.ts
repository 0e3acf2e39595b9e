/**
 * Writing a new string value in place of a YAML scalar, in the style the old one was
 * written in, so a quick fix changes the value and nothing else about the document.
 */
import type { TextRange } from '../diagnostics';
import { resolveV2 } from '../k3os/goValues';

/** The styles a one-line value can be rewritten in; block scalars and aliases are left alone. */
export type FlowScalarStyle = 'plain' | 'single' | 'double';

/** How the scalar at `range` is written; undefined for aliases and block scalars, which fixes leave alone. */
export function scalarStyle(text: string, range: TextRange): FlowScalarStyle | undefined {
  const first = text[range.start];
  if (range.end <= range.start || first === '*' || first === '|' || first === '>') return undefined;
  return first === '"' ? 'double' : first === "'" ? 'single' : 'plain';
}

/** Plain text that reads back as the same string in block and flow context, in YAML 1.1 and 1.2. */
const SAFE_PLAIN_BLOCK = /^[A-Za-z0-9_./=+~^$-]([A-Za-z0-9_./=+~^$:@%-]*[A-Za-z0-9_./=+~^$@%-])?$/;
const SAFE_PLAIN_FLOW = /^[A-Za-z0-9_./=+~^$-][A-Za-z0-9_./=+~^$@%-]*$/;

/** `value` as a YAML scalar, in `style` where that keeps its meaning, else quoted. */
export function renderScalar(value: string, style: FlowScalarStyle, flow: boolean): string {
  const plainOk = (flow ? SAFE_PLAIN_FLOW : SAFE_PLAIN_BLOCK).test(value) && resolveV2(value).tag === '!!str' && !/^-+$/.test(value);
  if (style === 'plain' && plainOk) return value;
  // Control characters survive only in double quotes.
  if (style === 'double' || /[\u0000-\u001f\u007f]/.test(value)) return JSON.stringify(value);
  return `'${value.replace(/'/g, "''")}'`;
}

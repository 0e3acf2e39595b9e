/**
 * Where each character of a decoded YAML scalar sits in the document, so a finding inside
 * a unit file or script held in `contents: |` (or a JSON string) underlines the exact words.
 * The scalar is re-read by its style; when that reading does not reproduce the decoded value
 * (an exotic header, tabs in folds) the caller gets nothing and falls back to the whole value.
 */
import type { TextRange } from '../diagnostics';

export type ScalarStyle = 'literal' | 'folded' | 'double' | 'single' | 'plain';

export interface ScalarOffsets {
  style: ScalarStyle;
  /** offsets[i]: document offset of decoded character i; offsets[value.length]: end of the content. */
  offsets: number[];
  /** Indentation of a block scalar's content lines. */
  indent: string;
}

function styleOf(first: string): ScalarStyle {
  if (first === '|') return 'literal';
  if (first === '>') return 'folded';
  if (first === '"') return 'double';
  if (first === "'") return 'single';
  return 'plain';
}

/** Maps `value`, decoded from the scalar at `range`, back to document offsets. */
export function scalarOffsets(text: string, range: TextRange, value: string): ScalarOffsets | undefined {
  const style = styleOf(text[range.start] ?? '');
  const read = style === 'literal' || style === 'folded' ? readBlock(text, range, style === 'folded') : readFlow(text, range, style);
  if (!read) return undefined;
  const { chars, offsets, indent } = read;
  // Chomping only changes trailing line breaks, so compare without them.
  if (chars.join('').replace(/\n+$/, '') !== value.replace(/\n+$/, '')) return undefined;
  const contentEnd = style === 'literal' || style === 'folded' ? Math.min(range.end, text.length) : offsets[offsets.length - 1];
  const mapped = offsets.slice(0, value.length + 1);
  while (mapped.length <= value.length) mapped.push(contentEnd);
  return { style, offsets: mapped, indent };
}

interface Read {
  chars: string[];
  offsets: number[];
  indent: string;
}

function readBlock(text: string, range: TextRange, folded: boolean): Read | undefined {
  const headerEnd = text.indexOf('\n', range.start);
  if (headerEnd < 0 || headerEnd >= range.end) return { chars: [], offsets: [range.end], indent: '' };
  if (/[1-9]/.test(text.slice(range.start, headerEnd).split('#')[0])) return undefined;
  const lines: { start: number; end: number }[] = [];
  for (let at = headerEnd + 1; at < range.end; ) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 || nl > range.end ? range.end : nl;
    lines.push({ start: at, end });
    at = end + 1;
  }
  const firstContent = lines.find((l) => text.slice(l.start, l.end).trim() !== '');
  if (!firstContent) return { chars: [], offsets: [range.end], indent: '' };
  const indent = /^ */.exec(text.slice(firstContent.start, firstContent.end))![0];
  const chars: string[] = [];
  const offsets: number[] = [];
  let previous: 'none' | 'text' | 'more' | 'empty' = 'none';
  lines.forEach((line, i) => {
    const raw = text.slice(line.start, line.end).replace(/\r$/, '');
    const content = raw.length >= indent.length ? raw.slice(indent.length) : '';
    const kind = content === '' ? 'empty' : /^[ \t]/.test(content) ? 'more' : 'text';
    if (i > 0 && folded) {
      // Folding: a break between two plain text lines becomes a space; before an empty line it disappears.
      const breakAt = lines[i - 1].end;
      if (previous === 'text' && kind === 'text') {
        chars.push(' ');
        offsets.push(breakAt);
      } else if (!(previous === 'text' && kind === 'empty')) {
        chars.push('\n');
        offsets.push(breakAt);
      }
    } else if (i > 0) {
      chars.push('\n');
      offsets.push(lines[i - 1].end);
    }
    for (let k = 0; k < content.length; k++) {
      chars.push(content[k]);
      offsets.push(line.start + indent.length + k);
    }
    previous = kind === 'empty' && previous === 'text' && folded ? 'empty' : kind;
  });
  chars.push('\n');
  offsets.push(lines[lines.length - 1].end);
  return { chars, offsets, indent };
}

const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

function readFlow(text: string, range: TextRange, style: ScalarStyle): Read | undefined {
  const quoted = style !== 'plain';
  const start = quoted ? range.start + 1 : range.start;
  const end = quoted ? range.end - 1 : range.end;
  const chars: string[] = [];
  const offsets: number[] = [];
  for (let i = start; i < end; ) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      // A line break in a flow scalar folds: trailing and leading blanks go, one break is a space.
      while (chars.length > 0 && (chars[chars.length - 1] === ' ' || chars[chars.length - 1] === '\t') && offsets[offsets.length - 1] >= start) {
        chars.pop();
        offsets.pop();
      }
      let breaks = 0;
      const breakAt = i;
      while (i < end && /[ \t\r\n]/.test(text[i])) {
        if (text[i] === '\n') breaks++;
        i++;
      }
      if (breaks === 1) {
        chars.push(' ');
        offsets.push(breakAt);
      } else {
        for (let b = 1; b < breaks; b++) {
          chars.push('\n');
          offsets.push(breakAt);
        }
      }
      continue;
    }
    if (style === 'double' && c === '\\') {
      const e = text[i + 1];
      if (e === '\n' || e === '\r') {
        i += 2;
        while (i < end && /[ \t\r\n]/.test(text[i])) i++;
        continue;
      }
      const hex = HEX_LENGTH[e];
      if (hex) {
        const code = parseInt(text.slice(i + 2, i + 2 + hex), 16);
        if (Number.isNaN(code)) return undefined;
        for (const ch of String.fromCodePoint(code)) {
          chars.push(ch);
          offsets.push(i);
        }
        i += 2 + hex;
        continue;
      }
      if (!(e in ESCAPES)) return undefined;
      chars.push(ESCAPES[e]);
      offsets.push(i);
      i += 2;
      continue;
    }
    if (style === 'single' && c === "'" && text[i + 1] === "'") {
      chars.push("'");
      offsets.push(i);
      i += 2;
      continue;
    }
    chars.push(c);
    offsets.push(i);
    i++;
  }
  offsets.push(end);
  return { chars, offsets, indent: '' };
}

/**
 * The text to put into the scalar for `decoded` (new decoded text), or undefined when that
 * style cannot hold it without rewriting the whole scalar.
 */
export function encodeForScalar(scalar: ScalarOffsets, decoded: string): string | undefined {
  switch (scalar.style) {
    case 'literal':
      return decoded.replace(/\n/g, `\n${scalar.indent}`);
    case 'double':
      return JSON.stringify(decoded).slice(1, -1);
    case 'single':
      return decoded.includes('\n') ? undefined : decoded.replace(/'/g, "''");
    case 'folded':
      return decoded.includes('\n') ? undefined : decoded;
    case 'plain':
      return /[\n#]|: /.test(decoded) ? undefined : decoded;
  }
}

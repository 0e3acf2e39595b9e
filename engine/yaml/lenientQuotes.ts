/**
 * go-yaml (libyaml) accepts a quoted scalar whose continuation lines are indented less
 * than YAML requires — e.g. a closing `"` at column 0 — and ct and Butane configs in the
 * wild rely on it. The yaml package refuses such text, so we indent those lines just
 * enough, parse, and map every offset back. Indentation inside a multi-line flow scalar
 * is folded away, so the values are unchanged.
 */

/** Where spaces were inserted: sorted original offsets and how many at each. */
export interface Insertions {
  at: number[];
  count: number[];
}

const VALUE_START = /(?::[ \t]+|-[ \t]+|[[{,][ \t]*|^[ \t]*)$/;

function indentOf(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ') i++;
  return i - lineStart;
}

/** The text with under-indented quoted-scalar continuation lines indented; undefined if none. */
export function indentQuotedContinuations(text: string): { text: string; insertions: Insertions } | undefined {
  const insertions: Insertions = { at: [], count: [] };
  let lineStart = 0;
  let quote: string | undefined;
  let required = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      lineStart = i + 1;
      if (quote) {
        const indent = indentOf(text, lineStart);
        const rest = text[lineStart + indent];
        // Blank continuation lines keep their meaning (a line break) at any indentation.
        if (indent < required && rest !== '\n' && rest !== '\r' && rest !== undefined) {
          insertions.at.push(lineStart);
          insertions.count.push(required - indent);
        }
      }
      continue;
    }
    if (quote) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote && quote === "'" && text[i + 1] === "'") i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '#' && (i === lineStart || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      i = (nl < 0 ? text.length : nl) - 1;
      continue;
    }
    if ((c === '"' || c === "'") && VALUE_START.test(text.slice(lineStart, i))) {
      quote = c;
      required = indentOf(text, lineStart) + 1;
    }
  }
  if (insertions.at.length === 0) return undefined;
  let out = '';
  let from = 0;
  insertions.at.forEach((at, k) => {
    out += text.slice(from, at) + ' '.repeat(insertions.count[k]);
    from = at;
  });
  return { text: out + text.slice(from), insertions };
}

/** Maps an offset in the indented text back to the original text. */
export function originalOffset(insertions: Insertions, offset: number): number {
  let shift = 0;
  for (let k = 0; k < insertions.at.length; k++) {
    const insertedAt = insertions.at[k] + shift;
    if (offset < insertedAt) break;
    if (offset < insertedAt + insertions.count[k]) return insertions.at[k];
    shift += insertions.count[k];
  }
  return offset - shift;
}

/**
 * A systemd unit file read the way systemd reads it, keeping where every value came from:
 * sections, `Name=value` options, comments, and continuation lines (a trailing backslash
 * joins the next line with a space; comment lines inside a continuation are skipped).
 * Lint rules use this to point at words inside `ExecStart=` or `Environment=`; whether
 * Ignition accepts the file at all is unitFile.ts's business.
 */

export interface UnitOption {
  section: string;
  name: string;
  /** The value as systemd sees it: continuations joined, surrounding blanks removed. */
  value: string;
  /** Offset in the unit text of each character of `value`, plus one for its end. */
  offsets: number[];
  /** Where the option's name starts and its whole (possibly continued) line ends. */
  start: number;
  end: number;
}

export interface UnitSectionText {
  name: string;
  /** The header `[Name]`. */
  start: number;
  end: number;
}

export interface UnitText {
  sections: UnitSectionText[];
  options: UnitOption[];
}

const cache = new Map<string, UnitText>();

export function readUnitText(text: string): UnitText {
  let result = cache.get(text);
  if (!result) {
    if (cache.size >= 2048) cache.clear();
    result = read(text);
    cache.set(text, result);
  }
  return result;
}

function read(text: string): UnitText {
  const sections: UnitSectionText[] = [];
  const options: UnitOption[] = [];
  const lines: { start: number; end: number }[] = [];
  for (let at = 0; at <= text.length; ) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start: at, end: end > at && text[end - 1] === '\r' ? end - 1 : end });
    if (nl < 0) break;
    at = nl + 1;
  }
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const { start, end } = lines[i];
    const line = text.slice(start, end);
    const lead = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    if (trimmed.startsWith('[')) {
      const close = line.indexOf(']');
      section = close > 0 ? line.slice(lead + 1, close) : line.slice(lead + 1);
      sections.push({ name: section, start: start + lead, end: close > 0 ? start + close + 1 : end });
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const name = line.slice(lead, eq).trim();
    const chars: string[] = [];
    const offsets: number[] = [];
    let piece = { from: start + eq + 1, to: end };
    let lastEnd = end;
    for (;;) {
      const body = text.slice(piece.from, piece.to);
      const continued = /\\[ \t]*$/.test(body);
      const upto = continued ? piece.from + body.replace(/[ \t]*$/, '').length - 1 : piece.to;
      for (let k = piece.from; k < upto; k++) {
        chars.push(text[k]);
        offsets.push(k);
      }
      lastEnd = piece.to;
      if (!continued) break;
      chars.push(' ');
      offsets.push(upto);
      // Comment lines between continued lines are dropped, as systemd does.
      while (i + 1 < lines.length && /^[ \t]*[#;]/.test(text.slice(lines[i + 1].start, lines[i + 1].end))) i++;
      if (i + 1 >= lines.length) break;
      i++;
      piece = { from: lines[i].start, to: lines[i].end };
    }
    // Blanks around the value are not part of it.
    let from = 0;
    let to = chars.length;
    while (from < to && /\s/.test(chars[from])) from++;
    while (to > from && /\s/.test(chars[to - 1])) to--;
    const value = chars.slice(from, to).join('');
    const kept = offsets.slice(from, to);
    kept.push(to > from ? offsets[to - 1] + 1 : offsets[from] ?? lastEnd);
    options.push({ section, name, value, offsets: kept, start: start + lead, end: lastEnd });
  }
  return { sections, options };
}

/** A word of a command line or an assignment list, with its span in the option's value. */
export interface Word {
  /** The word after unquoting and unescaping. */
  text: string;
  start: number;
  end: number;
  /** Whether any part of the word was quoted. */
  quoted: boolean;
  /** For each character of `text`: the value's characters [from, to) it was decoded from, and whether it was quoted or escaped. */
  from: number[];
  to: number[];
  quotedAt: boolean[];
}

const C_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", s: ' ' };

/**
 * Splits a value into words as systemd's extract_first_word does for command lines and
 * `Environment=`: blanks separate, single or double quotes group anywhere in a word, and a
 * backslash escapes (C escapes, or the next character) inside and outside either quote.
 */
export function splitWords(value: string): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /\s/.test(value[i])) i++;
    if (i >= value.length) break;
    const word: Word = { text: '', start: i, end: i, quoted: false, from: [], to: [], quotedAt: [] };
    const push = (ch: string, a: number, b: number, quoted: boolean): void => {
      word.text += ch;
      word.from.push(a);
      word.to.push(b);
      word.quotedAt.push(quoted);
    };
    while (i < value.length && !/\s/.test(value[i])) {
      const c = value[i];
      if (c === '"' || c === "'") {
        word.quoted = true;
        let k = i + 1;
        while (k < value.length && value[k] !== c) {
          if (value[k] === '\\' && k + 1 < value.length) {
            push(C_ESCAPES[value[k + 1]] ?? value[k + 1], k, k + 2, true);
            k += 2;
          } else {
            push(value[k], k, k + 1, true);
            k++;
          }
        }
        i = k + 1;
      } else if (c === '\\' && i + 1 < value.length) {
        push(C_ESCAPES[value[i + 1]] ?? value[i + 1], i, i + 2, true);
        i += 2;
      } else {
        push(c, i, i + 1, false);
        i++;
      }
    }
    word.end = Math.min(i, value.length);
    words.push(word);
  }
  return words;
}

/** The prefixes systemd allows before an Exec command's path (`-`, `@`, `+`, `!`, `!!`, `:`). */
export function stripExecPrefixes(word: string): { prefix: string; path: string } {
  const m = /^[-@+!:|]*/.exec(word)!;
  return { prefix: m[0], path: word.slice(m[0].length) };
}

/** Options that hold a command line systemd executes. */
export const EXEC_OPTIONS: ReadonlySet<string> = new Set(['ExecStart', 'ExecStartPre', 'ExecStartPost', 'ExecReload', 'ExecStop', 'ExecStopPost', 'ExecCondition']);

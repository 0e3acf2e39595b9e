/**
 * Text that keeps, for every character, where it came from in the embedded text (a unit file,
 * a script, a k3s config) it was read out of — through any number of unquoting steps: a unit
 * option's value, a systemd word of it, a word of the `sh -c` script inside that word, the
 * INSTALL_K3S_EXEC value inside a shell assignment. Findings then underline the exact words.
 */
import type { EmbeddedText } from '../node/model';
import { splitWords, UnitOption } from '../systemd/unitText';

export interface Located {
  text: string;
  /** [from[i], to[i]): the characters of `in.text` that character i was decoded from. */
  from: number[];
  to: number[];
  in: EmbeddedText;
}

export interface TextPlace {
  in: EmbeddedText;
  start: number;
  end: number;
}

/** Where characters [start, end) of `loc` came from; an empty range sits before `start`. */
export function placeOf(loc: Located, start = 0, end = loc.text.length): TextPlace {
  if (end <= start) {
    const at = start < loc.text.length ? loc.from[start] : start > 0 ? loc.to[start - 1] : (loc.from[0] ?? 0);
    return { in: loc.in, start: at, end: at };
  }
  return { in: loc.in, start: loc.from[start], end: loc.to[end - 1] };
}

export function slice(loc: Located, start: number, end = loc.text.length): Located {
  return { text: loc.text.slice(start, end), from: loc.from.slice(start, end), to: loc.to.slice(start, end), in: loc.in };
}

/** A unit option's value, located in the unit text. */
export function optionText(option: UnitOption, unit: EmbeddedText): Located {
  const from = option.offsets.slice(0, option.value.length);
  return { text: option.value, from, to: from.map((o) => o + 1), in: unit };
}

/** The whole embedded text. */
export function wholeText(embedded: EmbeddedText): Located {
  const from = Array.from({ length: embedded.text.length }, (_, i) => i);
  return { text: embedded.text, from, to: from.map((o) => o + 1), in: embedded };
}

/** A word read out of a larger located text. */
export interface LocatedWord {
  /** The word after unquoting. */
  loc: Located;
  /** Its span, quotes included, in the text it was split from. */
  rawStart: number;
  rawEnd: number;
  /** For each character of `loc.text`, whether it was quoted or escaped. */
  quoted: boolean[];
}

class Builder {
  text = '';
  from: number[] = [];
  to: number[] = [];
  quoted: boolean[] = [];
  constructor(private readonly source: Located) {}
  /** Appends `ch`, decoded from source characters [a, b). */
  push(ch: string, a: number, b: number, quoted: boolean): void {
    this.text += ch;
    this.from.push(this.source.from[a]);
    this.to.push(this.source.to[b - 1]);
    this.quoted.push(quoted);
  }
  word(rawStart: number, rawEnd: number): LocatedWord {
    return { loc: { text: this.text, from: this.from, to: this.to, in: this.source.in }, rawStart, rawEnd, quoted: this.quoted };
  }
}

/** Splits like systemd (see splitWords), keeping where each character came from in `source`. */
export function systemdWords(source: Located): LocatedWord[] {
  return splitWords(source.text).map((w) => ({
    loc: { text: w.text, from: w.from.map((a) => source.from[a]), to: w.to.map((b) => source.to[b - 1]), in: source.in },
    rawStart: w.start,
    rawEnd: w.end,
    quoted: w.quotedAt,
  }));
}

export type ShellToken = { kind: 'word'; word: LocatedWord; expansion: boolean } | { kind: 'op'; op: string; rawStart: number; rawEnd: number };

const OPERATORS = ['&&', '||', ';;', '>>', '<<', '>&', '<&', '>|', '<>', '&>', '|', '&', ';', '<', '>', '(', ')'];

/** Skips a `$(…)`, `${…}` or backtick expansion starting at `i`; returns where it ends. */
function expansionEnd(s: string, i: number): number {
  if (s[i] === '`') {
    const close = s.indexOf('`', i + 1);
    return close < 0 ? s.length : close + 1;
  }
  const open = s[i + 1];
  const close = open === '(' ? ')' : '}';
  let depth = 0;
  for (let k = i + 1; k < s.length; k++) {
    if (s[k] === "'" && open === '(') {
      const q = s.indexOf("'", k + 1);
      k = q < 0 ? s.length : q;
    } else if (s[k] === open) depth++;
    else if (s[k] === close && --depth === 0) return k + 1;
  }
  return s.length;
}

/**
 * Tokenizes a POSIX shell script: words (quotes removed, expansions kept as written) and
 * operators; a newline is the operator `;`, comments are dropped.
 */
export function shellTokens(source: Located): ShellToken[] {
  const s = source.text;
  const tokens: ShellToken[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && s[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\n') {
      tokens.push({ kind: 'op', op: ';', rawStart: i, rawEnd: i + 1 });
      i++;
      continue;
    }
    if (c === '#') {
      while (i < s.length && s[i] !== '\n') i++;
      continue;
    }
    const op = OPERATORS.find((o) => s.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', op, rawStart: i, rawEnd: i + op.length });
      i += op.length;
      continue;
    }
    const start = i;
    const b = new Builder(source);
    let expansion = false;
    let redirection = false;
    while (i < s.length) {
      const ch = s[i];
      if (/[ \t\r\n]/.test(ch)) break;
      if (OPERATORS.some((o) => s.startsWith(o, i))) {
        // A file descriptor number right before a redirection belongs to it (2>&1).
        if ((ch === '<' || ch === '>') && /^\d+$/.test(b.text) && !b.quoted.some(Boolean)) {
          const o = OPERATORS.find((x) => s.startsWith(x, i))!;
          tokens.push({ kind: 'op', op: s.slice(start, i) + o, rawStart: start, rawEnd: i + o.length });
          i += o.length;
          redirection = true;
        }
        break;
      }
      if (ch === "'") {
        const close = s.indexOf("'", i + 1);
        const stop = close < 0 ? s.length : close;
        for (let k = i + 1; k < stop; k++) b.push(s[k], k, k + 1, true);
        i = close < 0 ? s.length : close + 1;
      } else if (ch === '"') {
        let k = i + 1;
        while (k < s.length && s[k] !== '"') {
          if (s[k] === '\\' && k + 1 < s.length && '$`"\\\n'.includes(s[k + 1])) {
            if (s[k + 1] !== '\n') b.push(s[k + 1], k, k + 2, true);
            k += 2;
          } else if ((s[k] === '$' && (s[k + 1] === '(' || s[k + 1] === '{')) || s[k] === '`') {
            const end = expansionEnd(s, k);
            for (let m = k; m < end; m++) b.push(s[m], m, m + 1, true);
            expansion = true;
            k = end;
          } else {
            if (s[k] === '$' && /[A-Za-z_]/.test(s[k + 1] ?? '')) expansion = true;
            b.push(s[k], k, k + 1, true);
            k++;
          }
        }
        i = k + 1;
      } else if (ch === '\\' && i + 1 < s.length) {
        if (s[i + 1] !== '\n') b.push(s[i + 1], i, i + 2, true);
        i += 2;
      } else if ((ch === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) || ch === '`') {
        const end = expansionEnd(s, i);
        for (let m = i; m < end; m++) b.push(s[m], m, m + 1, false);
        expansion = true;
        i = end;
      } else {
        if (ch === '$' && /[A-Za-z_]/.test(s[i + 1] ?? '')) expansion = true;
        b.push(ch, i, i + 1, false);
        i++;
      }
    }
    if (!redirection && i > start && (b.text !== '' || b.quoted.length > 0 || s[start] === '"' || s[start] === "'")) tokens.push({ kind: 'word', word: b.word(start, i), expansion });
  }
  return tokens;
}

/** A variable assignment `NAME=value` (a word, or an `Environment=` item). */
export interface Assignment {
  name: string;
  value: Located;
  nameAt: Located;
  /** The whole word. */
  word: LocatedWord;
  /** The value holds `$…`/backticks (shell): not a literal. */
  expansion: boolean;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function validEnvName(name: string): boolean {
  return ENV_NAME.test(name);
}

/** The assignment a word spells, if its name part is a valid variable name (unquoted, for the shell). */
export function assignmentOf(word: LocatedWord, expansion = false, nameMayBeQuoted = true): Assignment | undefined {
  const eq = word.loc.text.indexOf('=');
  if (eq <= 0) return undefined;
  const name = word.loc.text.slice(0, eq);
  if (!validEnvName(name)) return undefined;
  if (!nameMayBeQuoted && word.quoted.slice(0, eq + 1).some(Boolean)) return undefined;
  return { name, value: slice(word.loc, eq + 1), nameAt: slice(word.loc, 0, eq), word, expansion };
}

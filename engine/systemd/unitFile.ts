/**
 * A systemd unit-file reader that accepts and rejects exactly what Ignition's
 * validation does (go-systemd's unit deserializer). That deserializer reads through a
 * 4 KiB buffered reader and refuses a line only when, at the start of a lexing step,
 * at least 2048 bytes are buffered and none of them is a line break — so whether a
 * long line is refused depends on buffering. We model the buffer to match.
 */

export interface UnitSection {
  name: string;
  options: { name: string; value: string }[];
}

/**
 * Why a unit was refused, as go-systemd distinguishes it, so each dialect can word the
 * failure like its reference tool (ct quotes go-systemd's own messages).
 */
export type UnitFailure =
  | { reason: 'line-too-long' }
  | { reason: 'unclosed-section' }
  | { reason: 'garbage-after-section'; section: string; garbage: string }
  | { reason: 'newline-in-option-name' }
  | { reason: 'eof-in-option-name' };

export type UnitParse = { ok: true; sections: UnitSection[] } | ({ ok: false; problem: string } & UnitFailure);

/** systemd's LINE_MAX as go-systemd assumes it. */
const LINE_MAX = 2048;
const BUFFER = 4096;
const NL = 0x0a;
const CR = 0x0d;

class Fail extends Error {
  constructor(
    message: string,
    readonly failure: UnitFailure,
  ) {
    super(message);
  }
}

/** Byte reader that tracks what a Go bufio.Reader of 4096 bytes would have buffered. */
class Reader {
  r = 0;
  w = 0;
  constructor(readonly b: Uint8Array) {}

  private fill(): void {
    this.w = Math.min(this.b.length, this.r + BUFFER);
  }

  buffered(): number {
    return this.w - this.r;
  }

  /** Reads one UTF-8 sequence; returns its code point, or undefined at the end. */
  readRune(): { rune: number; size: number } | undefined {
    if (this.r >= this.b.length) return undefined;
    const lead = this.b[this.r];
    const size = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (this.w - this.r < size) this.fill();
    const bytes = this.b.subarray(this.r, Math.min(this.b.length, this.r + size));
    const rune = size === 1 ? lead : new TextDecoder().decode(bytes).codePointAt(0) ?? 0xfffd;
    this.r += bytes.length;
    return { rune, size: bytes.length };
  }

  unread(size: number): void {
    this.r -= size;
  }

  /** Reads through `delim`; `found` is false when the input ended first. */
  readBytes(delim: number): { data: Uint8Array; found: boolean } {
    const start = this.r;
    for (;;) {
      const window = this.b.subarray(this.r, this.w);
      const i = window.indexOf(delim);
      if (i >= 0) {
        this.r += i + 1;
        return { data: this.b.subarray(start, this.r), found: true };
      }
      if (this.w >= this.b.length) {
        this.r = this.w;
        return { data: this.b.subarray(start, this.r), found: false };
      }
      if (this.w - this.r >= BUFFER) this.r = this.w;
      this.fill();
    }
  }

  /** Line to the end of line or input, without the line break. */
  toEOL(): { line: string; eof: boolean } {
    const { data, found } = this.readBytes(NL);
    let text = new TextDecoder().decode(data);
    if (text.endsWith('\n')) text = text.slice(0, -1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    return { line: text, eof: !found };
  }

  /** The line-length rule, checked before every lexing step. */
  checkLineLength(): void {
    if (this.buffered() < LINE_MAX) return;
    const window = this.b.subarray(this.r, this.r + LINE_MAX);
    if (window.indexOf(NL) < 0 && window.indexOf(CR) < 0) {
      throw new Fail(`a line is longer than systemd accepts (${LINE_MAX - 1} bytes); split it with a trailing \`\\\` or move the text into a script file`, { reason: 'line-too-long' });
    }
  }
}

const isComment = (rune: number): boolean => rune === 0x23 || rune === 0x3b;
const isSpace = (rune: number): boolean => /\s/u.test(String.fromCodePoint(rune));

type Step = () => Step | undefined;

/**
 * Unit texts rarely change between keystrokes, so parses are memoised by text; the cache
 * is dropped wholesale when it grows past a bound instead of tracking recency.
 */
const parsed = new Map<string, UnitParse>();
const PARSE_CACHE_LIMIT = 4096;

export function parseUnit(text: string): UnitParse {
  let result = parsed.get(text);
  if (!result) {
    if (parsed.size >= PARSE_CACHE_LIMIT) parsed.clear();
    result = parseUnitText(text);
    parsed.set(text, result);
  }
  return result;
}

function parseUnitText(text: string): UnitParse {
  const reader = new Reader(new TextEncoder().encode(text));
  const sections: UnitSection[] = [];

  const ignoreLine =
    (next: Step): Step =>
    () => {
      for (;;) {
        const { line } = reader.toEOL();
        if (!line.replace(/ +$/, '').endsWith('\\')) return next;
      }
    };

  const sectionName: Step = () => {
    const { data, found } = reader.readBytes(0x5d);
    if (!found) throw new Fail('a section header `[...` is never closed with `]`', { reason: 'unclosed-section' });
    const name = new TextDecoder().decode(data.subarray(0, data.length - 1));
    return () => {
      const garbage = reader.toEOL().line.trim();
      if (garbage !== '') throw new Fail(`unexpected text ${JSON.stringify(garbage)} after the section header [${name}]; put options on their own lines`, { reason: 'garbage-after-section', section: name, garbage });
      sections.push({ name, options: [] });
      return sectionOrOption;
    };
  };

  const nextSection: Step = () => {
    const r = reader.readRune();
    if (!r) return undefined;
    if (r.rune === 0x5b) return sectionName;
    if (isComment(r.rune)) return ignoreLine(nextSection);
    return nextSection;
  };

  const optionValue =
    (name: string, partial: string): Step =>
    () => {
      const { line, eof } = reader.toEOL();
      let value = partial;
      if (line.trim() !== '') {
        value += line;
        if (line.endsWith('\\')) return optionValue(name, eof ? value : `${value}\n`);
      }
      sections[sections.length - 1].options.push({ name, value: value.trim() });
      return sectionOrOption;
    };

  const optionName: Step = () => {
    let name = '';
    for (;;) {
      const r = reader.readRune();
      if (!r) throw new Fail(`${JSON.stringify(name.trim())} at the end is not an option: option lines look like \`Name=value\``, { reason: 'eof-in-option-name' });
      if (r.rune === NL || r.rune === CR) throw new Fail(`${JSON.stringify(name.trim())} is not an option: option lines look like \`Name=value\``, { reason: 'newline-in-option-name' });
      if (r.rune === 0x3d) return optionValue(name.trim(), '');
      name += String.fromCodePoint(r.rune);
    }
  };

  const sectionOrOption: Step = () => {
    const r = reader.readRune();
    if (!r) return undefined;
    if (isSpace(r.rune)) return sectionOrOption;
    if (r.rune === 0x5b) return sectionName;
    if (isComment(r.rune)) return ignoreLine(sectionOrOption);
    reader.unread(r.size);
    return optionName;
  };

  try {
    let step: Step | undefined = nextSection;
    while (step) {
      reader.checkLineLength();
      step = step();
    }
  } catch (err) {
    if (err instanceof Fail) return { ok: false, problem: err.message, ...err.failure };
    throw err;
  }
  return { ok: true, sections };
}

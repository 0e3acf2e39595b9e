// A port of github.com/vincent-petithory/dataurl DecodeString as vendored by ct v0.9.4.
// Ignition 2.3 runs every "data:" URL through it and reports its error text verbatim.
// In Go a lexer goroutine feeds items to a parser that stops at the first failing item;
// here the scanner applies each item as soon as it is lexed, which fails at the same
// point with the same message. The scanner walks code points (Go's runes for valid
// UTF-8); decoded parameter values are byte strings (one char per byte, 0-255).

/** Go's eof rune -1, which also passes the lexer's `r <= unicode.MaxASCII` tests. */
const EOF = -1;
const TSPECIALS = '()<>@,;:\\"/[]?=';
const NOT_URL_CHARS = ' <>#"{}|\\^[]`';
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const [SEMICOLON, COMMA, SLASH, EQUAL, QUOTE, BACKSLASH, DASH] = [...';,/="\\-'].map((c) => c.charCodeAt(0));

class DataUrlError extends Error {}

function fail(message: string): never {
  throw new DataUrlError(message);
}

/** isTokenRune; unicode.IsControl/IsSpace are false for -1, so eof counts as a token rune. */
function isToken(r: number): boolean {
  return r === EOF || (r > 0x20 && r < 0x7f && !TSPECIALS.includes(String.fromCharCode(r)));
}

function isUrlChar(r: number): boolean {
  return r >= 0x20 && r < 0x7f && !NOT_URL_CHARS.includes(String.fromCharCode(r));
}

function isBase64Char(r: number): boolean {
  return r === 0x0a || r === 0x3d || (r < 0x80 && BASE64_ALPHABET.includes(String.fromCharCode(r)));
}

const isMainType = (s: string): boolean => ['text', 'image', 'audio', 'video', 'application', 'message', 'multipart'].some((p) => s.startsWith(p));
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** The Go lexer's cursor: start..pos is the pending item, width the size of the last rune. */
class Scanner {
  start = 'data:'.length;
  pos = this.start;
  width = 0;
  constructor(readonly input: string) {}

  next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }
  backup(): void {
    this.pos -= this.width;
  }
  /** Emits the pending item: returns its text and starts the next one. */
  take(): string {
    const text = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return text;
  }
  /** Reads runes until one in `stops` (left unread) or a failure; returns the stop rune. */
  scanUntil(stops: number[], valid: (r: number) => boolean, eofMessage: string, badMessage: string): number {
    for (;;) {
      const r = this.next();
      if (stops.includes(r)) {
        this.backup();
        return r;
      }
      if (r === EOF) fail(eofMessage);
      if (!valid(r)) fail(badMessage);
    }
  }
}

/** rfc2396 Unescape on ASCII input (the lexer admits nothing else); the Go message always prints '%' (0x25). */
function unescape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '%') {
      out += s[i];
      continue;
    }
    for (const k of [1, 2]) {
      if (i + k >= s.length) fail('rfc2396: unexpected end of unescape sequence');
      if (!isHex(s[i + k])) fail('rfc2396: invalid char 0x25 in unescape sequence');
    }
    out += String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16));
    i += 2;
  }
  return out;
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };
const HEX_ESCAPE_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** strconv.Unquote of `"` + s + `"` for ASCII s (lexer-guaranteed); any failure is strconv.ErrSyntax. */
function goUnquote(s: string): string {
  const syntax = (): never => fail('invalid syntax');
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\n') syntax();
    if (s[i] !== '\\') {
      out += s[i];
      continue;
    }
    const e = s[++i];
    if (e in SIMPLE_ESCAPES) {
      out += String.fromCharCode(SIMPLE_ESCAPES[e]);
    } else if (e in HEX_ESCAPE_DIGITS) {
      const digits = s.slice(i + 1, i + 1 + HEX_ESCAPE_DIGITS[e]);
      if (digits.length < HEX_ESCAPE_DIGITS[e] || ![...digits].every(isHex)) syntax();
      const v = parseInt(digits, 16);
      i += digits.length;
      if (e === 'x') out += String.fromCharCode(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) syntax();
      else out += String.fromCharCode(...new TextEncoder().encode(String.fromCodePoint(v)));
    } else if (/^[0-7]{3}$/.test(s.slice(i, i + 3)) && parseInt(s.slice(i, i + 3), 8) <= 255) {
      out += String.fromCharCode(parseInt(s.slice(i, i + 3), 8));
      i += 2;
    } else {
      syntax();
    }
  }
  return out;
}

/** base64.StdEncoding.DecodeString: padding required, stray low bits allowed, CR/LF skipped. */
function decodeBase64(src: string): Uint8Array {
  const corrupt = (at: number): never => fail(`illegal base64 data at input byte ${at}`);
  const out: number[] = [];
  let si = 0;
  const skipNewlines = (): void => {
    while (si < src.length && (src[si] === '\n' || src[si] === '\r')) si++;
  };
  while (si < src.length) {
    const quantum = [0, 0, 0, 0];
    let len = 4;
    let trailing: number | undefined;
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Uint8Array.from(out);
        corrupt(si - j);
      }
      const c = src[si++];
      const v = BASE64_ALPHABET.indexOf(c);
      if (v >= 0) {
        quantum[j] = v;
        continue;
      }
      if (c === '\n' || c === '\r') {
        j--;
        continue;
      }
      if (c !== '=' || j < 2) corrupt(si - 1);
      if (j === 2) {
        skipNewlines();
        if (si === src.length) corrupt(src.length);
        if (src[si] !== '=') corrupt(si - 1);
        si++;
      }
      skipNewlines();
      if (si < src.length) trailing = si;
      len = j;
      break;
    }
    const val = (quantum[0] << 18) | (quantum[1] << 12) | (quantum[2] << 6) | quantum[3];
    out.push(...[(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff].slice(0, len - 1));
    if (trailing !== undefined) corrupt(trailing);
  }
  return Uint8Array.from(out);
}

/** Go's dataurl.Escape for parameter values: bytes outside [A-Za-z0-9-_.!~*'()] become %XX. */
function escapeParam(bytes: string): string {
  return bytes.replace(/[^A-Za-z0-9\-_.!~*'()]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

interface MediaType {
  type: string;
  subtype: string;
  params: Map<string, string>;
}

/** One ";attr=value" or the final ";base64"; returns the ';' or ',' that follows (unread) and whether it was base64. */
function scanParam(l: Scanner, mt: MediaType, quoted: { pending: boolean }): { next: number; base64: boolean } {
  l.next();
  l.take();
  const first = l.next();
  if (first === EOF || first === EQUAL || first === COMMA) fail('unterminated parameter sequence');
  if (!isToken(first)) fail('invalid character for parameter attribute');
  const bad = 'invalid character for parameter attribute';
  if (l.scanUntil([EQUAL, COMMA], isToken, 'unterminated parameter sequence', bad) === COMMA) {
    const attr = l.take();
    if (attr !== 'base64') fail(`expected base64, got ${attr}`);
    return { next: COMMA, base64: true };
  }
  const attr = l.take();
  l.next();
  l.take();
  const r = l.next();
  let value: string | undefined;
  if (r === QUOTE) {
    l.take();
    quoted.pending = true;
    for (let c = l.next(); c !== QUOTE; c = l.next()) {
      if (c === EOF) fail('unclosed quoted string');
      // After a backslash any ASCII rune (or eof, which is -1) continues the string.
      if (c === BACKSLASH && l.next() > 0x7f) fail('invalid escaped character');
      if (c > 0x7f) fail('invalid character for parameter value');
    }
    l.backup();
    // An empty quoted value emits no item, so the pending unquote applies to the next value.
    if (l.pos > l.start) value = l.take();
    l.next();
    l.take();
  } else {
    if (r === EOF) fail('missing comma before data');
    if (!isToken(r)) fail('invalid character for parameter value');
    l.scanUntil([SEMICOLON, COMMA], isToken, 'missing comma before data', 'invalid character for parameter value');
    value = l.take();
  }
  if (value !== undefined) {
    mt.params.set(attr, quoted.pending ? goUnquote(value) : unescape(value));
    quoted.pending = false;
  }
  const after = l.next();
  if (after !== SEMICOLON && after !== COMMA) fail(after === EOF ? 'missing comma before data' : 'expected semicolon or comma');
  l.backup();
  return { next: after, base64: false };
}

function decode(input: string): { mediaType: string; data: Uint8Array } {
  if (!input.startsWith('data:')) fail('missing data prefix');
  const l = new Scanner(input);
  const mt: MediaType = { type: 'text', subtype: 'plain', params: new Map([['charset', 'US-ASCII']]) };
  let r = l.next();
  if (r === SEMICOLON || r === COMMA) {
    l.backup();
  } else {
    if (r === EOF) fail('missing comma before data');
    let discrete = true;
    // The rune after an x/X that is not '-' is consumed unchecked, as in the Go lexer.
    if (r === 'x'.charCodeAt(0) || r === 'X'.charCodeAt(0)) discrete = l.next() !== DASH;
    else if (!isToken(r)) fail('invalid character after data prefix');
    l.scanUntil([SLASH], isToken, 'missing media type slash', 'invalid character for media type');
    if (discrete && !isMainType(l.input.slice(l.start, l.pos))) fail('invalid media type');
    mt.type = l.take();
    mt.params.delete('charset');
    l.next();
    l.take();
    r = l.scanUntil([SEMICOLON, COMMA], isToken, 'incomplete media type', 'invalid character for media subtype');
    if (l.pos > l.start) mt.subtype = l.take();
  }
  let base64 = false;
  const quoted = { pending: false };
  while (r === SEMICOLON) ({ next: r, base64 } = scanParam(l, mt, quoted));
  l.next();
  l.take();
  for (let c = l.next(); c !== EOF; c = l.next()) {
    if (!(base64 ? isBase64Char : isUrlChar)(c)) fail('invalid data character');
  }
  const payload = l.take();
  const data = base64 ? decodeBase64(payload) : Uint8Array.from(unescape(payload), (c) => c.charCodeAt(0));
  const params = [...mt.params.keys()].sort().map((k) => `;${k}=${escapeParam(mt.params.get(k)!)}`);
  return { mediaType: `${mt.type}/${mt.subtype}${params.join('')}`, data };
}

/**
 * dataurl.DecodeString: Ignition 2.3's acceptance test for "data:" URLs. mediaType is Go's
 * MediaType.String() (type/subtype plus sorted, escaped parameters); data is the payload.
 */
export function decodeDataUrl(s: string): { ok: true; mediaType: string; data: Uint8Array } | { ok: false; message: string } {
  try {
    return { ok: true, ...decode(s) };
  } catch (e) {
    if (e instanceof DataUrlError) return { ok: false, message: e.message };
    throw e;
  }
}

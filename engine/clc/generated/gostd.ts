/**
 * The few pieces of Go's standard library whose exact behaviour shows in ct's output and
 * messages for the generated sections: strconv.Quote (`%q`), strings.ToLower and EqualFold,
 * fmt.Sscanf("%s %s"), time.Parse("15:04") and time.ParseDuration. Rewritten from their
 * documented behaviour; Go works on UTF-8 bytes, so the byte-sensitive parts do too.
 */
import { isGoPrintable } from './goPrintable';

/** UTF-8 bytes of a JS string; a lone surrogate becomes U+FFFD, as go-yaml would have produced. */
export function utf8Bytes(s: string): Uint8Array {
  return Buffer.from(s, 'utf8');
}

/** Go's utf8.DecodeRune: the code point and its width, or -1 (width 1) for an invalid byte. */
function decodeRune(b: Uint8Array, i: number): [number, number] {
  const b0 = b[i];
  if (b0 < 0x80) return [b0, 1];
  const cont = (j: number, lo = 0x80, hi = 0xbf): boolean => j < b.length && b[j] >= lo && b[j] <= hi;
  if (b0 >= 0xc2 && b0 < 0xe0 && cont(i + 1)) return [((b0 & 0x1f) << 6) | (b[i + 1] & 0x3f), 2];
  if (b0 >= 0xe0 && b0 < 0xf0) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    if (cont(i + 1, lo, hi) && cont(i + 2)) return [((b0 & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f), 3];
  }
  if (b0 >= 0xf0 && b0 < 0xf5) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    if (cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3)) {
      return [((b0 & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f), 4];
    }
  }
  return [-1, 1];
}

/** Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space, as of Unicode 13. */
export const isGoPrint = isGoPrintable;

const NAMED_ESCAPES: Record<number, string> = { 0x07: '\\a', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v' };

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** Go's strconv.Quote over raw bytes: printable runes kept (non-ASCII too), the rest escaped. */
export function goQuoteBytes(b: Uint8Array): string {
  let out = '"';
  for (let i = 0; i < b.length; ) {
    const [cp, width] = decodeRune(b, i);
    if (cp < 0) {
      out += `\\x${hex(b[i], 2)}`;
    } else if (cp === 0x22 || cp === 0x5c) {
      out += '\\' + String.fromCharCode(cp);
    } else if (isGoPrint(cp)) {
      out += String.fromCodePoint(cp);
    } else if (NAMED_ESCAPES[cp]) {
      out += NAMED_ESCAPES[cp];
    } else if (cp < 0x20 || cp === 0x7f) {
      out += `\\x${hex(cp, 2)}`;
    } else if (cp < 0x10000) {
      out += `\\u${hex(cp, 4)}`;
    } else {
      out += `\\U${hex(cp, 8)}`;
    }
    i += width;
  }
  return out + '"';
}

/** Go's `%q` of a string value (strconv.Quote), as ct prints option values. */
export function goQuote(s: string): string {
  return goQuoteBytes(utf8Bytes(s));
}

/** Go's strings.ToLower: the simple per-rune mapping of Unicode 13 (so 'İ' → 'i' and a final 'Σ' → 'σ', unlike JS). */
export function goToLower(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x130) out += 'i';
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\ufffd';
    else if (!isGoPrintable(cp)) out += ch; // unassigned in Unicode 13: Go has no mapping for it
    else out += ch.toLowerCase();
  }
  return out;
}

function foldRune(cp: number): string {
  if (cp === 0x212a) return 'k'; // KELVIN SIGN folds with k
  if (cp === 0x17f) return 's'; // LATIN SMALL LETTER LONG S folds with s
  if (cp === 0x130 || cp === 0x131) return String.fromCodePoint(cp); // dotted/dotless i fold with nothing
  const ch = String.fromCodePoint(cp);
  const lower = ch.toLowerCase();
  return [...lower].length === 1 ? lower : ch;
}

/** Go's strings.EqualFold (simple Unicode case folding), as ct's "Did you mean" uses it. */
export function goEqualFold(a: string, b: string): boolean {
  const ra = [...a];
  const rb = [...b];
  if (ra.length !== rb.length) return false;
  return ra.every((ch, i) => ch === rb[i] || foldRune(ch.codePointAt(0)!) === foldRune(rb[i].codePointAt(0)!));
}

const SPACE_RANGES: readonly [number, number][] = [
  [0x09, 0x0d], [0x20, 0x20], [0x85, 0x85], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
  [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000],
];

/** The space test of Go's fmt scanning. */
function isScanSpace(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const cp = ch.codePointAt(0)!;
  return SPACE_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
}

/**
 * Go's fmt.Sscanf(s, "%s %s", &a, &b): two space-separated words, or undefined when Go
 * reports an error (input ends early, or a newline where a space or word is expected).
 * Anything after the second word is ignored, as in Go.
 */
export function sscanfTwoWords(s: string): [string, string] | undefined {
  const runes = [...s];
  let pos = 0;
  const skipSpace = (): boolean => {
    while (pos < runes.length) {
      const r = runes[pos];
      if (r === '\r' && runes[pos + 1] === '\n') {
        pos++;
        continue;
      }
      if (r === '\n') return false;
      if (!isScanSpace(r)) return true;
      pos++;
    }
    return true;
  };
  const word = (): string | undefined => {
    if (!skipSpace() || pos >= runes.length) return undefined;
    const start = pos;
    while (pos < runes.length && !isScanSpace(runes[pos])) pos++;
    return runes.slice(start, pos).join('');
  };
  const first = word();
  if (first === undefined) return undefined;
  // the space in the format: one or more spaces (not a newline) or the end of the input
  if (runes[pos] === '\n') return undefined;
  while (pos < runes.length && isScanSpace(runes[pos]) && runes[pos] !== '\n') pos++;
  const second = word();
  return second === undefined ? undefined : [first, second];
}

/** Whether Go's time.Parse("15:04", s) succeeds: a 1–2 digit hour below 24, ':', a 2-digit minute below 60. */
export function isGoClock(s: string): boolean {
  const m = /^([0-9]{1,2}):([0-9]{2})$/.exec(s);
  return m !== null && Number(m[1]) < 24 && Number(m[2]) < 60;
}

const UNITS = new Map<string, bigint>([
  ['ns', 1n], ['us', 1_000n], ['\u00b5s', 1_000n], ['\u03bcs', 1_000n], ['ms', 1_000_000n],
  ['s', 1_000_000_000n], ['m', 60_000_000_000n], ['h', 3_600_000_000_000n],
]);
const LIMIT = 1n << 63n;

/** Whether Go's time.ParseDuration accepts s (e.g. "1h30m", "90s", "1.5h", "-2m"; "" and "1" fail, "0" passes). */
export function isGoDuration(s: string): boolean {
  let rest = s;
  let neg = false;
  if (rest[0] === '-' || rest[0] === '+') {
    neg = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return true;
  if (rest === '') return false;
  let total = 0n;
  while (rest !== '') {
    const num = /^([0-9]*)(?:\.([0-9]*))?/.exec(rest)!;
    const [whole, intPart, fracPart] = num;
    if (intPart === '' && (fracPart === undefined || fracPart === '')) return false;
    let v = 0n;
    for (const d of intPart) {
      if (v > LIMIT / 10n) return false;
      v = v * 10n + BigInt(d);
      if (v > LIMIT) return false;
    }
    // the fraction keeps its digits until they would overflow, like Go's leadingFraction
    let f = 0n;
    let scale = 1;
    let overflow = false;
    for (const d of fracPart ?? '') {
      if (overflow) continue;
      if (f > (LIMIT - 1n) / 10n) {
        overflow = true;
        continue;
      }
      const y = f * 10n + BigInt(d);
      if (y > LIMIT) {
        overflow = true;
        continue;
      }
      f = y;
      scale *= 10;
    }
    rest = rest.slice(whole.length);
    const unitMatch = /^[^.0-9]*/.exec(rest)![0];
    if (unitMatch === '') return false;
    const unit = UNITS.get(unitMatch);
    if (unit === undefined) return false;
    rest = rest.slice(unitMatch.length);
    if (v > LIMIT / unit) return false;
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > LIMIT) return false;
    }
    total += v;
    if (total > LIMIT) return false;
  }
  return neg || total <= LIMIT - 1n;
}

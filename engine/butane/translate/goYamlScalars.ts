/**
 * The scalar-level decisions go-yaml v3's encoder makes when Butane prints a MachineConfig:
 * which strings may stay unquoted (they must read back as strings, also to YAML 1.1
 * parsers), how a JSON number (a Go float64) is spelled, and the order of mapping keys.
 * The encoder in `machineConfigYaml.ts` does the layout.
 */

/** Words go-yaml resolves by table lookup (when the first character hints at one). */
const TABLE_WORDS = new Set([
  ...['true', 'True', 'TRUE', 'false', 'False', 'FALSE', '', '~', 'null', 'Null', 'NULL'],
  ...['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<'],
]);
/** YAML 1.1 booleans: quoted so that YAML 1.1 readers keep them strings. */
const OLD_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** The digits of `text` in `base` as a BigInt, or undefined when any is not a digit of it. */
function digitsValue(text: string, base: number): bigint | undefined {
  if (text === '') return undefined;
  let value = 0n;
  for (const c of text.toLowerCase()) {
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base) return undefined;
    value = value * BigInt(base) + BigInt(d);
  }
  return value;
}

/** Go's strconv.ParseInt / ParseUint (signed or not) with an explicit base (0 = from the prefix). */
function parsesAsGoInt(text: string, base: number, signed: boolean): boolean {
  let body = text;
  let negative = false;
  if (signed && (body.startsWith('+') || body.startsWith('-'))) {
    negative = body[0] === '-';
    body = body.slice(1);
  }
  let b = base;
  if (base === 0) {
    b = 10;
    if (/^0[xX]/.test(body)) [b, body] = [16, body.slice(2)];
    else if (/^0[bB]/.test(body)) [b, body] = [2, body.slice(2)];
    else if (/^0[oO]/.test(body)) [b, body] = [8, body.slice(2)];
    else if (body.length > 1 && body[0] === '0') [b, body] = [8, body.slice(1)];
  }
  const magnitude = digitsValue(body, b);
  if (magnitude === undefined) return false;
  if (!signed) return magnitude <= UINT64_MAX;
  const value = negative ? -magnitude : magnitude;
  return value >= INT64_MIN && value <= INT64_MAX;
}

/** Go's strconv.ParseFloat on a decimal text: syntax (underscores only between digits) and no overflow. */
function parsesAsGoDecimalFloat(text: string): boolean {
  const digits = '[0-9]+(?:_[0-9]+)*';
  const syntax = new RegExp(`^[-+]?(?:${digits}(?:\\.(?:${digits})?)?|\\.${digits})(?:[eE][-+]?${digits})?$`);
  return syntax.test(text) && Number.isFinite(Number(text.replace(/_/g, '')));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether Go's time.Parse accepts `text` with one of the layouts go-yaml tries for timestamps. */
function isGoYamlTimestamp(text: string): boolean {
  // 2006-1-2, then optionally [Tt]15:4:5[.frac]Z07:00 or " "15:4:5[.frac] (one layout space matches many).
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])| +)(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(Z|[-+]\d{2}:\d{2})?)?$/.exec(text);
  if (!m) return false;
  const [, y, mo, d, t, h, mi, s, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day < 1 || day > DAYS_IN_MONTH[month - 1] + (month === 2 && leap ? 1 : 0)) return false;
  if (h === undefined) return true;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return false;
  // The T layout needs a zone; the space layout has none.
  if (t !== undefined ? zone === undefined : zone !== undefined) return false;
  if (zone && zone !== 'Z' && (Number(zone.slice(1, 3)) > 24 || Number(zone.slice(4, 6)) > 60)) return false;
  return true;
}

/** Whether go-yaml would read `text`, unquoted, back as a string (its `resolve` says !!str). */
function resolvesToString(text: string): boolean {
  const first = text[0] ?? '';
  const hinted = text === '' || /[-+0-9yYnNtTfFoO~.]/.test(first);
  if (!hinted) return true;
  if (TABLE_WORDS.has(text)) return false;
  if (first === '.') return !parsesAsGoDecimalFloat(text);
  if (!/[-+0-9]/.test(first)) return true;
  if (isGoYamlTimestamp(text)) return false;
  const plain = text.replace(/_/g, '');
  if (parsesAsGoInt(plain, 0, true) || parsesAsGoInt(plain, 0, false)) return false;
  if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return false;
  // go-yaml then retries binary and octal prefixes with the sign after the prefix allowed.
  if (plain.startsWith('0b')) return !(parsesAsGoInt(plain.slice(2), 2, true) || parsesAsGoInt(plain.slice(2), 2, false));
  if (plain.startsWith('-0b')) return !parsesAsGoInt(`-${plain.slice(3)}`, 2, true);
  if (plain.startsWith('0o')) return !(parsesAsGoInt(plain.slice(2), 8, true) || parsesAsGoInt(plain.slice(2), 8, false));
  if (plain.startsWith('-0o')) return !parsesAsGoInt(`-${plain.slice(3)}`, 8, true);
  return true;
}

/** Whether the encoder may ask for a plain (unquoted) scalar; otherwise it asks for double quotes. */
export function mayBePlain(text: string): boolean {
  if (!resolvesToString(text)) return false;
  const base60 = /^[-+0-9]/.test(text) && text.includes(':') && BASE60_FLOAT.test(text);
  return !base60 && !OLD_BOOLS.has(text);
}

/** Go's strconv.FormatFloat(value, 'g', -1, 64): shortest digits, exponent form from 1e+06 on. */
export function goFormatFloat(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, exponent] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${fraction}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const point = exp + 1;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => /\p{Nd}/u.test(c);
const code = (c: string): number => c.codePointAt(0) ?? 0;

/**
 * go-yaml's order of string map keys: by code point, except that runs of digits compare
 * by value ("a2" < "a10") and letters sort after digits or before them depending on
 * whether the common prefix ended in a digit.
 */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      digits = isDigit(ar[i]);
      continue;
    }
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return code(ar[i]) < code(br[i]);
    if (al || bl) return digits ? al : bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      // A zero inside a longer number is an ordinary digit, not a leading zero.
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(code(ar[ai]) - 48));
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(code(br[bi]) - 48));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return code(ar[i]) < code(br[i]);
  }
  return ar.length < br.length;
}

export function goYamlKeyOrder(keys: string[]): string[] {
  return [...keys].sort((x, y) => (goYamlKeyLess(x, y) ? -1 : goYamlKeyLess(y, x) ? 1 : 0));
}

// A port of github.com/alecthomas/units ParseBase2Bytes as vendored by ct v0.9.4,
// which the Container Linux Config schema uses for size strings such as "10GiB".
// The arithmetic follows the Go code step by step: digits are gathered into an
// int64 (BigInt here, exact), converted to float64, scaled and summed in
// float64 (JS numbers are IEEE doubles, so every rounding step is the same),
// and the total is truncated to int64.

/** Multipliers of one unit map; Go builds these with MakeUnitMap(suffix, "B", 1024). */
type UnitMap = ReadonlyMap<string, number>;

function base2Map(suffix: string): UnitMap {
  return new Map([
    ['B', 1],
    ['K' + suffix, 2 ** 10],
    ['M' + suffix, 2 ** 20],
    ['G' + suffix, 2 ** 30],
    ['T' + suffix, 2 ** 40],
    ['P' + suffix, 2 ** 50],
    ['E' + suffix, 2 ** 60],
  ]);
}

const IEC_UNITS = base2Map('iB');
const OLD_UNITS = base2Map('B');

/** leadingInt refuses to take another digit once the value reaches (2^63-10)/10. */
const LEADING_INT_LIMIT = (2n ** 63n - 10n) / 10n;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Consumes [0-9]* like the vendored leadingInt; undefined means Go's int64 overflow error. */
function leadingInt(s: string): { value: bigint; rest: string } | undefined {
  let value = 0n;
  let i = 0;
  for (; i < s.length && isDigit(s[i]); i++) {
    if (value >= LEADING_INT_LIMIT) return undefined;
    value = value * 10n + BigInt(s.charCodeAt(i) - 48);
  }
  return { value, rest: s.slice(i) };
}

type UnitResult = { ok: true; bytes: number } | { ok: false; message: string };

/** ParseUnit: a signed sequence of decimal numbers, each followed by a unit from the map. */
function parseUnit(orig: string, units: UnitMap): UnitResult {
  const invalid: UnitResult = { ok: false, message: 'units: invalid ' + orig };
  let s = orig;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, bytes: 0 };
  if (s === '') return invalid;
  let f = 0;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid;
    const whole = leadingInt(s);
    if (!whole) return invalid;
    const pre = whole.rest.length !== s.length;
    s = whole.rest;
    // Number(bigint) rounds to nearest-even, as Go's float64(int64) does.
    let g = Number(whole.value);
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      const frac = leadingInt(s);
      if (!frac) return invalid;
      let scale = 1;
      for (let n = s.length - frac.rest.length; n > 0; n--) scale *= 10;
      g += Number(frac.value) / scale;
      post = frac.rest.length !== s.length;
      s = frac.rest;
    }
    if (!pre && !post) return invalid;
    let i = 0;
    while (i < s.length && s[i] !== '.' && !isDigit(s[i])) i++;
    const unit = s.slice(0, i);
    s = s.slice(i);
    const scale = units.get(unit);
    if (scale === undefined) return { ok: false, message: `units: unknown unit ${unit} in ${orig}` };
    f += g * scale;
  }
  if (neg) f = -f;
  // Go compares against float64(1<<63-1), which rounds up to 2^63, so 2^63 itself passes.
  if (f < -(2 ** 63) || f > 2 ** 63) return { ok: false, message: 'units: overflow parsing unit' };
  // int64(2^63) is the x86-64 "integer indefinite" value -2^63 (amd64 ct builds); arm64
  // would saturate to 2^63-1 instead. Other values truncate toward zero.
  if (f === 2 ** 63) return { ok: true, bytes: -(2 ** 63) };
  return { ok: true, bytes: Math.trunc(f) + 0 };
}

/** ParseBase2Bytes: CLC sizes accept "KiB" and "KB" alike (both 1024) and report the "B"-map error when both fail. */
export function parseBase2Bytes(s: string): UnitResult {
  const iec = parseUnit(s, IEC_UNITS);
  return iec.ok ? iec : parseUnit(s, OLD_UNITS);
}

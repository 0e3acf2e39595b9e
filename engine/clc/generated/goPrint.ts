/**
 * How ct prints its reports: main.go hands the whole report text to fmt.Sprintf as the
 * *format* (with no arguments), so every `%` in a message is read as a verb. A message
 * such as `parse "http://x%41/": invalid URL escape "%41"` is printed as
 * `parse "http://x%!/(MISSING)": invalid URL escape "%!"(MISSING)`. Messages here stay
 * unmangled; a printer that imitates ct's stderr applies this.
 */

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Go's fmt.Sprintf(format) with no arguments: `%%` → `%`, any other verb → `%!v(MISSING)` and friends. */
export function goSprintfNoArgs(format: string): string {
  let out = '';
  let i = 0;
  const end = format.length;
  // parsenum: digits up to a million, else treated as overflow (Go skips to the end)
  const parseNum = (): boolean => {
    let n = 0;
    let found = false;
    while (isDigit(format[i])) {
      if (n > 1e6) {
        i = end;
        return false;
      }
      n = n * 10 + Number(format[i++]);
      found = true;
    }
    return found;
  };
  // argNumber with no arguments: an index like [3] is always out of range
  const argIndex = (state: { good: boolean }): boolean => {
    if (format[i] !== '[') return false;
    state.good = false;
    const close = format.indexOf(']', i + 1);
    if (format.length - i < 3 || close < 0) {
      i += 1;
      return false;
    }
    const ok = /^[0-9]+$/.test(format.slice(i + 1, close));
    i = close + 1;
    return ok;
  };
  while (i < end) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    while (i < end && '#0+- '.includes(format[i])) i++;
    const state = { good: true };
    let afterIndex = argIndex(state);
    if (format[i] === '*') {
      i++;
      out += '%!(BADWIDTH)';
      afterIndex = false;
    } else if (parseNum() && afterIndex) {
      state.good = false;
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (afterIndex) state.good = false;
      afterIndex = argIndex(state);
      if (format[i] === '*') {
        i++;
        out += '%!(BADPREC)';
        afterIndex = false;
      } else {
        parseNum();
      }
    }
    if (!afterIndex) afterIndex = argIndex(state);
    if (i >= end) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') out += '%';
    else out += `%!${verb}${state.good ? '(MISSING)' : '(BADINDEX)'}`;
  }
  return out;
}

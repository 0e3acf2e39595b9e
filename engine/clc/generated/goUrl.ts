/**
 * Go's net/url.Parse, only as far as it can fail, with Go's exact error text
 * (`parse "<url>": <reason>`): ct checks `update.server` with it. Go parses bytes, so this
 * works on a byte string (one char per UTF-8 byte) and quotes pieces back with strconv.Quote.
 */
import { goQuoteBytes, utf8Bytes } from './gostd';

type Mode = 'host' | 'zone' | 'path' | 'userinfo' | 'fragment';

const quoteByteString = (s: string): string => goQuoteBytes(Buffer.from(s, 'latin1'));
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);
const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);

/** url's shouldEscape for the host and zone modes (the only modes where an unescaped byte fails). */
function hostNeedsEscape(c: string): boolean {
  if (isAlnum(c)) return false;
  return !`!$&'()*+,;=:[]<>"-_.~`.includes(c);
}

/** url's unescape: the error text for a bad %-escape or a byte a host may not contain, else undefined. */
function unescapeError(s: string, mode: Mode): string | undefined {
  for (let i = 0; i < s.length; ) {
    const c = s[i];
    if (c === '%') {
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) {
        return `invalid URL escape ${quoteByteString(s.slice(i, i + 3))}`;
      }
      const triple = s.slice(i, i + 3);
      if (mode === 'host' && parseInt(s[i + 1], 16) < 8 && triple !== '%25') return `invalid URL escape ${quoteByteString(triple)}`;
      if (mode === 'zone') {
        const v = String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16));
        if (triple !== '%25' && v !== ' ' && hostNeedsEscape(v)) return `invalid URL escape ${quoteByteString(triple)}`;
      }
      i += 3;
      continue;
    }
    if ((mode === 'host' || mode === 'zone') && c.charCodeAt(0) < 0x80 && hostNeedsEscape(c)) {
      return `invalid character ${quoteByteString(c)} in host name`;
    }
    i++;
  }
  return undefined;
}

const validOptionalPort = (port: string): boolean => port === '' || /^:[0-9]*$/.test(port);

function hostError(host: string): string | undefined {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return "missing ']' in host";
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) return `invalid port ${quoteByteString(colonPort)} after host`;
    const zone = host.slice(0, close).indexOf('%25');
    if (zone >= 0) {
      return unescapeError(host.slice(0, zone), 'host') ?? unescapeError(host.slice(zone, close), 'zone') ?? unescapeError(host.slice(close), 'host');
    }
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !validOptionalPort(host.slice(colon))) return `invalid port ${quoteByteString(host.slice(colon))} after host`;
  }
  return unescapeError(host, 'host');
}

function authorityError(authority: string): string | undefined {
  const at = authority.lastIndexOf('@');
  const hostProblem = hostError(at < 0 ? authority : authority.slice(at + 1));
  if (hostProblem || at < 0) return hostProblem;
  const userinfo = authority.slice(0, at);
  // Go checks runes: any non-ASCII rune (byte >= 0x80 here) is invalid too
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return 'net/url: invalid userinfo';
  const colon = userinfo.indexOf(':');
  if (colon < 0) return unescapeError(userinfo, 'userinfo');
  return unescapeError(userinfo.slice(0, colon), 'userinfo') ?? unescapeError(userinfo.slice(colon + 1), 'userinfo');
}

/** url.parse(rawURL, viaRequest=false) without the fragment: the reason it fails, if it does. */
function parseError(u: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(u)) return 'net/url: invalid control character in URL';
  if (u === '*') return undefined;
  let scheme = '';
  let rest = u;
  for (let i = 0; i < u.length; i++) {
    const c = u[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return 'missing protocol scheme';
      scheme = u.slice(0, i);
      rest = u.slice(i + 1);
    }
    break;
  }
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) rest = rest.slice(0, -1);
  else if (rest.includes('?')) rest = rest.slice(0, rest.indexOf('?'));
  if (!rest.startsWith('/')) {
    if (scheme !== '') return undefined; // opaque
    const slash = rest.indexOf('/');
    if ((slash < 0 ? rest : rest.slice(0, slash)).includes(':')) return 'first path segment in URL cannot contain colon';
  }
  if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const afterSlashes = rest.slice(2);
    const slash = afterSlashes.indexOf('/');
    const problem = authorityError(slash < 0 ? afterSlashes : afterSlashes.slice(0, slash));
    if (problem) return problem;
    rest = slash < 0 ? '' : afterSlashes.slice(slash);
  }
  return unescapeError(rest, 'path');
}

/** Go's url.Parse error message for raw (e.g. `parse ":x": missing protocol scheme`), or undefined when it parses. */
export function goUrlParseError(raw: string): string | undefined {
  const bytes = Buffer.from(utf8Bytes(raw)).toString('latin1');
  const hash = bytes.indexOf('#');
  const main = hash < 0 ? bytes : bytes.slice(0, hash);
  const problem = parseError(main);
  if (problem) return `parse ${quoteByteString(main)}: ${problem}`;
  if (hash < 0) return undefined;
  const fragmentProblem = unescapeError(bytes.slice(hash + 1), 'fragment');
  return fragmentProblem ? `parse ${quoteByteString(bytes)}: ${fragmentProblem}` : undefined;
}

// A port of Go 1.19's net/url Parse and URL.String, the two calls ct v0.9.4 makes on
// remote file URLs (it stores u.String() in the Ignition output) and that Ignition 2.3
// makes when validating any URL (the error text becomes the message). Go works on bytes,
// so the parser runs on byte strings: one char per UTF-8 byte, 0-255. Version notes:
// OmitHost (so "http:/x" prints as "http:/x", not "http:///x") arrived in Go 1.19; the
// stricter IPv6-literal and port checks of later Go releases are deliberately absent.

import { goQuoteBytes } from './generated/gostd';

type Mode = 'path' | 'host' | 'zone' | 'userinfo' | 'query' | 'fragment';

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** The parts of Go's url.URL that ct and Ignition read, decoded from UTF-8 (invalid bytes show as U+FFFD). */
export interface GoUrl {
  readonly scheme: string;
  readonly opaque: string;
  /** Undefined when the URL has no userinfo; password is undefined when no ':' was given. */
  readonly user: { readonly username: string; readonly password: string | undefined } | undefined;
  readonly host: string;
  readonly path: string;
  readonly rawPath: string;
  readonly forceQuery: boolean;
  readonly rawQuery: string;
  readonly fragment: string;
  /** u.Query()[name]: undefined when the key is absent, as Go's two-value map lookup reports. */
  query(name: string): string[] | undefined;
}

interface RawUrl {
  scheme: string;
  opaque: string;
  user?: { username: string; password?: string };
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

const toBytes = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
const fromBytes = (b: string): string => Buffer.from(b, 'latin1').toString('utf8');
const quote = (b: string): string => goQuoteBytes(Buffer.from(b, 'latin1'));
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** shouldEscape: whether byte c must be %-encoded in the given part of a URL. */
function shouldEscape(c: string, mode: Mode): boolean {
  if (/^[A-Za-z0-9]$/.test(c)) return false;
  if ((mode === 'host' || mode === 'zone') && `!$&'()*+,;=:[]<>"`.includes(c)) return false;
  if ('-_.~'.includes(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    if (mode === 'path') return c === '?';
    if (mode === 'userinfo') return '@/?:'.includes(c);
    if (mode === 'query') return true;
    if (mode === 'fragment') return false;
  }
  return !(mode === 'fragment' && '!()*'.includes(c));
}

/** Go's unescape, including its host-specific rejections and error texts. */
function unescape(s: string, mode: Mode): Parsed<string> {
  for (let i = 0; i < s.length; ) {
    if (s[i] === '%') {
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) return fail(`invalid URL escape ${quote(s.slice(i, i + 3))}`);
      const triple = s.slice(i, i + 3);
      // Hosts may only %-encode non-ASCII bytes, except the "%25" that introduces an IPv6 zone.
      if (mode === 'host' && parseInt(s[i + 1], 16) < 8 && triple !== '%25') return fail(`invalid URL escape ${quote(triple)}`);
      const byte = String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16));
      if (mode === 'zone' && triple !== '%25' && byte !== ' ' && shouldEscape(byte, 'host')) return fail(`invalid URL escape ${quote(triple)}`);
      i += 3;
    } else {
      if ((mode === 'host' || mode === 'zone') && s.charCodeAt(i) < 0x80 && shouldEscape(s[i], mode)) {
        return fail(`invalid character ${quote(s[i])} in host name`);
      }
      i++;
    }
  }
  const value = s.replace(/%([0-9A-Fa-f]{2})|\+/g, (m, h: string | undefined) => (h ? String.fromCharCode(parseInt(h, 16)) : mode === 'query' ? ' ' : m));
  return { ok: true, value };
}

function escape(s: string, mode: Mode): string {
  let out = '';
  for (const c of s) {
    if (c === ' ' && mode === 'query') out += '+';
    else if (shouldEscape(c, mode)) out += '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
    else out += c;
  }
  return out;
}

/** validEncoded: s contains only bytes that may stand unescaped in a path or fragment. */
function validEncoded(s: string, mode: Mode): boolean {
  return [...s].every((c) => `!$&'()*+,;=:@[]%`.includes(c) || !shouldEscape(c, mode));
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

/** getScheme: a leading [A-Za-z][A-Za-z0-9+.-]* followed by ':', else no scheme at all. */
function getScheme(raw: string): Parsed<{ scheme: string; rest: string }> {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(raw);
  if (m) return { ok: true, value: { scheme: m[0].slice(0, -1), rest: raw.slice(m[0].length) } };
  if (raw.startsWith(':')) return fail('missing protocol scheme');
  return { ok: true, value: { scheme: '', rest: raw } };
}

/** parseHost: host[:port] or [IPv6-literal(%25zone)][:port], unescaped. */
function parseHost(host: string): Parsed<string> {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) return fail("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) return fail(`invalid port ${quote(colonPort)} after host`);
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) {
      const parts = [unescape(host.slice(0, zone), 'host'), unescape(host.slice(zone, i), 'zone'), unescape(host.slice(i), 'host')];
      let joined = '';
      for (const p of parts) {
        if (!p.ok) return p;
        joined += p.value;
      }
      return { ok: true, value: joined };
    }
  } else {
    const i = host.lastIndexOf(':');
    if (i !== -1 && !validOptionalPort(host.slice(i))) return fail(`invalid port ${quote(host.slice(i))} after host`);
  }
  return unescape(host, 'host');
}

/** parseAuthority: [userinfo@]host, where the last '@' separates the two. */
function parseAuthority(authority: string, url: RawUrl): string | undefined {
  const at = authority.lastIndexOf('@');
  const host = parseHost(authority.slice(at + 1));
  if (!host.ok) return host.message;
  url.host = host.value;
  if (at < 0) return undefined;
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return 'net/url: invalid userinfo';
  const colon = userinfo.indexOf(':');
  const username = unescape(colon < 0 ? userinfo : userinfo.slice(0, colon), 'userinfo');
  if (!username.ok) return username.message;
  if (colon < 0) {
    url.user = { username: username.value };
    return undefined;
  }
  const password = unescape(userinfo.slice(colon + 1), 'userinfo');
  if (!password.ok) return password.message;
  url.user = { username: username.value, password: password.value };
  return undefined;
}

/** Go's unexported parse(rawURL, viaRequest=false): everything but the fragment. */
function parseWithoutFragment(raw: string): Parsed<RawUrl> {
  const url: RawUrl = { scheme: '', opaque: '', host: '', path: '', rawPath: '', omitHost: false, forceQuery: false, rawQuery: '', fragment: '', rawFragment: '' };
  if (/[\x00-\x1f\x7f]/.test(raw)) return fail('net/url: invalid control character in URL');
  if (raw === '*') return { ok: true, value: { ...url, path: '*' } };
  const scheme = getScheme(raw);
  if (!scheme.ok) return scheme;
  url.scheme = scheme.value.scheme.toLowerCase();
  let rest = scheme.value.rest;
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else if (rest.includes('?')) {
    url.rawQuery = rest.slice(rest.indexOf('?') + 1);
    rest = rest.slice(0, rest.indexOf('?'));
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') return { ok: true, value: { ...url, opaque: rest } };
    if (rest.split('/')[0].includes(':')) return fail('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const err = parseAuthority(slash < 0 ? rest.slice(2) : rest.slice(2, slash), url);
    if (err !== undefined) return fail(err);
    rest = slash < 0 ? '' : rest.slice(slash);
  } else if (url.scheme !== '' && rest.startsWith('/')) {
    url.omitHost = true;
  }
  const path = unescape(rest, 'path');
  if (!path.ok) return path;
  url.path = path.value;
  // RawPath only records the original spelling when the default escaping would differ.
  url.rawPath = escape(path.value, 'path') === rest ? '' : rest;
  return { ok: true, value: url };
}

/** EscapedPath/EscapedFragment: the original spelling when it is a valid encoding of the value. */
function escapedForm(value: string, raw: string, mode: Mode): string {
  if (raw !== '' && validEncoded(raw, mode)) {
    const decoded = unescape(raw, mode);
    if (decoded.ok && decoded.value === value) return raw;
  }
  if (mode === 'path' && value === '*') return '*';
  return escape(value, mode);
}

/** URL.String: scheme:opaque or scheme://userinfo@host/path, then ?query and #fragment. */
function urlString(u: RawUrl): string {
  let out = u.scheme === '' ? '' : u.scheme + ':';
  if (u.opaque !== '') {
    out += u.opaque;
  } else {
    if ((u.scheme !== '' || u.host !== '' || u.user) && !(u.omitHost && u.host === '' && !u.user)) {
      if (u.host !== '' || u.path !== '' || u.user) out += '//';
      if (u.user) {
        out += escape(u.user.username, 'userinfo');
        if (u.user.password !== undefined) out += ':' + escape(u.user.password, 'userinfo');
        out += '@';
      }
      out += escape(u.host, 'host');
    }
    const path = escapedForm(u.path, u.rawPath, 'path');
    if (path !== '' && path[0] !== '/' && u.host !== '') out += '/';
    // A relative path whose first segment has a colon gets "./" so it cannot read as a scheme.
    if (out === '' && path.split('/')[0].includes(':')) out += './';
    out += path;
  }
  if (u.forceQuery || u.rawQuery !== '') out += '?' + u.rawQuery;
  if (u.fragment !== '') out += '#' + escapedForm(u.fragment, u.rawFragment, 'fragment');
  return out;
}

/** url.ParseQuery, keeping what Go keeps: pieces with ';' or bad escapes are dropped silently. */
function parseQuery(rawQuery: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const piece of rawQuery === '' ? [] : rawQuery.split('&')) {
    if (piece === '' || piece.includes(';')) continue;
    const eq = piece.indexOf('=');
    const key = unescape(eq < 0 ? piece : piece.slice(0, eq), 'query');
    const value = unescape(eq < 0 ? '' : piece.slice(eq + 1), 'query');
    if (!key.ok || !value.ok) continue;
    values.set(key.value, [...(values.get(key.value) ?? []), value.value]);
  }
  return values;
}

function publicUrl(u: RawUrl): GoUrl {
  const user = u.user && { username: fromBytes(u.user.username), password: u.user.password === undefined ? undefined : fromBytes(u.user.password) };
  return {
    scheme: fromBytes(u.scheme),
    opaque: fromBytes(u.opaque),
    user,
    host: fromBytes(u.host),
    path: fromBytes(u.path),
    rawPath: fromBytes(u.rawPath),
    forceQuery: u.forceQuery,
    rawQuery: fromBytes(u.rawQuery),
    fragment: fromBytes(u.fragment),
    query: (name) => parseQuery(u.rawQuery).get(toBytes(name))?.map(fromBytes),
  };
}

/** url.Parse(raw) then u.String(): ct's normalisation of remote URLs and Ignition's URL check, with Go's error text. */
export function parseGoUrl(raw: string): { ok: true; url: GoUrl; text: string } | { ok: false; message: string } {
  const bytes = toBytes(raw);
  const hash = bytes.indexOf('#');
  const beforeFragment = hash < 0 ? bytes : bytes.slice(0, hash);
  const parsed = parseWithoutFragment(beforeFragment);
  if (!parsed.ok) return fail(`parse ${quote(beforeFragment)}: ${parsed.message}`);
  const url = parsed.value;
  const frag = hash < 0 ? '' : bytes.slice(hash + 1);
  if (frag !== '') {
    // Fragments skip the control-character check; a bad escape quotes the whole input.
    const fragment = unescape(frag, 'fragment');
    if (!fragment.ok) return fail(`parse ${quote(bytes)}: ${fragment.message}`);
    url.fragment = fragment.value;
    url.rawFragment = escape(fragment.value, 'fragment') === frag ? '' : frag;
  }
  return { ok: true, url: publicUrl(url), text: fromBytes(urlString(url)) };
}

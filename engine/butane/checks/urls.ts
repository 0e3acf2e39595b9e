/**
 * URL rules Ignition applies to `source` fields, rewritten from its behaviour: the
 * parts of Go's net/url parser that can fail, the RFC 2397 data-URL grammar Ignition
 * accepts, S3 version ids and S3 ARNs. Pure functions returning a problem text.
 */

export interface ParsedUrl {
  scheme: string;
  /** Everything after `scheme:` up to `?` when the URL is not hierarchical. */
  opaque: string;
  rawQuery: string;
}

const CTL = /[\u0000-\u001f\u007f]/;

function badEscape(s: string): string | undefined {
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '%') continue;
    if (!/^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      return `\`${s.slice(i, i + 3)}\` is not a valid percent-escape (use %XX with two hex digits, e.g. %20 for a space)`;
    }
    i += 2;
  }
  return undefined;
}

const HOST_OK = /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%]*$/;

function checkHost(host: string): string | undefined {
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return 'the IPv6 host is missing its closing `]`';
    const port = host.slice(close + 1);
    if (port !== '' && !/^:\d*$/.test(port)) return `\`${port}\` after the host is not a port number`;
    return undefined;
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !/^:\d*$/.test(host.slice(colon))) return `\`${host.slice(colon)}\` after the host is not a port number`;
  const escape = badEscape(host);
  if (escape) return escape;
  // non-ASCII (internationalised) host names are accepted as they are
  const bad = [...host].find((c) => c.charCodeAt(0) < 0x80 && !HOST_OK.test(c));
  if (bad !== undefined) return `the host name contains the character ${JSON.stringify(bad)}, which host names cannot contain`;
  return undefined;
}

/** Go's url.Parse, as far as it can fail; returns the parts Ignition looks at. */
export function parseUrl(raw: string): ParsedUrl | { error: string } {
  const hash = raw.indexOf('#');
  const main = hash >= 0 ? raw.slice(0, hash) : raw;
  if (hash >= 0) {
    const fragmentProblem = badEscape(raw.slice(hash + 1));
    if (fragmentProblem) return { error: fragmentProblem };
  }
  if (CTL.test(main)) return { error: 'it contains a control character (a tab, newline or similar)' };
  let scheme = '';
  let rest = main;
  for (let i = 0; i < main.length; i++) {
    const c = main[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return { error: 'it starts with `:`, so the scheme (such as https) is missing' };
      scheme = main.slice(0, i).toLowerCase();
      rest = main.slice(i + 1);
    }
    break;
  }
  let rawQuery = '';
  if (rest.endsWith('?') && rest.split('?').length === 2) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { scheme, opaque: rest, rawQuery };
    const slash = rest.indexOf('/');
    const segment = slash >= 0 ? rest.slice(0, slash) : rest;
    if (segment.includes(':')) return { error: 'its first path segment contains `:` but there is no scheme' };
  }
  if (rest.startsWith('//')) {
    const afterSlashes = rest.slice(2);
    const slash = afterSlashes.indexOf('/');
    const authority = slash >= 0 ? afterSlashes.slice(0, slash) : afterSlashes;
    rest = slash >= 0 ? afterSlashes.slice(slash) : '';
    const atSign = authority.lastIndexOf('@');
    const host = atSign >= 0 ? authority.slice(atSign + 1) : authority;
    if (atSign >= 0) {
      const userinfo = authority.slice(0, atSign);
      if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) return { error: 'the user name or password part contains characters that must be percent-escaped' };
    }
    const hostProblem = checkHost(host);
    if (hostProblem) return { error: hostProblem };
  }
  const pathProblem = badEscape(rest);
  if (pathProblem) return { error: pathProblem };
  return { scheme, opaque: '', rawQuery };
}

/** Values of one key in a query string, parsed leniently as Go's URL.Query does. */
export function queryValues(rawQuery: string, key: string): string[] | undefined {
  let found: string[] | undefined;
  for (const pair of rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq >= 0 ? pair.slice(0, eq) : pair;
    const rawValue = eq >= 0 ? pair.slice(eq + 1) : '';
    let k: string;
    let v: string;
    try {
      k = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      v = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      continue;
    }
    if (k === key) (found ??= []).push(v);
  }
  return found;
}

// ---------------------------------------------------------------- data URLs

const TSPECIAL = '()<>@,;:\\"/[]?=';

function isToken(c: string): boolean {
  const code = c.codePointAt(0)!;
  return code > 0x20 && code < 0x7f && !TSPECIAL.includes(c);
}

function isUrlChar(c: string): boolean {
  const code = c.codePointAt(0)!;
  return code > 0x1f && code < 0x7f && !' <>#"{}|\\^[]`'.includes(c);
}

const DISCRETE = /^(text|image|audio|video|application|message|multipart)/;

/** Returns why a `data:` URL would be rejected, or undefined when it decodes. */
export function dataUrlProblem(url: string): string | undefined {
  if (!url.startsWith('data:')) return 'a data URL must start with `data:`';
  const chars = [...url.slice(5)];
  let i = 0;
  let base64 = false;
  const peek = (): string | undefined => chars[i];
  // media type: [type/subtype]
  if (peek() !== ';' && peek() !== ',') {
    if (peek() === undefined) return 'the data URL has no `,` before its data (write `data:,` followed by the text)';
    const start = i;
    while (peek() !== undefined && peek() !== '/') {
      if (!isToken(peek()!)) return `the media type contains ${JSON.stringify(peek())}; write it like \`text/plain\``;
      i++;
    }
    if (peek() === undefined) return 'the media type has no `/` (write it like `text/plain`, or leave it out: `data:,…`)';
    const type = chars.slice(start, i).join('');
    if (!/^[xX]-/.test(type) && !DISCRETE.test(type)) return `\`${type}\` is not a known media type (text, image, application, …)`;
    i++;
    while (peek() !== undefined && peek() !== ';' && peek() !== ',') {
      if (!isToken(peek()!)) return `the media subtype contains ${JSON.stringify(peek())}`;
      i++;
    }
    if (peek() === undefined) return 'the data URL has no `,` before its data';
  }
  // parameters: ;attr=value … or ;base64
  while (peek() === ';') {
    i++;
    const start = i;
    while (peek() !== undefined && peek() !== '=' && peek() !== ',') {
      if (!isToken(peek()!)) return `a data URL parameter contains ${JSON.stringify(peek())}`;
      i++;
    }
    if (peek() === undefined || i === start) return 'a data URL parameter is incomplete (write `;name=value` or `;base64`)';
    const attr = chars.slice(start, i).join('');
    if (peek() === ',') {
      if (attr !== 'base64') return `expected \`;base64\` before the comma, found \`;${attr}\``;
      base64 = true;
      break;
    }
    i++; // '='
    if (peek() === '"') {
      i++;
      while (peek() !== undefined && peek() !== '"') {
        if (peek() === '\\') i++;
        i++;
      }
      if (peek() === undefined) return 'a quoted data URL parameter is not closed';
      i++;
    } else {
      const valueStart = i;
      while (peek() !== undefined && peek() !== ';' && peek() !== ',') {
        if (!isToken(peek()!)) return `a data URL parameter value contains ${JSON.stringify(peek())}`;
        i++;
      }
      if (i === valueStart) return 'a data URL parameter has no value';
    }
    if (peek() === undefined) return 'the data URL has no `,` before its data';
    if (peek() !== ';' && peek() !== ',') return 'expected `;` or `,` after a data URL parameter';
  }
  if (peek() !== ',') return 'the data URL has no `,` before its data';
  i++;
  const data = chars.slice(i).join('');
  if (base64) {
    const bad = [...data].find((c) => !/[A-Za-z0-9+/=\n]/.test(c));
    if (bad !== undefined) return `the base64 data contains ${JSON.stringify(bad)}, which is not a base64 character`;
    const clean = data.replace(/\n/g, '');
    if (clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || /^={1,2}$/.test(clean)) {
      return 'the base64 data is malformed (wrong length or misplaced `=` padding)';
    }
    return undefined;
  }
  const bad = [...data].find((c) => !isUrlChar(c));
  if (bad !== undefined) return `the data contains ${JSON.stringify(bad)}, which must be percent-escaped in a data URL (e.g. ${encodeURIComponent(bad)})`;
  const escape = badEscape(data);
  if (escape) return escape;
  return undefined;
}

// ---------------------------------------------------------------- S3 ARNs

/** Returns why an `arn:` source is not an S3 object ARN Ignition can fetch. */
export function arnProblem(parsed: ParsedUrl): string | undefined {
  const full = `arn:${parsed.opaque}`;
  const hint = 'expected arn:aws:s3:<region>:<account>:accesspoint/<name>/object/<key> or arn:aws:s3:::<bucket>/<key>';
  if ((full.match(/:/g) ?? []).length < 5) return `this is not a complete ARN; ${hint}`;
  const sections = full.split(':');
  const [, partition, service] = sections;
  const resource = sections.slice(5).join(':');
  if (partition === '') return `the ARN has no partition (e.g. aws); ${hint}`;
  if (service === '') return `the ARN has no service; ${hint}`;
  if (resource === '') return `the ARN has no resource; ${hint}`;
  if (service !== 's3') return `only S3 ARNs can be fetched, not service \`${service}\`; ${hint}`;
  const segments = full.split('/').length;
  if (resource.startsWith('accesspoint/') ? segments < 3 : segments < 2) return `the ARN does not name an object; ${hint}`;
  return undefined;
}

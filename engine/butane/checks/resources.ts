/**
 * Resources (file contents and appends, merged/replacing configs, CA bundles, LUKS
 * key files): one source at most, fetchable URLs, compression, hashes, HTTP headers.
 */
import type { Path } from '../../schema/sourceMap';
import type { CheckContext } from './context';
import { arnProblem, dataUrlProblem, parseUrl, queryValues } from './urls';
import { at, entries, ignitionMinor, isObj, list, notEmpty, Obj, quote, reportLine, str } from './util';

export type ResourceKind = 'contents' | 'append' | 'merge' | 'replace' | 'ca' | 'key-file';

export interface ResourceSite {
  item: Obj;
  path: Path;
  kind: ResourceKind;
}

/** Every resource object in the config, wherever the spec allows one. */
export function resourceSites(config: unknown): ResourceSite[] {
  const sites: ResourceSite[] = [];
  for (const f of entries(config, ['storage', 'files'])) {
    const contents = f.item.contents;
    if (isObj(contents)) sites.push({ item: contents, path: [...f.path, 'contents'], kind: 'contents' });
    for (const a of entries(f.item, ['append'])) sites.push({ item: a.item, path: [...f.path, ...a.path], kind: 'append' });
  }
  for (const m of entries(config, ['ignition', 'config', 'merge'])) sites.push({ item: m.item, path: m.path, kind: 'merge' });
  const replace = at(config, ['ignition', 'config', 'replace']);
  if (isObj(replace)) sites.push({ item: replace, path: ['ignition', 'config', 'replace'], kind: 'replace' });
  for (const c of entries(config, ['ignition', 'security', 'tls', 'certificate_authorities'])) sites.push({ item: c.item, path: c.path, kind: 'ca' });
  for (const l of entries(config, ['storage', 'luks'])) {
    if (isObj(l.item.key_file)) sites.push({ item: l.item.key_file, path: [...l.path, 'key_file'], kind: 'key-file' });
  }
  return sites;
}

/** After Butane's translation a resource has a source when any of source/inline/local is set. */
export function hasSource(item: Obj): boolean {
  return item.source !== undefined || item.inline !== undefined || item.local !== undefined;
}

/** Schemes Ignition fetches, by spec minor version. */
export function allowedSchemes(minor: number): string[] {
  const schemes = ['http', 'https', 'tftp', 's3'];
  if (minor >= 2) schemes.push('gs');
  if (minor >= 4) schemes.push('arn');
  schemes.push('data');
  return schemes;
}

/** Why Ignition would reject `url` as a source, or undefined. */
export function urlProblem(url: string, minor: number): string | undefined {
  const parsed = parseUrl(url);
  if ('error' in parsed) return `${quote(url)} is not a valid URL: ${parsed.error}`;
  const schemes = allowedSchemes(minor);
  if (!schemes.includes(parsed.scheme)) {
    const list = schemes.map((s) => `${s}:`).join(', ');
    if (parsed.scheme === '') return `${quote(url)} has no URL scheme; Ignition fetches ${list} URLs (for text in the config use \`inline\` or \`local\`)`;
    const later = parsed.scheme === 'gs' ? ' (gs: needs Ignition spec 3.2, Butane fcos 1.2+)' : parsed.scheme === 'arn' ? ' (arn: needs Ignition spec 3.4, Butane fcos 1.5+)' : '';
    return `Ignition cannot fetch \`${parsed.scheme}:\` URLs${later}; use one of ${list}`;
  }
  if (parsed.scheme === 's3' || parsed.scheme === 'arn') {
    const versions = queryValues(parsed.rawQuery, 'versionId');
    if (versions && (versions.length === 0 || versions[0] === '')) return 'the S3 `versionId` query parameter is empty; give a version id or drop the parameter';
  }
  if (parsed.scheme === 'arn') return arnProblem(parsed);
  if (parsed.scheme === 'data') {
    const problem = dataUrlProblem(url);
    return problem ? `this data URL cannot be decoded: ${problem}` : undefined;
  }
  return undefined;
}

function checkHash(ctx: CheckContext, site: ResourceSite, minor: number): void {
  const path = [...site.path, 'verification', 'hash'];
  const hash = str(at(site.item, ['verification', 'hash']));
  if (hash === undefined) return;
  if (!hasSource(site.item)) {
    ctx.report(path, 'butane/hash-without-source', 'a verification hash needs a `source` to check; remove the hash or add the `source` it belongs to');
  }
  const dash = hash.indexOf('-');
  if (dash < 0) {
    ctx.report(path, 'butane/hash-malformed', `${quote(hash)} is not a hash specifier; write it as \`sha512-<hex digest>\`${minor >= 1 ? ' or `sha256-<hex digest>`' : ''}`);
    return;
  }
  const fn = hash.slice(0, dash);
  const sum = hash.slice(dash + 1);
  const sizes: Record<string, number> = minor >= 1 ? { sha512: 128, sha256: 64 } : { sha512: 128 };
  const size = sizes[fn];
  if (size === undefined) {
    const also = fn === 'sha256' ? ' (sha256 needs Ignition spec 3.1, Butane fcos 1.1+)' : '';
    ctx.report(path, 'butane/hash-function', `Ignition cannot verify \`${fn}\` hashes${also}; use ${Object.keys(sizes).join(' or ')}, e.g. \`sha512-\` followed by the output of sha512sum`);
    return;
  }
  if (sum.length !== size) {
    ctx.report(path, 'butane/hash-size', `a ${fn} digest is ${size} hex characters long, this one has ${sum.length}; paste the full output of ${fn}sum`);
  } else if (!/^[0-9a-fA-F]*$/.test(sum)) {
    ctx.report(path, 'butane/hash-not-hex', `the ${fn} digest contains characters that are not hex digits, so verification will fail at boot`, { severity: 'warning' });
  }
}

function checkHeaders(ctx: CheckContext, site: ResourceSite): void {
  const headers = list(site.item.http_headers);
  if (headers.length === 0) return;
  const source = str(site.item.source);
  const path = [...site.path, 'http_headers'];
  if (source === undefined || source === '') {
    const why = site.item.inline !== undefined || site.item.local !== undefined ? 'contents given with `inline` or `local` are not fetched' : 'there is no `source` to fetch';
    ctx.report(path, 'butane/http-headers-scheme', `HTTP headers only apply to http(s) sources, but ${why}; remove \`http_headers\``, { at: 'line' });
  } else {
    const parsed = parseUrl(source);
    if ('error' in parsed) ctx.report(path, 'butane/http-headers-scheme', 'HTTP headers need an http(s) `source`, but the source is not a valid URL', { at: 'line' });
    else if (parsed.scheme !== 'http' && parsed.scheme !== 'https') {
      ctx.report(path, 'butane/http-headers-scheme', `HTTP headers only apply to http:// and https:// sources, not \`${parsed.scheme || 'scheme-less'}\` ones; remove \`http_headers\``, { at: 'line' });
    }
  }
  headers.forEach((h, i) => {
    if (!isObj(h)) return;
    if (h.name === '') ctx.report([...path, i, 'name'], 'butane/http-header-name-empty', 'an HTTP header needs a name, e.g. `Authorization`');
    if (h.value === '') ctx.report([...path, i, 'value'], 'butane/http-header-value-empty', 'an empty header value cannot be sent; leave `value` out entirely to remove a header inherited from a parent config');
  });
}

/** Ignition's rules for every resource, for Butane configs and embedded Ignition configs alike. */
export function checkResources(ctx: CheckContext): void {
  const minor = ignitionMinor(ctx);
  for (const site of resourceSites(ctx.config)) {
    const { item, path } = site;
    const compression = item.compression;
    if (typeof compression === 'string' && compression !== '' && compression !== 'gzip') {
      ctx.report([...path, 'compression'], 'butane/compression-invalid', `\`compression\` describes how the source is compressed and can only be \`gzip\` or empty, not ${quote(compression)}`);
    }
    checkHash(ctx, site, minor);
    const source = str(item.source);
    const requiredSource = (site.kind === 'merge' || site.kind === 'ca') && minor >= 1;
    if (requiredSource && !hasSource(item)) {
      const what = site.kind === 'merge' ? 'a config to merge' : 'a CA bundle';
      reportLine(ctx, path, 'butane/source-required', `${what} needs its contents: set one of \`source\`, \`inline\` or \`local\``);
    } else if (notEmpty(source) || (site.kind === 'ca' && minor === 0 && source !== undefined)) {
      const problem = urlProblem(source ?? '', minor);
      if (problem) {
        const code = /no URL scheme|cannot fetch/.test(problem) ? 'butane/url-scheme' : 'butane/url-invalid';
        ctx.report([...path, 'source'], code, problem);
        if (requiredSource) reportLine(ctx, path, code, `this ${site.kind === 'merge' ? 'merged config' : 'CA bundle'} cannot be fetched: its \`source\` is not usable`);
        if (site.kind === 'key-file') reportLine(ctx, path.slice(0, -1).concat('keys'), 'butane/luks-key-file-invalid', 'the key file of this LUKS volume cannot be fetched: its `source` is not usable');
      }
    } else if (site.kind === 'ca' && minor === 0 && source === undefined) {
      ctx.report([...path, 'source'], 'butane/source-required', 'a CA bundle needs a `source` URL');
    }
    checkHeaders(ctx, site);
  }
}

/** Butane's own rule: inline, local and source are alternatives. */
export function checkResourceSources(ctx: CheckContext): void {
  for (const site of resourceSites(ctx.config)) {
    const set = (['local', 'inline', 'source'] as const).filter((k) => site.item[k] !== undefined);
    if (set.length < 2) continue;
    // Butane reports on the last of local, inline, source that is set.
    const field = set[set.length - 1];
    const others = set.filter((k) => k !== field).map((k) => `\`${k}\``).join(' and ');
    ctx.report([...site.path, field], 'butane/too-many-sources', `\`${field}\` cannot be combined with ${others}: a resource takes its contents from exactly one of \`inline\`, \`local\` or \`source\`; keep one`);
  }
}

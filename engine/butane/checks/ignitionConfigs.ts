/**
 * Ignition configs embedded with `ignition.config.merge[]` / `replace` (`inline` or
 * `local`): they must be JSON, carry an Ignition version, match Ignition's format and
 * pass Ignition's validation. Butane checks inline ones against the version it emits;
 * local ones it never checks (a dead code path), which we do, deliberately.
 * Also: inline CA bundles should contain a PEM certificate.
 */
import type { Path } from '../../schema/sourceMap';
import { SourceMap } from '../../schema/sourceMap';
import type { Schema, SchemaNode } from '../../schema/schema';
import { butaneSpecs, schemaFor } from '../registry';
import type { CheckContext, ReportOptions } from './context';
import { ignitionChecks } from './ignitionLevel';
import { readLocalText, resolveLocal } from './localFiles';
import { at, entries, ignitionMinor, isObj, Obj, quote, reportLine, str } from './util';

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** Butane's snake_case spelling of an Ignition key (sizeMiB → size_mib). */
export function snake(key: string): string {
  return key.replace(/(MiB|[A-Z])/g, '_$1').toLowerCase();
}

/** Ignition's camelCase spelling of a Butane key (size_mib → sizeMiB). */
export function camel(key: string): string {
  const base = key.endsWith('_mib') ? `${key.slice(0, -4)}MiB` : key;
  return base.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/_/g, '');
}

function displayPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${camel(p)}`)).join('') || 'the top level';
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  return typeof v === 'boolean' ? 'a boolean' : 'a string';
}

interface Shape {
  errors: string[];
  unknown: string[];
}

/** Converts Ignition JSON into Butane's key spelling, checking types and keys against the schema. */
function convert(schema: Schema, node: SchemaNode | undefined, value: unknown, path: Path, shape: Shape): unknown {
  if (value === null) return undefined;
  const type = node?.type;
  const wrong = (expected: string): undefined => {
    shape.errors.push(`${displayPath(path)} must be ${expected}, not ${jsonType(value)}`);
    return undefined;
  };
  if (type === 'object' || (!type && isObj(value))) {
    if (!isObj(value)) return wrong('an object');
    const out: Obj = {};
    const byIgnitionName = new Map<string, string>();
    for (const prop of Object.keys(node ? schema.resolve(node).properties ?? {} : {})) {
      const ign = schema.property(node!, prop)?.['x-ignition'];
      if (typeof ign === 'string') byIgnitionName.set(ign, prop);
    }
    for (const [key, child] of Object.entries(value)) {
      // the schema names each key's Ignition spelling; without that, derive it
      const name = byIgnitionName.get(key) ?? snake(key);
      const isVersion = path.length === 1 && path[0] === 'ignition' && key === 'version';
      const prop = node ? schema.property(node, name) : undefined;
      if (isVersion) {
        if (child !== null && typeof child !== 'string') shape.errors.push(`ignition.version must be a string, not ${jsonType(child)}`);
        else out[name] = child;
        continue;
      }
      const spelledRight = byIgnitionName.size > 0 ? byIgnitionName.has(key) : camel(name) === key;
      if (!prop || prop['x-butane-only'] || !spelledRight || (path.length === 0 && (key === 'variant' || key === 'version'))) {
        shape.unknown.push(displayPath([...path, name]));
        continue;
      }
      const converted = convert(schema, prop, child, [...path, name], shape);
      if (converted !== undefined) out[name] = converted;
    }
    return out;
  }
  if (type === 'array') {
    if (!Array.isArray(value)) return wrong('a list');
    const items = node ? schema.items(node) : undefined;
    return value.map((v, i) => convert(schema, items, v, [...path, i], shape));
  }
  if (type === 'string' && typeof value !== 'string') return wrong('a string');
  if (type === 'integer' && !(typeof value === 'number' && Number.isInteger(value))) return wrong('an integer');
  if (type === 'boolean' && typeof value !== 'boolean') return wrong('true or false');
  return value;
}

/** A context that runs Ignition-level checks on a child config and funnels reports to `sink`. */
function childContext(parent: CheckContext, config: Obj, sink: (path: Path, code: string, message: string, options: ReportOptions) => void): CheckContext {
  return {
    spec: parent.spec,
    config,
    text: '',
    map: new SourceMap(),
    filesDir: undefined,
    fs: undefined,
    atLeast: parent.atLeast,
    report: (path, code, message, options = {}) => sink(path, code, message, options),
    reportRange: (_range, code, message, options = {}) => sink([], code, message, options),
  };
}

function knownIgnitionVersions(): Set<string> {
  return new Set(butaneSpecs().map((s) => s.ignitionVersion));
}

function checkChild(outer: CheckContext, resourcePath: Path, text: string, local: boolean): void {
  // Butane never validates a `local` child config (its check is dead code), yet Ignition
  // rejects a bad one at boot: we report it, but as advisory so translation matches Butane.
  const ctx: CheckContext = local ? { ...outer, report: (path, code, message, options = {}) => outer.report(path, code, message, { ...options, advisory: true }) } : outer;
  const field = local ? 'local' : 'inline';
  const where = [...resourcePath, field];
  const what = local ? 'the local Ignition config' : 'this inline Ignition config';
  const code = (inner: string): string => (local ? `butane/local-config-${inner}` : `butane/child-config-${inner}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    ctx.report(where, code('json'), `${what} is not valid JSON (${detail}); merged and replacing configs are Ignition JSON, not Butane YAML — translate it with Butane first`);
    return;
  }
  let schema: Schema | undefined;
  try {
    schema = schemaFor(ctx.spec);
  } catch {
    schema = undefined;
  }
  const shape: Shape = { errors: [], unknown: [] };
  const converted = schema ? convert(schema, schema.root, json ?? {}, [], shape) : json;
  if (json !== null && !isObj(json)) {
    ctx.report(where, code('format'), `${what} must be a JSON object, not ${jsonType(json)}`);
    return;
  }
  if (shape.errors.length > 0) {
    ctx.report(where, code('format'), `${what} does not match Ignition's format: ${shape.errors.slice(0, 3).join('; ')}${shape.errors.length > 3 ? '; …' : ''}`);
    return;
  }
  const target = ctx.spec.ignitionVersion;
  const version = str(isObj(json) && isObj(json.ignition) ? json.ignition.version : undefined);
  if (version === undefined || !SEMVER.test(version)) {
    ctx.report(where, code('version'), `${what} needs \`ignition.version\` set to a full Ignition spec version such as "${target}"${version ? `, not ${quote(version)}` : ''}`);
    return;
  }
  const known = knownIgnitionVersions().has(version);
  if (version !== target) {
    if (!known) {
      ctx.report(where, code('version'), `${quote(version)} is not an Ignition spec version (known: ${[...knownIgnitionVersions()].join(', ')}); Ignition will refuse this config at boot`, { severity: local ? 'error' : 'warning' });
    } else if (!local) {
      reportLine(ctx, [...resourcePath, 'version'], code('version'), `Butane only checks inline configs of Ignition ${target} (what this spec produces), so this ${version} config is not validated here; Ignition will still merge it at boot`, 'warning');
    }
    return;
  }
  for (const key of shape.unknown) {
    ctx.report(where, code('unused-key'), `${what} has the key ${quote(key)}, which Ignition ${target} does not know; it is ignored`, { severity: 'warning' });
  }
  const child = childContext(ctx, isObj(converted) ? converted : {}, (path, innerCode, message, options) => {
    const severity = options.severity ?? 'error';
    const reported = local ? code('invalid') : innerCode;
    ctx.report(where, reported, `in ${what}, at ${displayPath(path)}: ${message}`, { severity });
  });
  for (const check of ignitionChecks) check(child);
}

export function checkIgnitionConfigs(ctx: CheckContext): void {
  if (ignitionMinor(ctx) < 1) return;
  const sites = entries(ctx.config, ['ignition', 'config', 'merge']).map((e) => ({ path: e.path, item: e.item }));
  const replace = at(ctx.config, ['ignition', 'config', 'replace']);
  if (isObj(replace)) sites.push({ path: ['ignition', 'config', 'replace'], item: replace });
  for (const { path, item } of sites) {
    const inline = str(item.inline);
    if (inline !== undefined && item.local === undefined && item.source === undefined) checkChild(ctx, path, inline, false);
    const local = str(item.local);
    if (local !== undefined && item.inline === undefined && item.source === undefined && resolveLocal(ctx, local).kind === 'ok') {
      const text = readLocalText(ctx, local);
      if (text !== undefined) checkChild(ctx, path, text, true);
    }
  }
  for (const ca of entries(ctx.config, ['ignition', 'security', 'tls', 'certificate_authorities'])) {
    const inline = str(ca.item.inline);
    if (inline !== undefined && !inline.includes('-----BEGIN CERTIFICATE-----')) {
      ctx.report([...ca.path, 'inline'], 'butane/ca-not-pem', 'this CA bundle contains no PEM certificate (`-----BEGIN CERTIFICATE-----`); Ignition will fail to load it at boot', { severity: 'warning' });
    }
  }
}

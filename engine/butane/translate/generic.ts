/**
 * The field-by-field part of Butane's translation: every Butane key that is an Ignition
 * field becomes that field (snake_case → camelCase), following the Ignition layout of the
 * target version. Butane-only sugar has no Ignition field and is dropped here; the steps
 * that desugar it run afterwards.
 */
import { elementType, isList, isScalar, Layout } from '../../ignition/layout';
import type { IgnitionObject, IgnitionValue } from '../../ignition/marshal';
import { readLocalBytes } from '../checks/localFiles';
import { makeDataUrl, percentDataUrl } from './dataUrl';
import type { ButaneConfig, TranslationContext } from './types';
import { isObj, Obj } from '../checks/util';

const squash = (key: string): string => key.replace(/_/g, '').toLowerCase();

/** Butane key → Ignition field, per struct type and layout (names differ only in case and `_`). */
const keyMaps = new WeakMap<Layout, Map<string, Map<string, string>>>();

function butaneKeyFor(layout: Layout, type: string, source: Obj): Map<string, string> {
  let perLayout = keyMaps.get(layout);
  if (!perLayout) keyMaps.set(layout, (perLayout = new Map()));
  let map = perLayout.get(type);
  if (!map) {
    map = new Map((layout.structs[type] ?? []).map((f) => [squash(f.json), f.json]));
    perLayout.set(type, map);
  }
  const result = new Map<string, string>();
  for (const key of Object.keys(source)) {
    const field = map.get(squash(key));
    if (field !== undefined) result.set(field, key);
  }
  return result;
}

export function translateStruct(ctx: TranslationContext, source: Obj, type: string): IgnitionObject {
  const { layout } = ctx;
  const out: IgnitionObject = {};
  const keys = butaneKeyFor(layout, type, source);
  for (const f of layout.structs[type] ?? []) {
    const key = keys.get(f.json);
    if (key === undefined) continue;
    const value = translateValue(ctx, source[key], f.type);
    if (value !== undefined) out[f.json] = value;
  }
  CUSTOM[type]?.(ctx, source, out);
  return out;
}

function translateValue(ctx: TranslationContext, value: unknown, type: string): IgnitionValue {
  if (value === undefined || value === null) return undefined;
  if (isList(type)) {
    if (!Array.isArray(value)) return undefined;
    const item = elementType(type);
    // go-yaml skips null items when decoding into a list of values or structs.
    return value.filter((v) => v !== undefined && v !== null).map((v) => translateValue(ctx, v, item) ?? {});
  }
  if (isScalar(type)) return value as IgnitionValue;
  return isObj(value) ? translateStruct(ctx, value, elementType(type)) : undefined;
}

/** Steps for the structs whose Butane form carries sugar. */
const CUSTOM: Record<string, (ctx: TranslationContext, from: Obj, to: IgnitionObject) => void> = {
  Resource: resourceContents,
  // Spec 3.0 names its resource structs after their use.
  FileContents: resourceContents,
  ConfigReference: resourceContents,
  CaReference: resourceContents,
  Unit: contentsLocal,
  Dropin: contentsLocal,
  PasswdUser(ctx, from, to) {
    const files = Array.isArray(from.ssh_authorized_keys_local) ? from.ssh_authorized_keys_local : [];
    if (files.length === 0) return;
    const keys = Array.isArray(to.sshAuthorizedKeys) ? [...to.sshAuthorizedKeys] : [];
    for (const file of files) {
      const bytes = typeof file === 'string' ? readLocalBytes(ctx.options, file) : undefined;
      if (!bytes) continue;
      for (const line of Buffer.from(bytes).toString('utf8').split(/\r?\n/)) if (line !== '') keys.push(line);
    }
    if (keys.length) to.sshAuthorizedKeys = keys;
  },
};

/**
 * Puts contents into a resource as Butane does: a data URL in `source`, with the
 * `compression` it implies. Spec 3.0 only percent-escapes and has no compression field.
 */
export function embedContents(ctx: TranslationContext, to: IgnitionObject, bytes: Uint8Array): void {
  if (ctx.layout.version === '3.0.0') {
    to.source = percentDataUrl(bytes);
    return;
  }
  const userCompression = typeof to.compression === 'string' ? to.compression : undefined;
  const url = makeDataUrl(bytes, userCompression, ctx.autoCompress);
  to.source = url.url;
  if (url.compression !== undefined) to.compression = url.compression;
}

/** `inline` and `local` become the data URL in `source` (local first, so inline wins, as in Butane). */
function resourceContents(ctx: TranslationContext, from: Obj, to: IgnitionObject): void {
  if (typeof from.local === 'string') {
    const bytes = readLocalBytes(ctx.options, from.local);
    if (bytes) embedContents(ctx, to, bytes);
  }
  if (typeof from.inline === 'string') embedContents(ctx, to, Buffer.from(from.inline, 'utf8'));
}

function contentsLocal(ctx: TranslationContext, from: Obj, to: IgnitionObject): void {
  if (typeof from.contents_local !== 'string' || from.contents_local === '') return;
  const bytes = readLocalBytes(ctx.options, from.contents_local);
  if (bytes) to.contents = Buffer.from(bytes).toString('utf8');
}

/** The whole config, field by field; `ignition.version` is the spec's Ignition version. */
export function translateFields(ctx: TranslationContext, config: ButaneConfig): IgnitionObject {
  const out = translateStruct(ctx, config, 'Config');
  const ignition = (out.ignition ?? {}) as IgnitionObject;
  out.ignition = { ...ignition, version: ctx.spec.ignitionVersion };
  return out;
}

/**
 * Prints an Ignition config the way Butane and ct do: Go's encoding/json (the fork that
 * omits empty structs) over Ignition's types — fields in declaration order, `omitempty`
 * honoured, Go's string escaping, and `MarshalIndent(…, "", "  ")` for pretty output.
 */
import { elementType, Field, isList, isPointer, isScalar, Layout } from './layout';

/** An Ignition config (or part of one) as plain data: camelCase keys, absent = nil/zero. */
export type IgnitionValue = string | number | boolean | IgnitionObject | IgnitionValue[] | undefined;
export interface IgnitionObject {
  [key: string]: IgnitionValue;
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** Go's JSON string escaping (HTML-safe, control characters as \u00XX, lone surrogates as U+FFFD). */
export function goJsonString(value: string): string {
  // eslint-disable-next-line no-control-regex
  const escaped = value.replace(/["\\<>&\u2028\u2029\u0000-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
    const known = ESCAPES[c];
    if (known) return known;
    if (c.charCodeAt(0) >= 0xd800) return '\ufffd';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped}"`;
}

/** Whether Go would treat the value as empty for `omitempty` (and as zero when merging). */
export function isEmpty(value: IgnitionValue, type: string, layout: Layout): boolean {
  if (value === undefined || value === null) return true;
  if (isPointer(type)) return false;
  if (isList(type)) return !Array.isArray(value) || value.length === 0;
  if (isScalar(type)) return value === '' || value === 0 || value === false;
  const fields = layout.structs[elementType(type)];
  if (!fields || typeof value !== 'object' || Array.isArray(value)) return true;
  return fields.every((f) => isEmpty(value[f.json], f.type, layout));
}

interface Printer {
  pretty: boolean;
  layout: Layout;
  /** Go's standard encoding/json (ct) never omits a struct; Butane's fork omits empty ones. */
  keepEmptyStructs: boolean;
}

function printScalar(value: IgnitionValue, type: string): string {
  const base = elementType(type);
  if (base === 'string') return goJsonString(typeof value === 'string' ? value : String(value ?? ''));
  if (base === 'int') return String(typeof value === 'number' ? Math.trunc(value) : 0);
  return value === true ? 'true' : 'false';
}

function printValue(p: Printer, value: IgnitionValue, type: string, indent: string): string {
  if (isList(type)) {
    const items = Array.isArray(value) ? value : [];
    if (items.length === 0) return '[]';
    const item = elementType(type);
    const inner = indent + '  ';
    const printed = items.map((v) => printValue(p, v, item, inner));
    return p.pretty ? `[\n${printed.map((s) => inner + s).join(',\n')}\n${indent}]` : `[${printed.join(',')}]`;
  }
  if (isScalar(type)) return printScalar(value, type);
  return printStruct(p, (value ?? {}) as IgnitionObject, elementType(type), indent);
}

function printStruct(p: Printer, value: IgnitionObject, type: string, indent: string): string {
  const fields: readonly Field[] = p.layout.structs[type] ?? [];
  const inner = indent + '  ';
  const parts: string[] = [];
  for (const f of fields) {
    const v = value[f.json];
    const keptStruct = p.keepEmptyStructs && !isPointer(f.type) && !isList(f.type) && !isScalar(f.type);
    if (!f.always && !keptStruct && isEmpty(v, f.type, p.layout)) continue;
    const printed = printValue(p, v, f.type, inner);
    parts.push(p.pretty ? `${inner}${goJsonString(f.json)}: ${printed}` : `${goJsonString(f.json)}:${printed}`);
  }
  if (parts.length === 0) return '{}';
  return p.pretty ? `{\n${parts.join(',\n')}\n${indent}}` : `{${parts.join(',')}}`;
}

export type GoJson = 'butane' | 'standard';

/**
 * The JSON text of a whole config (no trailing newline). `standard` is Go's own
 * encoding/json as ct uses it, where `omitempty` never drops a struct.
 */
export function marshalIgnition(config: IgnitionObject, layout: Layout, pretty: boolean, goJson: GoJson = 'butane'): string {
  return printStruct({ pretty, layout, keepEmptyStructs: goJson === 'standard' }, config, 'Config', '');
}

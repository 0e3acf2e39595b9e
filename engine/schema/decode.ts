import { isMap, isScalar, isSeq, Scalar, YAMLMap, Document } from 'yaml';
import type { Diagnostic, TextRange } from '../diagnostics';
import { deref, YamlNode } from '../yaml/parse';
import { mappingEntries } from '../yaml/mappingEntries';
import { resolvePlain, yaml11Bool, ResolvedScalar } from '../yaml/goScalar';
import { Schema, SchemaNode, SchemaType } from './schema';
import { valueProblem } from './constraints';
import { firstLineOf } from '../text/ranges';
import { Path, SourceMap, SourceNode } from './sourceMap';

export interface UnknownKey {
  key: string;
  /** Path of the mapping holding the key. */
  parent: Path;
  range: TextRange;
}

export interface DecodeOptions {
  /** Builds the diagnostic for a key the schema does not know. */
  unknownKey(unknown: UnknownKey): Diagnostic;
  /** Code used for keys marked `x-unsupported`. */
  unsupportedCode: string;
  /** Code prefix for constraint problems: `<prefix>/value` and `<prefix>/required`. */
  constraintCode: string;
}

export interface Decoded {
  value: unknown;
  map: SourceMap;
  diagnostics: Diagnostic[];
}

/** Upper bound on decoded nodes, so alias bombs cannot blow up memory. */
const MAX_DECODED_NODES = 2_000_000;

function nodeRange(node: YamlNode): TextRange {
  const r = node.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

const TYPE_WORDS: Record<SchemaType, string> = {
  string: 'a string',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'a mapping of keys',
  array: 'a list',
};

function describeScalar(scalar: Scalar, resolved: ResolvedScalar): string {
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  const text = String(scalar.value);
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  if (quoted) return `the quoted string "${shown}"`;
  switch (resolved.tag) {
    case '!!int':
      return `the integer ${shown}`;
    case '!!float':
      return `the number ${shown}`;
    case '!!bool':
      return `the boolean ${shown}`;
    case '!!timestamp':
      return `the timestamp ${shown}`;
    default:
      return `the string "${shown}"`;
  }
}

function resolveScalar(scalar: Scalar): ResolvedScalar {
  const text = String(scalar.value ?? '');
  if (scalar.type !== 'PLAIN') return { tag: '!!str', value: text };
  const tag = scalar.tag;
  if (tag === 'tag:yaml.org,2002:str' || tag === '!!str') return { tag: '!!str', value: text };
  return resolvePlain(text);
}

/**
 * Decodes a YAML node into plain JSON values following the schema's types, as
 * go-yaml does when it unmarshals into Butane's structs; records source ranges
 * and reports type mismatches, unknown keys and duplicate keys on the way.
 */
/** Go's notion of a zero value, which Butane's "not supported" checks ignore. */
function isZero(value: unknown): boolean {
  if (value === undefined || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && value !== null) return Object.values(value).every(isZero);
  return false;
}

function labelOf(node: SourceNode): string {
  const segment = node.segment;
  return segment === undefined ? 'the document' : typeof segment === 'number' ? `item ${segment}` : `\`${segment}\``;
}


/**
 * Decodes a YAML node into plain JSON values following the schema's types, as
 * go-yaml does when it unmarshals into Butane's structs; records source ranges
 * and reports type mismatches, constraint violations and unknown keys on the way.
 */
export class SchemaDecoder {
  private readonly map = new SourceMap();
  private readonly diagnostics: Diagnostic[] = [];
  private decodedNodes = 0;

  constructor(
    private readonly schema: Schema,
    private readonly doc: Document.Parsed | undefined,
    private readonly text: string,
    private readonly options: DecodeOptions,
  ) {}

  decode(root: YamlNode | null): Decoded {
    const rootRange = root ? nodeRange(root) : { start: 0, end: 0 };
    this.map.root = new SourceNode({ value: rootRange });
    const value = this.decodeValue(root, this.schema.resolve(this.schema.root), this.map.root);
    if (value === undefined) this.checkRequired(this.schema.resolve(this.schema.root), {}, this.map.root);
    return { value, map: this.map, diagnostics: this.diagnostics };
  }

  private typeError(node: YamlNode, at: SourceNode, expected: SchemaType, actual: string): void {
    let message = `${labelOf(at)} must be ${TYPE_WORDS[expected]}, not ${actual}`;
    if (expected === 'integer' && /^the quoted string "[0-9_+-]/.test(actual)) {
      message += '; remove the quotes (a leading 0 makes it octal, e.g. 0644)';
    }
    if (expected === 'array' && actual.startsWith('the ')) message += '; write it as a list item (`- …`)';
    this.diagnostics.push({ range: nodeRange(node), severity: 'error', code: 'yaml/type', message });
  }

  private constraint(schema: SchemaNode, value: unknown, at: SourceNode): void {
    const problem = valueProblem(schema, value, labelOf(at));
    if (problem) this.diagnostics.push({ range: at.located.value, severity: 'error', code: `${this.options.constraintCode}/value`, message: problem });
  }

  private checkRequired(schema: SchemaNode, value: Record<string, unknown>, at: SourceNode): void {
    for (const key of schema.required ?? []) {
      if (value[key] !== undefined) continue;
      const where = at.segment === undefined ? 'the document' : labelOf(at);
      this.diagnostics.push({
        range: at.located.key ?? firstLineOf(this.text, at.located.value),
        severity: 'error',
        code: `${this.options.constraintCode}/required`,
        message: `${where} is missing the required key \`${key}\``,
      });
    }
  }

  private decodeValue(raw: YamlNode | null, schema: SchemaNode, at: SourceNode): unknown {
    if (++this.decodedNodes > MAX_DECODED_NODES) return undefined;
    const node = deref(raw, this.doc);
    if (node === null) return undefined;
    const type = schema.type;
    let value: unknown;
    if (isScalar(node)) {
      const resolved = resolveScalar(node);
      if (resolved.tag === '!!null') return undefined;
      value = this.decodeScalar(node, resolved, type, at);
    } else if (isMap(node)) {
      if (type && type !== 'object') {
        this.typeError(raw ?? node, at, type, 'a mapping');
        return undefined;
      }
      const decoded = this.decodeMap(node, schema, at);
      this.checkRequired(schema, decoded, at);
      return decoded;
    } else if (isSeq(node)) {
      if (type && type !== 'array') {
        this.typeError(raw ?? node, at, type, 'a list');
        return undefined;
      }
      const itemSchema = this.schema.items(schema) ?? {};
      value = node.items.map((item, i) => {
        const itemNode = item as YamlNode | null;
        const child = at.child(i, { value: itemNode ? nodeRange(itemNode) : at.located.value });
        return this.decodeValue(itemNode, itemSchema, child);
      });
    }
    if (value !== undefined) this.constraint(schema, value, at);
    return value;
  }

  private decodeScalar(node: Scalar, resolved: ResolvedScalar, type: SchemaType | undefined, at: SourceNode): unknown {
    switch (type) {
      case 'string':
        // go-yaml stores the scalar's text for any non-null scalar decoded into a string.
        return String(node.value);
      case 'integer':
        if (resolved.tag === '!!int') return resolved.value;
        if (resolved.tag === '!!float' && Number.isFinite(resolved.value as number)) return Math.trunc(resolved.value as number);
        this.typeError(node, at, 'integer', describeScalar(node, resolved));
        return undefined;
      case 'boolean': {
        if (resolved.tag === '!!bool') return resolved.value;
        const word = resolved.tag === '!!str' ? yaml11Bool(String(resolved.value)) : undefined;
        if (word !== undefined) return word;
        this.typeError(node, at, 'boolean', describeScalar(node, resolved));
        return undefined;
      }
      case 'object':
      case 'array':
        this.typeError(node, at, type, describeScalar(node, resolved));
        return undefined;
      default:
        return resolved.value;
    }
  }

  private decodeMap(node: YAMLMap, schema: SchemaNode, at: SourceNode): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const entry of mappingEntries(node, this.doc)) {
      const own = entry.own;
      const keyRange = nodeRange(entry.keyNode);
      if (!isScalar(entry.keyNode)) {
        if (own) this.diagnostics.push({ range: keyRange, severity: 'error', code: 'yaml/type', message: 'keys must be plain strings' });
        continue;
      }
      const propSchema = entry.merge ? undefined : this.schema.property(schema, entry.key);
      if (!propSchema) {
        if (own) this.diagnostics.push(this.options.unknownKey({ key: entry.key, parent: at.path(), range: keyRange }));
        continue;
      }
      const valueRange = entry.value ? nodeRange(entry.value) : keyRange;
      const child = at.child(entry.key, { key: own ? keyRange : undefined, value: valueRange });
      const value = this.decodeValue(entry.value, propSchema, child);
      if (value !== undefined) out[entry.key] = value;
      // Butane rejects unsupported fields only when they are set to something non-zero.
      const unsupported = propSchema['x-unsupported'];
      if (unsupported && own && !isZero(value)) {
        this.diagnostics.push({ range: keyRange, severity: 'error', code: this.options.unsupportedCode, message: unsupported });
      }
    }
    return out;
  }
}

import { isMap, isScalar, isSeq, Scalar, YAMLMap, Document } from 'yaml';
import type { Diagnostic, TextRange } from '../diagnostics';
import { deref, YamlNode } from '../yaml/parse';
import { resolvePlain, yaml11Bool, ResolvedScalar } from '../yaml/goScalar';
import { Schema, SchemaNode, SchemaType } from './schema';
import { Path, SourceMap } from './sourceMap';

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
export class SchemaDecoder {
  private readonly map = new SourceMap();
  private readonly diagnostics: Diagnostic[] = [];
  private decodedNodes = 0;

  constructor(
    private readonly schema: Schema,
    private readonly doc: Document.Parsed | undefined,
    private readonly options: DecodeOptions,
  ) {}

  decode(root: YamlNode | null): Decoded {
    const value = this.decodeValue(root, this.schema.resolve(this.schema.root), [], undefined);
    return { value, map: this.map, diagnostics: this.diagnostics };
  }

  private typeError(node: YamlNode, path: Path, expected: SchemaType, actual: string): void {
    const name = path.length ? `\`${path[path.length - 1]}\`` : 'the document';
    const where = typeof path[path.length - 1] === 'number' ? `item ${path[path.length - 1]}` : name;
    let message = `${where} must be ${TYPE_WORDS[expected]}, not ${actual}`;
    if (expected === 'integer' && /^the quoted string "[0-9_+-]/.test(actual)) {
      message += '; remove the quotes (a leading 0 makes it octal, e.g. 0644)';
    }
    if (expected === 'array' && actual.startsWith('the ')) message += '; write it as a list item (`- …`)';
    this.diagnostics.push({ range: nodeRange(node), severity: 'error', code: 'yaml/type', message });
  }

  private decodeValue(raw: YamlNode | null, schema: SchemaNode, path: Path, key: TextRange | undefined): unknown {
    if (++this.decodedNodes > MAX_DECODED_NODES) return undefined;
    const node = deref(raw, this.doc);
    if (raw) this.map.set(path, { key, value: nodeRange(raw) });
    if (node === null) return undefined;
    const type = schema.type;
    if (isScalar(node)) {
      const resolved = resolveScalar(node);
      if (resolved.tag === '!!null') return undefined;
      return this.decodeScalar(node, resolved, type, path);
    }
    if (isMap(node)) {
      if (type && type !== 'object') {
        this.typeError(raw ?? node, path, type, 'a mapping');
        return undefined;
      }
      return this.decodeMap(node, schema, path);
    }
    if (isSeq(node)) {
      if (type && type !== 'array') {
        this.typeError(raw ?? node, path, type, 'a list');
        return undefined;
      }
      const itemSchema = this.schema.items(schema) ?? {};
      return node.items.map((item, i) => this.decodeValue(item as YamlNode, itemSchema, [...path, i], undefined));
    }
    return undefined;
  }

  private decodeScalar(node: Scalar, resolved: ResolvedScalar, type: SchemaType | undefined, path: Path): unknown {
    switch (type) {
      case 'string':
        // go-yaml stores the scalar's text for any non-null scalar decoded into a string.
        return String(node.value);
      case 'integer':
        if (resolved.tag === '!!int') return resolved.value;
        if (resolved.tag === '!!float' && Number.isFinite(resolved.value as number)) return Math.trunc(resolved.value as number);
        this.typeError(node, path, 'integer', describeScalar(node, resolved));
        return undefined;
      case 'boolean': {
        if (resolved.tag === '!!bool') return resolved.value;
        const word = resolved.tag === '!!str' ? yaml11Bool(String(resolved.value)) : undefined;
        if (word !== undefined) return word;
        this.typeError(node, path, 'boolean', describeScalar(node, resolved));
        return undefined;
      }
      case 'object':
      case 'array':
        this.typeError(node, path, type, describeScalar(node, resolved));
        return undefined;
      default:
        return resolved.value;
    }
  }

  /** Mapping entries, with `<<` merge keys expanded as go-yaml does (explicit keys win). */
  private entries(node: YAMLMap, depth = 0): { key: string; keyNode: YamlNode; value: YamlNode | null; merge: boolean }[] {
    const explicit: { key: string; keyNode: YamlNode; value: YamlNode | null; merge: boolean }[] = [];
    const merged: typeof explicit = [];
    for (const pair of node.items) {
      const keyNode = pair.key as YamlNode;
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      const value = (pair.value as YamlNode | null) ?? null;
      if (key === '<<' && isScalar(keyNode) && keyNode.type === 'PLAIN' && depth < 8) {
        explicit.push({ key, keyNode, value, merge: true });
        const target = deref(value, this.doc);
        const sources = isSeq(target) ? target.items.map((i) => deref(i as YamlNode, this.doc)) : [target];
        for (const source of sources) {
          if (isMap(source)) merged.push(...this.entries(source, depth + 1).filter((e) => !e.merge));
        }
      } else {
        explicit.push({ key, keyNode, value, merge: false });
      }
    }
    const seen = new Set(explicit.map((e) => e.key));
    return [...explicit, ...merged.filter((e) => !seen.has(e.key) && (seen.add(e.key), true))];
  }

  private decodeMap(node: YAMLMap, schema: SchemaNode, path: Path): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const ownPairs = new Set(node.items.map((p) => p.key));
    for (const entry of this.entries(node)) {
      const own = ownPairs.has(entry.keyNode);
      const keyRange = nodeRange(entry.keyNode);
      if (!isScalar(entry.keyNode)) {
        if (own) this.diagnostics.push({ range: keyRange, severity: 'error', code: 'yaml/type', message: 'keys must be plain strings' });
        continue;
      }
      const propSchema = entry.merge ? undefined : this.schema.property(schema, entry.key);
      if (!propSchema) {
        if (own) this.diagnostics.push(this.options.unknownKey({ key: entry.key, parent: path, range: keyRange }));
        continue;
      }
      const unsupported = propSchema['x-unsupported'];
      if (unsupported && own) {
        this.diagnostics.push({ range: keyRange, severity: 'error', code: this.options.unsupportedCode, message: unsupported });
      }
      const value = this.decodeValue(entry.value, propSchema, [...path, entry.key], own ? keyRange : undefined);
      if (value !== undefined) out[entry.key] = value;
    }
    return out;
  }
}

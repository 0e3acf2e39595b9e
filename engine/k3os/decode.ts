/**
 * Reads a k3OS config the way k3OS does: YAML 1.1 via go-yaml v2, keys renamed to their
 * fields (every accepted spelling, see spellings.ts), strings coerced into lists, text
 * into booleans and map values into text, then Go's JSON decoding into k3OS's structs —
 * which fails on any other type mismatch and makes k3OS ignore the whole config.
 * The result uses the README's key names whatever the spelling in the file.
 */
import { isMap, isScalar, isSeq, Scalar, YAMLMap, Document } from 'yaml';
import type { Diagnostic, TextRange } from '../diagnostics';
import { deref, YamlNode } from '../yaml/parse';
import { MappingEntry, mappingEntries } from '../yaml/mappingEntries';
import type { GoTag, ResolvedScalar } from '../yaml/goScalar';
import type { Schema, SchemaNode } from '../schema/schema';
import { Path, SourceMap, SourceNode } from '../schema/sourceMap';
import type { Obj } from '../values';
import { mapperString, resolveV2 } from './goValues';
import { matchesJsonNameByCase } from './spellings';
import { unknownKeyDiagnostic } from './unknownKey';

/** The Go types of k3OS's config fields. */
export type FieldKind = 'string' | 'strings' | 'boolean' | 'stringMap' | 'object' | 'objects';

/** A value Go's JSON decoder cannot put into its field. */
export interface TypeMismatch {
  path: Path;
  range: TextRange;
  expected: FieldKind;
  /** What was written, in words: `the number 123`, `a list`. */
  found: string;
  /** A scalar's text as written, when the value is a plain scalar (quoting it fixes the mismatch). */
  plainText?: string;
}

/** A map value that was not text and that k3OS turned into text. */
export interface StringifiedValue {
  path: Path;
  range: TextRange;
  written: string;
  becomes: string;
  tag: GoTag | 'list' | 'mapping';
}

/** A boolean field given as text other than `true`/`false`, which k3OS reads as false. */
export interface TextBoolean {
  path: Path;
  range: TextRange;
  text: string;
}

export interface DecodedK3os {
  config: Obj;
  map: SourceMap;
  diagnostics: Diagnostic[];
  mismatches: TypeMismatch[];
  stringified: StringifiedValue[];
  textBooleans: TextBoolean[];
}

const MAX_DECODED_NODES = 1_000_000;

function rangeOf(node: YamlNode | null | undefined, fallback: TextRange = { start: 0, end: 0 }): TextRange {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : fallback;
}

export function fieldKind(schema: Schema, node: SchemaNode): FieldKind {
  const resolved = schema.resolve(node);
  if (resolved.type === 'array') return schema.items(resolved)?.type === 'object' ? 'objects' : 'strings';
  if (resolved.type === 'object') return typeof resolved.additionalProperties === 'object' ? 'stringMap' : 'object';
  return resolved.type === 'boolean' ? 'boolean' : 'string';
}

function isTextScalar(scalar: Scalar): boolean {
  return scalar.type !== 'PLAIN' || scalar.tag === 'tag:yaml.org,2002:str' || scalar.tag === '!!str';
}

function resolveScalar(scalar: Scalar): ResolvedScalar {
  const text = String(scalar.value ?? '');
  return isTextScalar(scalar) ? { tag: '!!str', value: text } : resolveV2(text);
}

function describe(resolved: ResolvedScalar, text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  switch (resolved.tag) {
    case '!!int':
    case '!!float':
      return `the number ${shown}`;
    case '!!bool':
      return `the boolean ${shown}`;
    default:
      return `the text "${shown}"`;
  }
}

export class K3osDecoder {
  private readonly map = new SourceMap();
  private readonly diagnostics: Diagnostic[] = [];
  private readonly mismatches: TypeMismatch[] = [];
  private readonly stringified: StringifiedValue[] = [];
  private readonly textBooleans: TextBoolean[] = [];
  private decodedNodes = 0;

  constructor(
    private readonly schema: Schema,
    private readonly doc: Document.Parsed | undefined,
    private readonly text: string,
  ) {}

  /** A node's text as written. */
  private written(node: YamlNode): string {
    const r = rangeOf(node);
    return this.text.slice(r.start, r.end);
  }

  decode(root: YamlNode | null): DecodedK3os {
    this.map.root = new SourceNode({ value: rangeOf(root) });
    const node = deref(root, this.doc);
    let config: Obj = {};
    if (isMap(node)) config = this.decodeObject(node, this.schema.resolve(this.schema.root), this.map.root);
    else if (node !== null && !(isScalar(node) && resolveScalar(node).tag === '!!null')) {
      this.mismatch(node, this.map.root, 'object', isSeq(node) ? 'a list' : this.scalarWords(node as Scalar));
    }
    return { config, map: this.map, diagnostics: this.diagnostics, mismatches: this.mismatches, stringified: this.stringified, textBooleans: this.textBooleans };
  }

  private scalarWords(scalar: Scalar): string {
    return describe(resolveScalar(scalar), String(scalar.value ?? ''));
  }

  private mismatch(node: YamlNode, at: SourceNode, expected: FieldKind, found: string): void {
    const plainText = isScalar(node) && node.type === 'PLAIN' ? this.written(node) : undefined;
    this.mismatches.push({ path: at.path(), range: rangeOf(node), expected, found, plainText });
  }

  /** Mapping entries with `<<` merge keys expanded, without the merge keys themselves. */
  private entries(node: YAMLMap): MappingEntry[] {
    return mappingEntries(node, this.doc).filter((e) => !e.merge);
  }

  private decodeObject(node: YAMLMap, schema: SchemaNode, at: SourceNode): Obj {
    const groups = new Map<string, MappingEntry[]>();
    for (const entry of this.entries(node)) {
      const name = isScalar(entry.keyNode) ? this.schema.propertyName(schema, entry.key) : undefined;
      if (name === undefined) {
        if (entry.own) this.diagnostics.push(unknownKeyDiagnostic(this.schema, schema, entry.key, at.path(), rangeOf(entry.keyNode)));
        continue;
      }
      groups.set(name, [...(groups.get(name) ?? []), entry]);
    }
    const out: Obj = {};
    for (const [name, written] of groups) {
      const field = this.schema.property(schema, name)!;
      const kind = fieldKind(this.schema, field);
      const winner = this.winner(name, field, written);
      const child = at.child(name, { key: winner.own ? rangeOf(winner.keyNode) : undefined, value: rangeOf(winner.value, rangeOf(winner.keyNode)) });
      const value = this.decodeValue(winner.value, field, kind, child);
      if (value !== undefined) out[name] = value;
      for (const entry of written) this.checkCaseFolded(entry, field, kind, child);
    }
    return out;
  }

  /**
   * Which of several spellings of one field k3OS uses. Its renamer copies every alias onto
   * the field's JSON name, in Go's random map order; so an alias beats the JSON name, and
   * between two aliases the choice changes from boot to boot.
   */
  private winner(name: string, field: SchemaNode, written: MappingEntry[]): MappingEntry {
    // A key written twice: go-yaml v2 keeps the last.
    const byKey = new Map<string, MappingEntry>();
    for (const entry of written) byKey.set(entry.key, entry);
    const distinct = [...byKey.values()];
    if (distinct.length === 1) return distinct[0];
    const jsonName = field['x-json-name'] ?? name;
    const aliases = distinct.filter((e) => e.key !== jsonName);
    const keys = distinct.map((e) => `\`${e.key}\``).join(' and ');
    if (aliases.length === 1) {
      for (const loser of distinct.filter((e) => e !== aliases[0] && e.own)) {
        this.spellingWarning(loser, `\`${loser.key}\` is ignored: \`${aliases[0].key}\` in the same mapping sets \`${name}\` too, and k3OS copies it over \`${loser.key}\`. Keep one spelling.`);
      }
      return aliases[0];
    }
    for (const entry of distinct.filter((e) => e.own)) {
      this.spellingWarning(entry, `${keys} ${distinct.length === 2 ? 'both' : 'all'} set \`${name}\`; k3OS keeps one of them, chosen at random on each boot. Keep one spelling.`);
    }
    return aliases[aliases.length - 1];
  }

  private spellingWarning(entry: MappingEntry, message: string): void {
    this.diagnostics.push({ range: rangeOf(entry.keyNode), severity: 'warning', code: 'k3os/duplicate-spelling', message });
  }

  /**
   * Go's JSON decoder also matches `runcmd` to `runCmd` by itself, and it sees that copy
   * as written — a single string where a list belongs then fails the whole config.
   */
  private checkCaseFolded(entry: MappingEntry, field: SchemaNode, kind: FieldKind, at: SourceNode): void {
    const jsonName = field['x-json-name'];
    if (!jsonName || !matchesJsonNameByCase(entry.key, jsonName)) return;
    const value = deref(entry.value, this.doc);
    if (!isScalar(value)) return;
    const resolved = resolveScalar(value);
    const needsList = kind === 'strings' && resolved.tag === '!!str';
    const needsBool = kind === 'boolean' && resolved.tag === '!!str';
    if (!needsList && !needsBool) return;
    this.mismatches.push({
      path: at.path(),
      range: rangeOf(value),
      expected: kind,
      found: `${describe(resolved, String(value.value ?? ''))} (Go's JSON decoder also reads \`${entry.key}\` as \`${jsonName}\`, without k3OS's conversion ${needsList ? 'of one text to a list' : 'of text to a boolean'})`,
    });
  }

  private decodeValue(raw: YamlNode | null, field: SchemaNode, kind: FieldKind, at: SourceNode): unknown {
    if (++this.decodedNodes > MAX_DECODED_NODES) return undefined;
    const node = deref(raw, this.doc);
    if (node === null) return undefined;
    if (isScalar(node)) {
      const resolved = resolveScalar(node);
      if (resolved.tag === '!!null') return undefined;
      if (kind === 'string' && resolved.tag === '!!str') return String(node.value);
      if (kind === 'strings' && resolved.tag === '!!str') return [String(node.value)];
      if (kind === 'boolean') {
        if (resolved.tag === '!!bool') return resolved.value;
        if (resolved.tag === '!!str') {
          const text = String(node.value);
          if (text !== 'true' && text !== 'false') this.textBooleans.push({ path: at.path(), range: rangeOf(node), text });
          return text === 'true';
        }
      }
      this.mismatch(node, at, kind, describe(resolved, String(node.value ?? '')));
      return undefined;
    }
    if (isMap(node)) {
      if (kind === 'object') return this.decodeObject(node, field, at);
      if (kind === 'stringMap') return this.decodeStringMap(node, at);
      this.mismatch(node, at, kind, 'a mapping');
      return undefined;
    }
    if (isSeq(node)) {
      if (kind !== 'strings' && kind !== 'objects') {
        this.mismatch(node, at, kind, 'a list');
        return undefined;
      }
      const itemSchema = this.schema.items(field) ?? {};
      return node.items.map((item, i) => {
        const itemNode = item as YamlNode | null;
        const child = at.child(i, { value: rangeOf(itemNode, at.located.value) });
        const itemKind: FieldKind = kind === 'strings' ? 'string' : 'object';
        const value = this.decodeValue(itemNode, itemSchema, itemKind, child);
        return value ?? (kind === 'strings' ? '' : {});
      });
    }
    return undefined;
  }

  private decodeStringMap(node: YAMLMap, at: SourceNode): Record<string, string> {
    const out: Record<string, string> = {};
    for (const entry of this.entries(node)) {
      const child = at.child(entry.key, { key: entry.own ? rangeOf(entry.keyNode) : undefined, value: rangeOf(entry.value, rangeOf(entry.keyNode)) });
      const value = deref(entry.value, this.doc);
      const plain = this.plainValue(value, 0);
      out[entry.key] = mapperString(plain);
      if (value === null || typeof plain === 'string') continue;
      const tag = isScalar(value) ? resolveScalar(value).tag : isSeq(value) ? 'list' : 'mapping';
      if (tag === '!!null') continue;
      const written = this.written(value);
      if (entry.own) this.stringified.push({ path: child.path(), range: rangeOf(value), written, becomes: out[entry.key], tag });
    }
    return out;
  }

  /** A YAML node as the plain JSON value ghodss/yaml produces from it. */
  private plainValue(node: YamlNode | null, depth: number): unknown {
    if (node === null || depth > 64 || ++this.decodedNodes > MAX_DECODED_NODES) return null;
    if (isScalar(node)) return resolveScalar(node).value;
    if (isSeq(node)) return node.items.map((i) => this.plainValue(deref(i as YamlNode, this.doc), depth + 1));
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const entry of this.entries(node)) out[entry.key] = this.plainValue(deref(entry.value, this.doc), depth + 1);
      return out;
    }
    return null;
  }
}

/**
 * `etcd` and `flannel` accept different options (with different types) per version, so
 * ct decodes them a second time into the struct their `version` selects. We do the same:
 * the bundled schema lists every option of every version for completion and hover, and
 * this decode types the values and reports unknown options for the version in force.
 */
import { isMap, isScalar } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { SchemaDecoder } from '../schema/decode';
import { RootSchema, Schema, SchemaNode } from '../schema/schema';
import { deref, ParsedYaml, YamlNode } from '../yaml/parse';
import { obj, Obj, str } from '../values';
import { etcdOptionsFor, flannelOptionsFor, OptionSpec, parseGoSemver } from './generated/index';
import { unknownKeyDiagnostic } from './unknownKey';

const TYPES: Record<OptionSpec['type'], SchemaNode['type']> = { string: 'string', int: 'integer', bool: 'boolean' };
const schemas = new Map<string, Schema>();

function sectionSchema(section: string, options: readonly OptionSpec[]): Schema {
  const key = `${section}:${options.map((o) => `${o.key}:${o.type}`).join(',')}`;
  let schema = schemas.get(key);
  if (!schema) {
    const properties: Record<string, SchemaNode> = { version: { type: 'string' } };
    if (section === 'flannel') properties.network_config = { type: 'string' };
    for (const o of options) properties[o.key] = { type: TYPES[o.type] };
    const root: RootSchema = { $id: `urn:kindling:clc:${key}`, type: 'object', properties, additionalProperties: false };
    schema = new Schema(root);
    schemas.set(key, schema);
  }
  return schema;
}

function sectionNode(parsed: ParsedYaml, name: string): YamlNode | undefined {
  const root = deref(parsed.root, parsed.document);
  if (!isMap(root)) return undefined;
  const pair = root.items.find((p) => isScalar(p.key) && String(p.key.value) === name);
  const value = deref((pair?.value as YamlNode | null) ?? null, parsed.document);
  return isMap(value) ? (value as YamlNode) : undefined;
}

function inside(d: Diagnostic, node: YamlNode): boolean {
  const [start, , end] = node.range ?? [0, 0, 0];
  return d.range.start >= start && d.range.end <= end;
}

/**
 * Re-decodes `etcd` and `flannel` for their versions, replacing them in `config`. Returns
 * the decoder's diagnostics with those of the all-versions decode of these sections
 * swapped for the version-aware ones.
 */
export function decodeVersionedSections(parsed: ParsedYaml, text: string, config: Obj, decoded: Diagnostic[]): { diagnostics: Diagnostic[] } {
  let diagnostics = decoded;
  const sections: [string, (version: string | undefined) => readonly OptionSpec[]][] = [
    ['etcd', etcdOptionsFor],
    ['flannel', flannelOptionsFor],
  ];
  for (const [name, optionsFor] of sections) {
    const node = sectionNode(parsed, name);
    const current = obj(config[name]);
    if (!node || !current) continue;
    const version = str(current.version);
    if (version !== undefined && 'error' in parseGoSemver(version)) {
      // go-yaml aborts on a version that is not semver: ct reports that alone (see the section's checks).
      diagnostics = diagnostics.filter((d) => !inside(d, node));
      continue;
    }
    const schema = sectionSchema(name, optionsFor(version));
    const decoder = new SchemaDecoder(schema, parsed.document, text, {
      unknownKey: (unknown) => unknownKeyDiagnostic(schema, unknown, []),
      unsupportedCode: 'clc/unsupported',
      constraintCode: 'clc/schema',
    });
    const result = decoder.decode(node);
    config[name] = obj(result.value) ?? {};
    diagnostics = [...diagnostics.filter((d) => !inside(d, node)), ...result.diagnostics];
  }
  return { diagnostics };
}

// Builds one draft-07 JSON Schema per Ignition spec version (schemas/ignition/<version>.json).
//
// The key tree, field order and Go types come from schemas/ignition/layout.json. For 3.x the
// descriptions and constraints are taken from the fcos Butane tree that produces that version
// (matched by name: size_mib ↔ sizeMiB), reworded where Butane's phrasing does not hold for
// Ignition JSON; rules3.ts holds the facts Butane's tree does not carry. 2.x is written out
// in rules2.ts.

import { SchemaNode } from "../nodes";
import { SPECS, buildTrees, renderJson } from "../registry";
import { Field, elementType, ignitionVersions, isList, layoutFor } from "../../../engine/ignition/layout";
import { CONSTRAINTS_2, DESCRIPTIONS_2, REQUIRED_2 } from "./rules2";
import { DESCRIPTIONS_3, Override, REWRITES, isRequired3, overridesFor } from "./rules3";

export const IGNITION_SCHEMA_DIR = "schemas/ignition";

export function ignitionSchemaFileName(version: string): string {
  return `${version}.json`;
}

type JsonType = "string" | "integer" | "boolean" | "object" | "array";

export interface IgnNode {
  type: JsonType | [JsonType, "null"];
  description: string;
  default?: string | number | boolean;
  const?: string;
  enum?: string[];
  "x-enum-descriptions"?: string[];
  pattern?: string;
  "x-pattern-message"?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minItems?: number;
  properties?: Record<string, IgnNode>;
  required?: string[];
  additionalProperties?: false;
  items?: IgnNode;
}

/** Keywords copied from the Butane node (or rules2.ts) onto the Ignition node. */
const CONSTRAINT_KEYS = ["default", "enum", "x-enum-descriptions", "pattern", "x-pattern-message", "minimum", "maximum", "maxLength", "minItems"] as const;
const NODE_ORDER = [
  "type", "description", "default", "const", "enum", "x-enum-descriptions", "pattern", "x-pattern-message",
  "minimum", "maximum", "maxLength", "minItems", "properties", "required", "additionalProperties", "items",
];

const SCALARS: Record<string, JsonType> = { string: "string", int: "integer", bool: "boolean" };

interface Source {
  version: string;
  legacy: boolean;
  structs: Readonly<Record<string, readonly Field[]>>;
  /** The fcos Butane tree whose Ignition version this is (3.x only). */
  butane?: SchemaNode;
  butaneSpec?: string;
  /** Ignition JSON names used anywhere in this version, for rewording snake_case names. */
  names: Set<string>;
}

/** Where a node sits: its Butane-notation path and its "Struct.field" key (2.x tables). */
interface At {
  path: string;
  key: string;
}

const norm = (k: string): string => k.replace(/_/g, "").toLowerCase();

/** Same spelling rule as Butane's x-ignition names (emit.ts): snake_case → camelCase, mib → MiB. */
function camel(key: string): string {
  return key.split("_").map((p, i) => (i === 0 ? p : p === "mib" ? "MiB" : p.charAt(0).toUpperCase() + p.slice(1))).join("");
}

function butaneChild(node: SchemaNode | undefined, json: string): SchemaNode | undefined {
  for (const [k, child] of Object.entries(node?.properties ?? {})) {
    if (norm(k) === norm(json) && !child["x-butane-only"] && !child._noIgn) return child;
  }
  return undefined;
}

/** Names of Butane sugar keys: a sentence that mentions one does not hold for Ignition JSON. */
const BUTANE_ONLY_WORDS = /\b(inline|local|\w+_local|trees|with_mount_unit|boot_device)\b/;

/** Butane's description, made true for an Ignition config. */
function reword(src: Source, text: string, where: string): string {
  const sentences = text.split(/(?<=\.)\s+(?=[A-Z])/).filter((s) => !BUTANE_ONLY_WORDS.test(s));
  let out = sentences.join(" ");
  for (const [re, fn] of REWRITES) out = out.replace(re, fn);
  out = out.replace(/(?<![\w/.~])[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, (t) => (src.names.has(camel(t)) ? camel(t) : t));
  if (!out.trim() || /Butane/.test(out) || BUTANE_ONLY_WORDS.test(out)) {
    throw new Error(`Ignition ${src.version} ${where}: description needs a rewrite in rules3.ts: ${JSON.stringify(out)}`);
  }
  return out;
}

function describe(src: Source, at: At, butane: SchemaNode | undefined, overrides: Override[]): string {
  const text = src.legacy
    ? DESCRIPTIONS_2[at.key]
    : DESCRIPTIONS_3[at.path] ?? (butane ? reword(src, butane.description, at.path) : undefined);
  if (!text) throw new Error(`Ignition ${src.version}: no description for ${at.path} (${at.key})`);
  return text + overrides.map((o) => o.append ?? "").join("");
}

function constraints(src: Source, at: At, butane: SchemaNode | undefined, overrides: Override[]): Partial<IgnNode> {
  const from = (src.legacy ? CONSTRAINTS_2[at.key] : butane) as Record<string, unknown> | undefined;
  const out: Record<string, unknown> = {};
  for (const k of CONSTRAINT_KEYS) if (from?.[k] !== undefined) out[k] = JSON.parse(JSON.stringify(from[k]));
  for (const o of overrides) {
    if (o.dropPattern) {
      delete out.pattern;
      delete out["x-pattern-message"];
    }
    if (o.enumAdd) {
      out.enum = [...((out.enum as string[]) ?? []), ...o.enumAdd.map(([v]) => v)];
      out["x-enum-descriptions"] = [...((out["x-enum-descriptions"] as string[]) ?? []), ...o.enumAdd.map(([, d]) => d)];
    }
  }
  return out as Partial<IgnNode>;
}

function baseType(n: IgnNode): JsonType {
  return Array.isArray(n.type) ? n.type[0] : n.type;
}

/** Whether Go's zero value (what JSON null decodes to) satisfies the node. */
function zeroOk(n: IgnNode): boolean {
  switch (baseType(n)) {
    case "object":
      return !n.required?.length;
    case "array":
      return !n.minItems;
    case "string":
      return (!n.pattern || new RegExp(n.pattern, "u").test("")) && (!n.enum || n.enum.includes("")) && n.const === undefined;
    case "integer":
      return (n.minimum ?? 0) <= 0 && (n.maximum ?? 0) >= 0;
    default:
      return true;
  }
}

function nullable(n: IgnNode): void {
  n.type = [baseType(n), "null"];
}

function checkType(src: Source, at: At, node: IgnNode, butane: SchemaNode | undefined): void {
  if (butane && butane.type !== baseType(node)) {
    throw new Error(`Ignition ${src.version} ${at.path}: Butane's ${butane.type} does not match Ignition's ${baseType(node)}`);
  }
}

function valueNode(src: Source, type: string, at: At, butane: SchemaNode | undefined, description: string, extra: Partial<IgnNode>): IgnNode {
  let node: IgnNode;
  if (SCALARS[type]) {
    node = { type: SCALARS[type], description, ...extra };
    if (at.path === "ignition.version") node.const = src.version;
  } else {
    node = structNode(src, type, at.path, butane, description);
  }
  checkType(src, at, node, butane);
  return node;
}

function fieldNode(src: Source, field: Field, at: At, butane: SchemaNode | undefined): IgnNode {
  const overrides = src.legacy ? [] : overridesFor(src.version, at.path);
  const description = describe(src, at, butane, overrides);
  const extra = constraints(src, at, butane, overrides);
  if (!isList(field.type)) return valueNode(src, elementType(field.type), at, butane, description, extra);
  const itemAt = { path: `${at.path}[]`, key: `${at.key}[]` };
  const itemOverrides = src.legacy ? [] : overridesFor(src.version, itemAt.path);
  const items = valueNode(
    src, elementType(field.type), itemAt, butane?.items,
    describe(src, itemAt, butane?.items, itemOverrides), constraints(src, itemAt, butane?.items, itemOverrides),
  );
  if (zeroOk(items)) nullable(items);
  const node: IgnNode = { type: "array", description, ...extra, items };
  checkType(src, at, node, butane);
  return node;
}

function structNode(src: Source, name: string, path: string, butane: SchemaNode | undefined, description: string): IgnNode {
  const fields = src.structs[name];
  if (!fields) throw new Error(`Ignition ${src.version}: layout has no struct ${name}`);
  const properties: Record<string, IgnNode> = {};
  const required: string[] = [];
  for (const field of fields) {
    const at = { path: path ? `${path}.${field.json}` : field.json, key: `${name}.${field.json}` };
    const node = fieldNode(src, field, at, butaneChild(butane, field.json));
    const isRequired = src.legacy ? REQUIRED_2.has(at.key) : isRequired3(src.version, at.path, field.always);
    if (isRequired) required.push(field.json);
    else nullable(node); // Go decodes null as "not set"
    properties[field.json] = node;
  }
  const node: IgnNode = { type: "object", description, properties, additionalProperties: false };
  if (required.length) node.required = required;
  return node;
}

function serialize(node: IgnNode): Record<string, unknown> {
  const src = node as unknown as Record<string, unknown>;
  for (const k of Object.keys(src)) if (!NODE_ORDER.includes(k)) throw new Error(`unexpected keyword ${k}`);
  const out: Record<string, unknown> = {};
  for (const k of NODE_ORDER) {
    if (src[k] === undefined) continue;
    if (k === "properties") {
      out.properties = Object.fromEntries(Object.entries(node.properties!).map(([key, child]) => [key, serialize(child)]));
    } else if (k === "items") out.items = serialize(node.items!);
    else out[k] = src[k];
  }
  return out;
}

function rootDescription(version: string, legacy: boolean): string {
  if (legacy) {
    return `Ignition config, specification version ${version} (legacy spec 2: what the Container Linux Config Transpiler emits; Flatcar still reads it).`;
  }
  const exp = version.endsWith("-experimental")
    ? " This specification is experimental: it may change without notice and only the matching Ignition development build accepts it."
    : "";
  return `Ignition config, specification version ${version}: what Ignition applies on a machine's first boot.${exp}`;
}

let trees: Map<string, SchemaNode> | undefined;

function sourceFor(version: string): Source {
  const layout = layoutFor(version);
  if (!layout) throw new Error(`no Ignition layout for ${version}`);
  const names = new Set(Object.values(layout.structs).flatMap((fields) => fields.map((f) => f.json)));
  const legacy = version.startsWith("2.");
  if (legacy) return { version, legacy, structs: layout.structs, names };
  const spec = SPECS.filter((s) => s.variant === "fcos" && s.ignitionVersion === version).pop();
  if (!spec) throw new Error(`no fcos Butane spec produces Ignition ${version}`);
  trees ??= buildTrees();
  const butane = trees.get(`fcos ${spec.version}`);
  return { version, legacy, structs: layout.structs, names, butane, butaneSpec: `fcos ${spec.version}` };
}

export function buildIgnitionSchema(version: string): Record<string, unknown> {
  const src = sourceFor(version);
  const root = serialize(structNode(src, "Config", "", src.butane, rootDescription(version, src.legacy)));
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: `urn:kindling:ignition:${version}`,
    title: `Ignition ${version}`,
    "x-kindling": {
      dialect: "ignition",
      version,
      experimental: version.endsWith("-experimental"),
      descriptionsFrom: src.butaneSpec ?? null,
    },
    ...root,
  };
}

/** Every generated file (relative to schemas/ignition) and its exact text. */
export function renderIgnitionSchemas(): Map<string, string> {
  const files = new Map<string, string>();
  for (const version of ignitionVersions()) files.set(ignitionSchemaFileName(version), renderJson(buildIgnitionSchema(version)));
  return files;
}

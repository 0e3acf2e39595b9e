// Node model and small builders for the Butane schema source of truth.
//
// The internal tree uses the same property names as the emitted JSON Schema, plus a
// few internal fields that start with "_" (stripped by emit.ts):
//   _req    the key is required in its parent object
//   _shape  name of a repeated shape (used to factor identical subtrees into definitions)
//   _noIgn  the key (and its subtree) does not map 1:1 onto an Ignition field

export type JsonType = "string" | "integer" | "boolean" | "object" | "array";

export interface SchemaNode {
  type: JsonType;
  description: string;
  default?: string | number | boolean;
  const?: string;
  enum?: string[];
  "x-enum-descriptions"?: string[];
  /** Values offered by completion without being enforced. */
  "x-suggestions"?: string[];
  /** k3OS: the Go field's JSON name, from which its accepted spellings follow. */
  "x-json-name"?: string;
  /** k3OS: other spellings accepted for this key (singular, camelCase, lower-case). */
  "x-aliases"?: string[];
  /** k3OS: the boot phases that apply the key (initrd, boot, runtime). */
  "x-phases"?: string[];
  /** k3OS: where the code's phases differ from the README's table, or other timing facts. */
  "x-phase-note"?: string;
  pattern?: string;
  "x-pattern-message"?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minItems?: number;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: false | SchemaNode;
  items?: SchemaNode;
  "x-since"?: string;
  "x-butane-only"?: true;
  "x-ignition"?: string;
  "x-unsupported"?: string;
  _req?: boolean;
  _shape?: string;
  _noIgn?: boolean;
}

export type Extra = Partial<Omit<SchemaNode, "type" | "description" | "properties" | "items">>;

function make(type: JsonType, description: string, extra: Extra = {}): SchemaNode {
  if (!description.trim()) throw new Error(`empty description for a ${type} node`);
  return { type, description, ...extra };
}

export function str(description: string, extra: Extra = {}): SchemaNode {
  return make("string", description, extra);
}

export function int(description: string, extra: Extra = {}): SchemaNode {
  return make("integer", description, extra);
}

export function bool(description: string, extra: Extra = {}): SchemaNode {
  return make("boolean", description, extra);
}

/** An object with a fixed key set; pass additionalProperties in extra only for real maps. */
export function obj(description: string, properties: Record<string, SchemaNode>, extra: Extra = {}): SchemaNode {
  return { ...make("object", description), properties, additionalProperties: false, ...extra };
}

export function list(description: string, items: SchemaNode, extra: Extra = {}): SchemaNode {
  return { ...make("array", description, extra), items };
}

/** A list of plain strings. */
export function strList(description: string, itemDescription: string, itemExtra: Extra = {}): SchemaNode {
  return list(description, str(itemDescription, itemExtra));
}

/** Marks a key as required in its parent object (Butane reports an error when it is missing). */
export function req(node: SchemaNode): SchemaNode {
  return { ...node, _req: true };
}

/** Marks Butane-only sugar: translated away, never present in the Ignition output. */
export function sugar(node: SchemaNode): SchemaNode {
  return { ...node, "x-butane-only": true };
}

/** Tags a node as an instance of a repeated shape. */
export function shape(name: string, node: SchemaNode): SchemaNode {
  return { ...node, _shape: name };
}

/** Constrains a string with a regular expression; a human-readable message is mandatory. */
export function pat(pattern: string, message: string): Extra {
  return { pattern, "x-pattern-message": message };
}

/** An enum with a description for each value. */
export function oneOfValues(values: Array<[string, string]>): Extra {
  return { enum: values.map(([v]) => v), "x-enum-descriptions": values.map(([, d]) => d) };
}

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

// ---- paths -------------------------------------------------------------------------
// A path names a key inside the tree: segments separated by ".", "[]" after a segment
// descends into the list's items ("storage.files[].contents.source"). An array of
// segments may be given instead when a key itself contains a dot.

export type Path = string | string[];

interface Segment {
  key: string;
  items: boolean;
}

function segments(path: Path): Segment[] {
  const parts = Array.isArray(path) ? path : path.split(".");
  return parts.map((p) => (p.endsWith("[]") ? { key: p.slice(0, -2), items: true } : { key: p, items: false }));
}

export function pathText(path: Path): string {
  return Array.isArray(path) ? path.join(" / ") : path;
}

/** Resolves a path to its node; throws with a readable message when it does not exist. */
export function resolve(root: SchemaNode, path: Path): SchemaNode {
  let node = root;
  for (const seg of segments(path)) {
    const next = node.properties?.[seg.key];
    if (!next) throw new Error(`path ${pathText(path)}: no key "${seg.key}"`);
    node = next;
    if (seg.items) {
      if (!node.items) throw new Error(`path ${pathText(path)}: "${seg.key}" is not a list`);
      node = node.items;
    }
  }
  return node;
}

/** Splits a path into its parent object path and final key. */
export function parentAndKey(path: Path): { parent: string[]; key: string } {
  const parts = Array.isArray(path) ? [...path] : path.split(".");
  const key = parts.pop();
  if (!key || key.endsWith("[]")) throw new Error(`path ${pathText(path)} must end in a key`);
  return { parent: parts, key };
}

/** Visits every node (properties, items and additionalProperties), parents first. */
export function walk(node: SchemaNode, fn: (n: SchemaNode) => void): void {
  fn(node);
  for (const child of Object.values(node.properties ?? {})) walk(child, fn);
  if (node.items) walk(node.items, fn);
  if (node.additionalProperties) walk(node.additionalProperties, fn);
}

// Turns internal trees into the emitted JSON Schema documents: computes x-since and
// x-ignition, finalizes descriptions, factors repeated shapes into definitions and
// writes every node with a fixed key order.

import { SchemaNode, clone } from "./nodes";

// ---- x-since ---------------------------------------------------------------------------

type Seg = string; // a property key, or "[]" for list items

function propertyPaths(root: SchemaNode): Map<string, SchemaNode> {
  const out = new Map<string, SchemaNode>();
  const visit = (node: SchemaNode, path: Seg[]): void => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const p = [...path, key];
      out.set(JSON.stringify(p), child);
      visit(child, p);
    }
    if (node.items) visit(node.items, [...path, "[]"]);
  };
  visit(root, []);
  return out;
}

function parentProperty(path: Seg[]): Seg[] {
  const p = path.slice(0, -1);
  while (p.length && p[p.length - 1] === "[]") p.pop();
  return p;
}

/**
 * Annotates x-since on every key of trees[i] that is missing from the variant's first
 * version: the version from which the key has been present without interruption. Only
 * the outermost new key of a subtree carries it (its children came along with it).
 */
export function annotateSince(trees: SchemaNode[], versions: string[]): void {
  const pathSets = trees.map(propertyPaths);
  pathSets.forEach((paths, i) => {
    const since = (key: string): number => {
      let j = i;
      while (j > 0 && pathSets[j - 1].has(key)) j--;
      return j;
    };
    for (const [key, node] of paths) {
      const s = since(key);
      const parent = parentProperty(JSON.parse(key) as Seg[]);
      const ps = parent.length ? since(JSON.stringify(parent)) : 0;
      if (s > 0 && s !== ps) node["x-since"] = versions[s];
      else delete node["x-since"];
    }
  });
}

// ---- x-ignition --------------------------------------------------------------------------

function camel(key: string): string {
  return key
    .split("_")
    .map((part, i) => (i === 0 ? part : part === "mib" ? "MiB" : part.charAt(0).toUpperCase() + part.slice(1)))
    .join("");
}

/** Keys that map 1:1 onto an Ignition field get x-ignition; sugar subtrees do not. */
export function annotateIgnition(root: SchemaNode): void {
  const visit = (node: SchemaNode): void => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if (child["x-butane-only"] || child._noIgn) continue;
      child["x-ignition"] = camel(key);
      visit(child);
    }
    if (node.items) visit(node.items);
  };
  visit(root);
}

// ---- descriptions ---------------------------------------------------------------------------

const UNSUPPORTED_NOTE = "Not supported in this spec version: Butane reports an error when it is set.";

export function finalizeDescriptions(root: SchemaNode): void {
  const visit = (node: SchemaNode): void => {
    if (node["x-unsupported"]) node.description = `${node.description} ${UNSUPPORTED_NOTE}`;
    for (const child of Object.values(node.properties ?? {})) visit(child);
    if (node.items) visit(node.items);
  };
  visit(root);
}

// ---- definitions -------------------------------------------------------------------------------

/** Shapes factored into definitions, with the description of the definition itself. */
export const FACTORED_SHAPES: Record<string, string> = {
  resource: "A resource: data that Ignition fetches from a URL, or that the config carries itself.",
  fileResource: "File data that Ignition fetches from a URL, or that the config carries itself.",
  tang: "A Tang server used to bind a LUKS volume key.",
  nodeUser: "Owner of a file system node, by user ID or user name.",
  nodeGroup: "Group of a file system node, by group ID or group name.",
};

/** Keywords that describe one use of a shape rather than the shape itself. */
const USAGE_KEYS = new Set(["description", "x-since", "x-ignition", "x-unsupported", "x-butane-only", "default", "_req", "_shape", "_noIgn"]);

function body(node: SchemaNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (!USAGE_KEYS.has(k)) out[k] = v;
  return out;
}

interface Site {
  holder: Record<string, SchemaNode>;
  key: string;
}

function sites(root: SchemaNode): Site[] {
  const out: Site[] = [];
  const visit = (node: SchemaNode): void => {
    for (const key of Object.keys(node.properties ?? {})) {
      out.push({ holder: node.properties!, key });
      visit(node.properties![key]);
    }
    if (node.items) {
      out.push({ holder: node as unknown as Record<string, SchemaNode>, key: "items" });
      visit(node.items);
    }
  };
  visit(root);
  return out;
}

export interface RefNode extends SchemaNode {
  $ref?: string;
}

/**
 * For each factored shape, the most common identical body (used at least twice) becomes
 * definitions/<shape>; those uses are replaced by a $ref carrying their own type,
 * description and annotations. Other uses stay inline.
 */
export function factorDefinitions(root: SchemaNode): Record<string, SchemaNode> {
  const definitions: Record<string, SchemaNode> = {};
  const all = sites(root);
  for (const [shapeName, defDescription] of Object.entries(FACTORED_SHAPES)) {
    const groups = new Map<string, Site[]>();
    for (const site of all) {
      const node = site.holder[site.key];
      if (node._shape !== shapeName) continue;
      const k = JSON.stringify(body(node));
      groups.set(k, [...(groups.get(k) ?? []), site]);
    }
    let best: Site[] = [];
    for (const g of groups.values()) if (g.length > best.length) best = g;
    if (best.length < 2) continue;
    const first = best[0].holder[best[0].key];
    definitions[shapeName] = { ...clone(body(first)), description: defDescription } as SchemaNode;
    for (const site of best) {
      const node = site.holder[site.key];
      const ref: RefNode = { $ref: `#/definitions/${shapeName}`, type: node.type, description: node.description };
      for (const k of USAGE_KEYS) {
        const v = (node as unknown as Record<string, unknown>)[k];
        if (v !== undefined) (ref as unknown as Record<string, unknown>)[k] = v;
      }
      site.holder[site.key] = ref;
    }
  }
  return definitions;
}

// ---- serialization ------------------------------------------------------------------------------

const NODE_ORDER = [
  "$ref", "type", "description", "x-since", "x-butane-only", "x-ignition", "x-unsupported", "default", "const", "enum",
  "x-enum-descriptions", "x-suggestions", "x-json-name", "x-aliases", "x-phases", "x-phase-note", "pattern", "x-pattern-message", "minimum", "maximum", "maxLength", "minItems", "properties",
  "required", "additionalProperties", "items",
];
const INTERNAL = new Set(["_req", "_shape", "_noIgn"]);

/** Copies a node with canonical key order, `required` computed from _req, internals dropped. */
export function serialize(node: RefNode): Record<string, unknown> {
  for (const k of Object.keys(node)) {
    if (!NODE_ORDER.includes(k) && !INTERNAL.has(k)) throw new Error(`unexpected keyword ${k}`);
  }
  const src = node as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of NODE_ORDER) {
    if (k === "required") {
      const req = Object.entries(node.properties ?? {}).filter(([, c]) => c._req).map(([key]) => key);
      if (req.length) out.required = req;
      continue;
    }
    const v = src[k];
    if (v === undefined) continue;
    if (k === "properties") {
      const props: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node.properties!)) props[key] = serialize(child);
      out.properties = props;
    } else if (k === "items" || (k === "additionalProperties" && v !== false)) {
      out[k] = serialize(v as SchemaNode);
    } else {
      out[k] = clone(v);
    }
  }
  return out;
}

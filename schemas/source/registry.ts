// All Butane variants/versions accepted by butane v0.29.0, their derivation, and the
// rendering of schemas/butane/*.json and schemas/butane/index.json.

import { SchemaNode, clone } from "./nodes";
import { applyPatch } from "./patch";
import { baseTree } from "./base-tree";
import { annotateIgnition, annotateSince, factorDefinitions, finalizeDescriptions, serialize } from "./emit";
import { FCOS, FCOS_SPECS } from "./fcos";
import { FLATCAR, FLATCAR_SPECS } from "./flatcar";
import { OPENSHIFT, OPENSHIFT_SPECS } from "./openshift";
import { R4E, R4E_SPECS } from "./r4e";
import { FIOT, FIOT_SPECS } from "./fiot";
import { SpecRef, VariantInfo, VersionSpec } from "./spec";

export const VARIANTS: VariantInfo[] = [FCOS, FLATCAR, OPENSHIFT, R4E, FIOT];

/** Every variant/version, in index order. */
export const SPECS: VersionSpec[] = [...FCOS_SPECS, ...FLATCAR_SPECS, ...OPENSHIFT_SPECS, ...R4E_SPECS, ...FIOT_SPECS];

export const REMOVED_VARIANTS = [
  { variant: "rhcos", message: "rhcos variant has been removed; use openshift variant instead" },
];

export const SCHEMA_DIR = "schemas/butane";

export function schemaFileName(variant: string, version: string): string {
  return `${variant}-${version}.json`;
}

const key = (r: SpecRef): string => `${r.variant} ${r.version}`;

/** Raw (unannotated) trees of every spec, built by applying each patch to its parent. */
export function buildTrees(): Map<string, SchemaNode> {
  const trees = new Map<string, SchemaNode>();
  const byKey = new Map(SPECS.map((s) => [key(s), s]));
  const build = (spec: VersionSpec): SchemaNode => {
    const done = trees.get(key(spec));
    if (done) return done;
    let base: SchemaNode;
    if (spec.parent === null) base = baseTree();
    else {
      const parent = byKey.get(key(spec.parent));
      if (!parent) throw new Error(`${key(spec)}: unknown parent ${key(spec.parent)}`);
      base = build(parent);
    }
    let tree: SchemaNode;
    try {
      tree = applyPatch(base, spec.patch);
    } catch (e) {
      throw new Error(`${key(spec)}: ${(e as Error).message}`);
    }
    trees.set(key(spec), tree);
    return tree;
  };
  SPECS.forEach(build);
  return trees;
}

function rootDescription(info: VariantInfo, spec: VersionSpec): string {
  const exp = spec.experimental
    ? " This specification is experimental: it may change without notice and is only accepted by the matching Ignition development build."
    : "";
  return (
    `Butane config for ${info.osName}, variant ${spec.variant}, specification version ${spec.version}. ` +
    `Butane translates it into an Ignition ${spec.ignitionVersion} config.${info.note}${exp}`
  );
}

function finishRoot(tree: SchemaNode, info: VariantInfo, spec: VersionSpec): Record<string, unknown> {
  const props = tree.properties!;
  props.variant = {
    ...props.variant,
    const: spec.variant,
    description: `Butane variant: the operating system family this config is for. Must be "${spec.variant}" (${info.osName}) for this schema.`,
  };
  props.version = {
    ...props.version,
    const: spec.version,
    description: `Version of the ${spec.variant} Butane specification, written out in full. Must be "${spec.version}" for this schema; it produces Ignition ${spec.ignitionVersion}.`,
  };
  annotateIgnition(tree);
  finalizeDescriptions(tree);
  const definitions = factorDefinitions(tree);
  const body = serialize(tree);
  const out: Record<string, unknown> = {
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: `urn:kindling:butane:${spec.variant}:${spec.version}`,
    title: `Butane ${spec.variant} ${spec.version}`,
    description: rootDescription(info, spec),
    "x-kindling": {
      dialect: "butane",
      variant: spec.variant,
      version: spec.version,
      ignitionVersion: spec.ignitionVersion,
      experimental: spec.experimental,
    },
    type: body.type,
    required: body.required,
    additionalProperties: body.additionalProperties,
    properties: body.properties,
  };
  const defNames = Object.keys(definitions).sort();
  if (defNames.length) {
    const defs: Record<string, unknown> = {};
    for (const name of defNames) defs[name] = serialize(definitions[name]);
    out.definitions = defs;
  }
  return out;
}

export interface SchemaFile {
  file: string;
  schema: Record<string, unknown>;
}

/** One JSON Schema per variant/version, in index order. */
export function buildAllSchemas(): SchemaFile[] {
  const raw = buildTrees();
  const out: SchemaFile[] = [];
  for (const info of VARIANTS) {
    const specs = SPECS.filter((s) => s.variant === info.variant);
    const trees = specs.map((s) => clone(raw.get(key(s))!));
    annotateSince(trees, specs.map((s) => s.version));
    specs.forEach((spec, i) => {
      out.push({ file: schemaFileName(spec.variant, spec.version), schema: finishRoot(trees[i], info, spec) });
    });
  }
  const order = new Map(SPECS.map((s, i) => [schemaFileName(s.variant, s.version), i]));
  return out.sort((a, b) => order.get(a.file)! - order.get(b.file)!);
}

export function buildIndex(): Record<string, unknown> {
  return {
    butane: SPECS.map((s) => ({
      variant: s.variant,
      version: s.version,
      file: schemaFileName(s.variant, s.version),
      ignitionVersion: s.ignitionVersion,
      experimental: s.experimental,
      // the parent's schema file (the `file` of another entry), or null for the root of all trees
      parent: s.parent ? schemaFileName(s.parent.variant, s.parent.version) : null,
    })),
    removed: REMOVED_VARIANTS,
  };
}

export function renderJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/** Every generated file (relative to schemas/butane) and its exact text. */
export function renderAll(): Map<string, string> {
  const files = new Map<string, string>();
  for (const { file, schema } of buildAllSchemas()) files.set(file, renderJson(schema));
  files.set("index.json", renderJson(buildIndex()));
  return files;
}

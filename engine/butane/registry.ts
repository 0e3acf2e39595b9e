import * as fs from 'fs';
import * as path from 'path';
import { RootSchema, Schema } from '../schema/schema';
import { findBundledFile } from '../host/bundled';

/** One Butane variant/version as listed in `schemas/butane/index.json`. */
export interface ButaneSpec {
  variant: string;
  version: string;
  file: string;
  ignitionVersion: string;
  experimental: boolean;
  parent?: string;
}

interface ButaneIndex {
  butane: ButaneSpec[];
  removed: { variant: string; message: string }[];
}

let schemaDir: string | undefined;
let index: ButaneIndex | undefined;
const schemas = new Map<string, Schema>();

function schemasDirectory(): string {
  if (schemaDir) return schemaDir;
  const index = findBundledFile('schemas', 'butane', 'index.json');
  if (!index) throw new Error(`bundled Butane schemas not found above ${__dirname}`);
  return (schemaDir = path.dirname(index));
}

export function butaneIndex(): ButaneIndex {
  index ??= JSON.parse(fs.readFileSync(path.join(schemasDirectory(), 'index.json'), 'utf8')) as ButaneIndex;
  return index;
}

export function butaneSpecs(): readonly ButaneSpec[] {
  return butaneIndex().butane;
}

export function findSpec(variant: string, version: string): ButaneSpec | undefined {
  return butaneSpecs().find((s) => s.variant === variant && s.version === version);
}

export function variants(): string[] {
  return [...new Set(butaneSpecs().map((s) => s.variant))];
}

export function versionsOf(variant: string): ButaneSpec[] {
  return butaneSpecs().filter((s) => s.variant === variant);
}

/** Loads (once) the JSON schema of a spec. */
export function schemaFor(spec: ButaneSpec): Schema {
  let schema = schemas.get(spec.file);
  if (!schema) {
    const root = JSON.parse(fs.readFileSync(path.join(schemasDirectory(), spec.file), 'utf8')) as RootSchema;
    schema = new Schema(root);
    schemas.set(spec.file, schema);
  }
  return schema;
}

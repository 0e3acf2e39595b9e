/**
 * The wire layout of each Ignition spec version: for every struct, its JSON fields in the
 * order Ignition's Go types declare them (which is the order Butane and ct print), each
 * with its Go kind. Derived from Ignition's types; kept in `schemas/ignition/layout.json`.
 */
import * as fs from 'fs';
import { findBundledFile } from '../host/bundled';

/**
 * A field's Go type in compact form: `string|int|bool` (value), `*string|*int|*bool`
 * (pointer: printed whenever set), `[]T` (list of T), or a struct name.
 */
export type GoType = string;

export interface Field {
  json: string;
  type: GoType;
  /** Printed even when empty (the Go field has no `omitempty`). */
  always: boolean;
}

export type StructLayout = readonly Field[];

export interface Layout {
  version: string;
  structs: Readonly<Record<string, StructLayout>>;
}

type RawLayouts = Record<string, Record<string, [string, string, number][]>>;

let raw: RawLayouts | undefined;
const layouts = new Map<string, Layout>();

function rawLayouts(): RawLayouts {
  if (raw) return raw;
  const file = findBundledFile('schemas', 'ignition', 'layout.json');
  if (!file) throw new Error(`bundled Ignition layout not found above ${__dirname}`);
  return (raw = JSON.parse(fs.readFileSync(file, 'utf8')) as RawLayouts);
}

export function ignitionVersions(): string[] {
  return Object.keys(rawLayouts());
}

/** The layout of one Ignition spec version, e.g. "3.5.0"; undefined when unknown. */
export function layoutFor(version: string): Layout | undefined {
  let layout = layouts.get(version);
  if (layout) return layout;
  const source = rawLayouts()[version];
  if (!source) return undefined;
  const structs: Record<string, StructLayout> = {};
  for (const [name, fields] of Object.entries(source)) {
    structs[name] = fields.map(([json, type, always]) => ({ json, type, always: always === 1 }));
  }
  layout = { version, structs };
  layouts.set(version, layout);
  return layout;
}

export function isPointer(type: GoType): boolean {
  return type.startsWith('*');
}

export function isList(type: GoType): boolean {
  return type.startsWith('[]');
}

export function elementType(type: GoType): GoType {
  return type.replace(/^\*?(\[\])?/, '');
}

export function isScalar(type: GoType): boolean {
  return ['string', 'int', 'bool'].includes(elementType(type));
}

/**
 * Which Butane spec (and so which schema) an editor feature should use for a document.
 * Completion runs mostly on half-typed text whose parse is broken, so the spec comes from
 * the analysis when it has one, then from a plain scan of the top-level `variant:` and
 * `version:` lines, then from the last analysis that knew its spec.
 */
import { compareVersions } from '../butane/specVersion';
import type { Analysis } from '../index';
import { parseYaml, ParsedYaml } from '../yaml/parse';
import type { Schema } from '../schema/schema';
import { butaneSpecs, ButaneSpec, schemaFor } from '../butane/registry';
import { clcSchema } from '../clc/schema';
import { k3osSchema } from '../k3os/schema';

/** The known specs and their schemas; injected so tests can use small schemas. */
export interface SpecCatalog {
  specs(): readonly ButaneSpec[];
  schemaFor(spec: ButaneSpec): Schema;
}

/** The schemas bundled in `schemas/butane/`; an empty catalog if they cannot be read. */
export const bundledCatalog: SpecCatalog = {
  specs() {
    try {
      return butaneSpecs();
    } catch {
      return [];
    }
  },
  schemaFor,
};

/** What every service receives: the text, its analysis and the previous good one. */
export interface ServiceDocument {
  text: string;
  /** Analysis of exactly `text`; its parse may be broken while the user types. */
  analysis: Analysis;
  /** The latest earlier analysis of this document whose spec was known. */
  lastGood?: Analysis;
}

export interface ServiceOptions {
  catalog?: SpecCatalog;
}

export interface SpecContext {
  /** Set for a Container Linux Config or a k3OS config: one schema, no `variant`/`version` spec keys. */
  dialect?: 'clc' | 'k3os';
  /** The variant written in the document, even when it is not a known one. */
  variant?: string;
  spec?: ButaneSpec;
  schema?: Schema;
}

/** A ServiceDocument for text that was not analysed by `analyze()` (tests, fallbacks). */
export function parsedOnly(text: string): ServiceDocument {
  const parsed: ParsedYaml = parseYaml(text);
  return { text, analysis: { dialect: 'butane', parsed, diagnostics: [] } };
}

/** Reads a column-0 `key: value` line without parsing YAML; quotes and comments removed. */
export function topLevelScalar(text: string, key: string): string | undefined {
  const match = new RegExp(`^${key}[ \\t]*:[ \\t]*(.*)$`, 'm').exec(text);
  if (!match) return undefined;
  let value = match[1].replace(/\r$/, '');
  const quoted = /^(["'])(.*?)\1/.exec(value);
  if (quoted) return quoted[2];
  value = value.replace(/(^|\s)#.*$/, '').trim();
  return value === '' ? undefined : value;
}

export function resolveSpecContext(doc: ServiceDocument, catalog: SpecCatalog = bundledCatalog): SpecContext {
  if (doc.analysis.dialect === 'clc') return { dialect: 'clc', schema: doc.analysis.clc?.schema ?? safeBundled(clcSchema) };
  if (doc.analysis.dialect === 'k3os') return { dialect: 'k3os', schema: doc.analysis.k3os?.schema ?? safeBundled(k3osSchema) };
  const analysed = doc.analysis.butane;
  if (analysed?.spec) {
    return { variant: analysed.spec.variant, spec: analysed.spec, schema: analysed.schema ?? safeSchema(catalog, analysed.spec) };
  }
  const variant = topLevelScalar(doc.text, 'variant');
  const version = topLevelScalar(doc.text, 'version');
  const specs = catalog.specs();
  const written = specs.find((s) => s.variant === variant && s.version === version);
  if (written) return { variant, spec: written, schema: safeSchema(catalog, written) };
  const previous = doc.lastGood?.butane?.spec;
  // The last good spec only helps while the variant line is still the same one.
  if (previous && (variant === undefined || variant === previous.variant)) {
    const known = specs.find((s) => s.variant === previous.variant && s.version === previous.version) ?? previous;
    return { variant: previous.variant, spec: known, schema: doc.lastGood?.butane?.schema ?? safeSchema(catalog, known) };
  }
  return { variant };
}

function safeBundled(load: () => Schema): Schema | undefined {
  try {
    return load();
  } catch {
    return undefined;
  }
}

function safeSchema(catalog: SpecCatalog, spec: ButaneSpec): Schema | undefined {
  try {
    return catalog.schemaFor(spec);
  } catch {
    return undefined;
  }
}

/** Versions of a variant for people: newest stable first, experimental ones last. */
export function versionsForDisplay(catalog: SpecCatalog, variant: string): ButaneSpec[] {
  const versions = catalog.specs().filter((s) => s.variant === variant);
  return [...versions].sort((a, b) => Number(a.experimental) - Number(b.experimental) || compareVersions(b.version, a.version));
}


export function variantsOf(catalog: SpecCatalog): string[] {
  return [...new Set(catalog.specs().map((s) => s.variant))];
}

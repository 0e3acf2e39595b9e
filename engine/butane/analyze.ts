import type { Diagnostic } from '../diagnostics';
import type { FileSystemAccess } from '../host/files';
import type { ParsedYaml } from '../yaml/parse';
import { SchemaDecoder } from '../schema/decode';
import { checkConstraints } from '../schema/constraints';
import type { Schema } from '../schema/schema';
import type { SourceMap } from '../schema/sourceMap';
import { detectSpec } from './detect';
import { ButaneSpec, schemaFor } from './registry';
import { unknownKeyReporter } from './unknownKeys';
import { butaneChecks } from './checks/index';
import { createContext } from './checks/context';

export interface ButaneOptions {
  /** Absolute path of Butane's -d/--files-dir; undefined = not given. */
  filesDir?: string;
  fs?: FileSystemAccess;
}

export interface ButaneAnalysis {
  spec?: ButaneSpec;
  schema?: Schema;
  /** The decoded config (snake_case, go-yaml typing), when variant and version are known. */
  config?: Record<string, unknown>;
  map?: SourceMap;
  diagnostics: Diagnostic[];
}

/** A generic schema report is dropped where a dedicated check already explains the same value. */
function withoutGenericDuplicates(diagnostics: Diagnostic[]): Diagnostic[] {
  const specific = new Set(
    diagnostics.filter((d) => d.severity === 'error' && !d.code.startsWith('butane/schema/')).map((d) => `${d.range.start}:${d.range.end}`),
  );
  return diagnostics.filter((d) => d.code !== 'butane/schema/value' || !specific.has(`${d.range.start}:${d.range.end}`));
}

/** Validates a parsed Butane document: spec detection, types, schema constraints, Butane's checks. */
export function analyzeButane(parsed: ParsedYaml, text: string, options: ButaneOptions = {}): ButaneAnalysis {
  const detection = detectSpec(parsed.root, parsed.document, text);
  if (!detection.spec) return { diagnostics: detection.diagnostics };
  const spec = detection.spec;
  const schema = schemaFor(spec);
  const decoder = new SchemaDecoder(schema, parsed.document, {
    unknownKey: unknownKeyReporter(spec, schema),
    unsupportedCode: 'butane/unsupported',
  });
  const decoded = decoder.decode(parsed.root);
  const config = (decoded.value ?? {}) as Record<string, unknown>;
  const diagnostics = [...decoded.diagnostics, ...checkConstraints(schema, config, decoded.map, text, 'butane/schema')];
  const context = createContext(
    { spec, config, text, map: decoded.map, filesDir: options.filesDir, fs: options.fs },
    diagnostics,
  );
  for (const check of butaneChecks) check(context);
  return { spec, schema, config, map: decoded.map, diagnostics: withoutGenericDuplicates(diagnostics) };
}

import type { Diagnostic } from '../diagnostics';
import type { FileSystemAccess } from '../host/files';
import type { ParsedYaml } from '../yaml/parse';
import { SchemaDecoder } from '../schema/decode';
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

/** Validates a parsed Butane document: spec detection, types, schema constraints, Butane's checks. */
export function analyzeButane(parsed: ParsedYaml, text: string, options: ButaneOptions = {}): ButaneAnalysis {
  const detection = detectSpec(parsed.root, parsed.document, text);
  if (!detection.spec) return { diagnostics: detection.diagnostics };
  const spec = detection.spec;
  const schema = schemaFor(spec);
  const decoder = new SchemaDecoder(schema, parsed.document, text, {
    unknownKey: unknownKeyReporter(spec, schema),
    unsupportedCode: 'butane/unsupported',
    constraintCode: 'butane/schema',
  });
  const decoded = decoder.decode(parsed.root);
  const config = (decoded.value ?? {}) as Record<string, unknown>;
  const diagnostics = [...decoded.diagnostics];
  const context = createContext(
    { spec, config, text, map: decoded.map, filesDir: options.filesDir, fs: options.fs },
    diagnostics,
  );
  for (const check of butaneChecks) check(context);
  return { spec, schema, config, map: decoded.map, diagnostics };
}

/**
 * Validates a Container Linux Config the way ct v0.9.4 does, in ct's two stages: what
 * its types check while parsing, then — only when that found no error — the conversion
 * to Ignition 2.3.0 and Ignition's validation of the result. Every ct message keeps ct's
 * wording; Kindling's own findings are marked advisory so they never change ct's verdict.
 */
import type { Diagnostic, Severity, TextRange } from '../diagnostics';
import type { FileSystemAccess } from '../host/files';
import type { IgnitionObject } from '../ignition/marshal';
import type { ParsedYaml } from '../yaml/parse';
import { SchemaDecoder } from '../schema/decode';
import type { Schema } from '../schema/schema';
import type { Path, SourceMap } from '../schema/sourceMap';
import { firstLineOf } from '../text/ranges';
import type { Obj } from '../values';
import { clcSchema } from './schema';
import { unknownKeyDiagnostic } from './unknownKey';
import type { ClcProblem, ClcSeverity } from './problems';
import { parseStageProblems } from './checks/parseStage';
import { clcLints } from './checks/lints';
import { decodeVersionedSections } from './versionedSections';
import { convertClc } from './translate/convert';
import { validateOutput } from './validateOutput';
import { isSupportedPlatform } from './generated/index';

export interface ClcOptions {
  /** ct's --platform (empty: none), which decides `{PRIVATE_IPV4}`-style substitutions. */
  platform?: string;
  /** Absolute --files-dir; undefined = not given (ct then refuses `local` contents). */
  filesDir?: string;
  /** --files-dir as the user wrote it, for messages; defaults to `filesDir`. */
  filesDirLabel?: string;
  fs?: FileSystemAccess;
}

export interface ClcAnalysis {
  schema: Schema;
  config: Obj;
  map: SourceMap;
  diagnostics: Diagnostic[];
  /** The Ignition 2.3.0 config ct would print; absent when ct would print none. */
  ignition?: IgnitionObject;
}

const SEVERITY: Record<ClcSeverity, Severity> = { error: 'error', warning: 'warning', info: 'information' };

/** The text range of a problem: the node at its path, else the nearest node that exists. */
function locate(text: string, map: SourceMap, path: Path, at: 'key' | 'value' = 'value'): TextRange {
  const exact = map.get(path);
  if (exact) return at === 'key' && exact.key ? exact.key : firstLineOf(text, exact.value);
  const nearest = map.nearest(path);
  if (!nearest || nearest.path.length === 0) return firstLineOf(text, { start: 0, end: text.length });
  return firstLineOf(text, nearest.located.value);
}

export function analyzeClc(parsed: ParsedYaml, text: string, options: ClcOptions = {}): ClcAnalysis {
  const schema = clcSchema();
  const diagnostics: Diagnostic[] = [];
  if (parsed.root === null) {
    diagnostics.push({ range: firstLineOf(text, { start: 0, end: text.length }), severity: 'warning', code: 'clc/empty', message: 'Configuration is empty' });
  }
  const decoder = new SchemaDecoder(schema, parsed.document, text, {
    unknownKey: (unknown) => unknownKeyDiagnostic(schema, unknown),
    unsupportedCode: 'clc/unsupported',
    constraintCode: 'clc/schema',
  });
  const decoded = decoder.decode(parsed.root);
  const config = (decoded.value && typeof decoded.value === 'object' && !Array.isArray(decoded.value) ? decoded.value : {}) as Obj;
  const map = decoded.map;
  const versioned = decodeVersionedSections(parsed, text, config, decoded.diagnostics);

  const place = (p: ClcProblem): Diagnostic => ({ range: locate(text, map, p.path, p.at), severity: SEVERITY[p.severity], code: p.code, message: p.message });
  const parseStage = parseStageProblems(config);
  const decodeErrors = [...versioned.diagnostics.filter((d) => d.severity === 'error'), ...parseStage.filter((p) => p.decode).map(place)];
  if (decodeErrors.length > 0) {
    // go-yaml stops at a value it cannot decode; ct then reports that and checks nothing else.
    diagnostics.push(...decodeErrors);
    return { schema, config, map, diagnostics, ignition: undefined };
  }
  diagnostics.push(...versioned.diagnostics, ...parseStage.map(place));
  const platform = options.platform ?? '';
  let ignition: IgnitionObject | undefined;
  if (!diagnostics.some((d) => d.severity === 'error')) {
    if (!isSupportedPlatform(platform)) {
      diagnostics.push({ range: firstLineOf(text, { start: 0, end: text.length }), severity: 'error', code: 'clc/platform', message: 'unsupported platform' });
    } else {
      const converted = convertClc(config, { platform, filesDir: options.filesDir, filesDirLabel: options.filesDirLabel, fs: options.fs });
      diagnostics.push(...converted.problems.map(place));
      if (!converted.problems.some((p) => p.severity === 'error')) {
        const output = validateOutput(converted.ignition);
        for (const p of output) {
          const source = converted.origins.sourcePath(converted.ignition, p.path);
          diagnostics.push(place({ ...p, path: source, code: 'clc/ignition' }));
        }
        if (!output.some((p) => p.severity === 'error')) ignition = converted.ignition;
      }
    }
  }
  diagnostics.push(...clcLints({ config, map, text, filesDir: options.filesDir, fs: options.fs, platform, diagnostics }));
  return { schema, config, map, diagnostics, ignition };
}

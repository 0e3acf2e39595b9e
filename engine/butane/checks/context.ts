import type { Diagnostic, Fix, Severity, TextRange } from '../../diagnostics';
import type { FileSystemAccess } from '../../host/files';
import type { Path, SourceMap } from '../../schema/sourceMap';
import type { ButaneSpec } from '../registry';
import { compareVersions } from '../specVersion';
import { firstLineOf } from '../../text/ranges';

/** Where on a located value a report points. */
export type Anchor = 'key' | 'value' | 'line';

export interface ReportOptions {
  severity?: Severity;
  /** Default `value`: the value's range; `key`: the key; `line`: the first line of the node. */
  at?: Anchor;
  fixes?: Fix[];
  /** See Diagnostic.advisory. */
  advisory?: boolean;
}

/** Everything a Butane check may look at; checks are pure functions of this context. */
export interface CheckContext {
  spec: ButaneSpec;
  /** The decoded config: plain JSON with Butane's snake_case keys, unset values absent. */
  config: Record<string, unknown>;
  text: string;
  map: SourceMap;
  /** Absolute files-dir, when one is configured (Butane's -d/--files-dir). */
  filesDir: string | undefined;
  fs: FileSystemAccess | undefined;
  /** Is this spec at least `version` of its own variant? (e.g. `atLeast('1.6.0')` on fcos) */
  atLeast(version: string): boolean;
  report(path: Path, code: string, message: string, options?: ReportOptions): void;
  /** Report at an explicit text range (for positions inside scalars). */
  reportRange(range: TextRange, code: string, message: string, options?: ReportOptions): void;
}

export type Check = (ctx: CheckContext) => void;


/** Generic schema-constraint diagnostics that a check's specific report on the same node replaces. */
const GENERIC = /^butane\/(schema\/|unsupported$)/;
const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

/**
 * Removes generic diagnostics about the node a check reports on, so users see one
 * specific message instead of two: constraint errors on the node's value,
 * unsupported-key errors on its key or an ancestor's key, and "missing required key"
 * errors on the nearest present ancestor that name the missing key. Only a report at
 * least as severe replaces them.
 */
function supersede(sink: Diagnostic[], map: SourceMap, path: Path, severity: Severity): void {
  const own = map.get(path);
  // For a path missing from the YAML: its nearest present ancestor and the key missing below it.
  let depth = path.length - 1;
  while (!own && depth > 0 && !map.get(path.slice(0, depth))) depth--;
  const ancestor = own ? undefined : map.get(path.slice(0, depth));
  const missingKey = own ? undefined : path[depth];
  const ancestorStart = ancestor ? (ancestor.key ?? ancestor.value).start : undefined;
  const keyStarts = new Set<number>();
  for (let n = path.length; n > 0; n--) {
    const key = map.get(path.slice(0, n))?.key;
    if (key) keyStarts.add(key.start);
  }
  for (let i = sink.length - 1; i >= 0; i--) {
    const d = sink[i];
    if (!GENERIC.test(d.code) || RANK[d.severity] > RANK[severity]) continue;
    const required = d.code.endsWith('/required');
    // constraint errors sit on the value; unsupported-key errors on the key of the node or of an ancestor
    const sameNode = !required && (d.code === 'butane/unsupported' ? keyStarts.has(d.range.start) : own !== undefined && d.range.start === own.value.start);
    const sameMissingKey = required && typeof missingKey === 'string' && d.range.start === ancestorStart && d.message.includes(`\`${missingKey}\``);
    if (sameNode || sameMissingKey) sink.splice(i, 1);
  }
}

export function createContext(
  base: Omit<CheckContext, 'atLeast' | 'report' | 'reportRange'>,
  sink: Diagnostic[],
): CheckContext {
  const rangeFor = (path: Path, at: Anchor): TextRange => {
    const found = base.map.nearest(path);
    if (!found) return { start: 0, end: 0 };
    const { key, value } = found.located;
    if (at === 'key' && key) return key;
    if (at === 'line' || found.path.length < path.length) return firstLineOf(base.text, value);
    return value;
  };
  const reportRange = (range: TextRange, code: string, message: string, options: ReportOptions = {}): void => {
    const diagnostic: Diagnostic = { range, severity: options.severity ?? 'error', code, message, fixes: options.fixes };
    if (options.advisory) diagnostic.advisory = true;
    sink.push(diagnostic);
  };
  return {
    ...base,
    atLeast: (version) => compareVersions(base.spec.version, version) >= 0,
    report: (path, code, message, options = {}) => {
      supersede(sink, base.map, path, options.severity ?? 'error');
      reportRange(rangeFor(path, options.at ?? 'value'), code, message, options);
    },
    reportRange,
  };
}

/**
 * An Ignition config written by hand (or kept beside its source): checked against the
 * bundled schema of its spec version, with every value's place in the text kept so domain
 * rules can point into it.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Diagnostic } from '../diagnostics';
import { SourceMap, SourceNode } from '../schema/sourceMap';
import { firstLineOf } from '../text/ranges';
import type { Obj } from '../values';
import { deref, ParsedYaml, YamlNode } from '../yaml/parse';
import { validateIgnition } from './validate';

export interface IgnitionAnalysis {
  config: Obj;
  map: SourceMap;
  /** `ignition.version`, when the config states one. */
  version?: string;
  diagnostics: Diagnostic[];
}

function rangeOf(node: YamlNode): { start: number; end: number } {
  const r = node.range ?? [0, 0];
  return { start: r[0], end: r[1] };
}

/** The document as plain JSON values, with a source node for each. */
function toValue(node: YamlNode | null, parsed: ParsedYaml, at: SourceNode, depth: number): unknown {
  const target = deref(node, parsed.document);
  if (!target || depth > 256) return null;
  if (isMap(target)) {
    const out: Obj = {};
    for (const pair of target.items) {
      const keyNode = pair.key as YamlNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
      if (key === undefined) continue;
      const valueNode = pair.value as YamlNode | null;
      const child = at.child(key, { key: rangeOf(keyNode!), value: valueNode ? rangeOf(valueNode) : rangeOf(keyNode!) });
      out[key] = toValue(valueNode, parsed, child, depth + 1);
    }
    return out;
  }
  if (isSeq(target)) {
    return target.items.map((item, i) => {
      const itemNode = item as YamlNode | null;
      const child = at.child(i, { value: itemNode ? rangeOf(itemNode) : rangeOf(target) });
      return toValue(itemNode, parsed, child, depth + 1);
    });
  }
  return isScalar(target) ? jsonScalar(target.value, target.type) : null;
}

/**
 * The document is read with YAML's failsafe schema, which keeps every scalar a string; an
 * unquoted `true`, `null` or number is a JSON literal and must keep its JSON type, or every
 * `enabled: true` and `mode: 420` would fail the schema as a string.
 */
function jsonScalar(value: unknown, type: string | undefined): unknown {
  if (typeof value !== 'string' || type !== 'PLAIN') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (value === 'null') return null;
  return /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(value) ? Number(value) : value;
}

export function analyzeIgnition(parsed: ParsedYaml, text: string): IgnitionAnalysis {
  const map = new SourceMap();
  const root = parsed.root;
  map.root = new SourceNode({ value: root ? rangeOf(root) : { start: 0, end: text.length } });
  const value = root ? toValue(root, parsed, map.root, 0) : null;
  const config: Obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
  const ignition = config.ignition as Obj | undefined;
  const version = typeof ignition?.version === 'string' ? ignition.version : undefined;
  const diagnostics: Diagnostic[] = [];
  // Unknown keys underline the key; everything else the value, or the nearest mapping.
  const place = (path: (string | number)[], onKey: boolean): { start: number; end: number } => {
    const exact = map.get(path);
    if (exact) return onKey && exact.key ? exact.key : firstLineOf(text, exact.value);
    const nearest = map.nearest(path)?.located;
    return nearest ? firstLineOf(text, nearest.value) : { start: 0, end: 0 };
  };
  if (!version) {
    diagnostics.push({ range: firstLineOf(text, { start: 0, end: text.length }), severity: 'error', code: 'ignition/version', message: 'an Ignition config needs `ignition.version` (e.g. "3.4.0")' });
  } else {
    for (const problem of validateIgnition(config, version)) {
      diagnostics.push({ range: place(problem.path, problem.severity === 'warning'), severity: problem.severity, code: 'ignition/schema', message: problem.message });
    }
  }
  return { config, map, version, diagnostics };
}

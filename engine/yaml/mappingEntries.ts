import { isMap, isScalar, isSeq, Document, YAMLMap } from 'yaml';
import { deref, YamlNode } from './parse';

export interface MappingEntry {
  key: string;
  keyNode: YamlNode;
  value: YamlNode | null;
  /** The `<<` merge key itself. */
  merge: boolean;
  /** Written in this mapping, not pulled in through a merge key. */
  own: boolean;
}

/**
 * A mapping's entries with `<<` merge keys expanded as go-yaml does: explicit keys win, and
 * among merged mappings the first to give a key wins. Nesting is followed 8 levels deep.
 */
export function mappingEntries(node: YAMLMap, doc: Document.Parsed | undefined, own = true, depth = 0): MappingEntry[] {
  const explicit: MappingEntry[] = [];
  const merged: MappingEntry[] = [];
  for (const pair of node.items) {
    const keyNode = pair.key as YamlNode;
    const key = isScalar(keyNode) ? String(keyNode.value ?? '') : '';
    const value = (pair.value as YamlNode | null) ?? null;
    const merge = key === '<<' && isScalar(keyNode) && keyNode.type === 'PLAIN' && depth < 8;
    explicit.push({ key, keyNode, value, merge, own });
    if (!merge) continue;
    const target = deref(value, doc);
    const sources = isSeq(target) ? target.items.map((i) => deref(i as YamlNode, doc)) : [target];
    for (const source of sources) if (isMap(source)) merged.push(...mappingEntries(source, doc, false, depth + 1).filter((e) => !e.merge));
  }
  if (merged.length === 0) return explicit;
  const seen = new Set(explicit.map((e) => e.key));
  return [...explicit, ...merged.filter((e) => !seen.has(e.key) && (seen.add(e.key), true))];
}

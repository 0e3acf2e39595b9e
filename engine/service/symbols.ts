/**
 * Document outline. List items are named by what identifies them in Butane (a file's `path`,
 * a unit's `name`, a filesystem's `device`) instead of `[3]`, because that is what people
 * look for. The outline is capped so huge generated configs stay cheap.
 */
import { isAlias, isMap, isScalar, isSeq, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { TextRange } from '../diagnostics';
import { resolvePlain } from '../yaml/goScalar';
import type { YamlNode } from '../yaml/parse';
import type { ServiceDocument } from './specContext';
import type { OutlineKind, OutlineSymbol } from './types';

export const MAX_SYMBOLS = 5000;

/** The keys that name an item of each Butane list, in order of preference. */
const IDENTITY: Record<string, string[]> = {
  files: ['path'],
  directories: ['path'],
  links: ['path'],
  trees: ['path', 'local'],
  units: ['name'],
  dropins: ['name'],
  quadlets: ['name'],
  users: ['name'],
  groups: ['name'],
  luks: ['name'],
  raid: ['name'],
  disks: ['device'],
  filesystems: ['device'],
  partitions: ['label', 'number'],
  tang: ['url'],
  http_headers: ['name'],
};
const FALLBACK_IDENTITY = ['name', 'path', 'device', 'label', 'local', 'source', 'url'];

const ITEM_KIND: Record<string, OutlineKind> = {
  files: 'file',
  directories: 'file',
  links: 'file',
  trees: 'file',
  units: 'unit',
  dropins: 'unit',
  quadlets: 'unit',
  users: 'account',
  groups: 'account',
  disks: 'storage',
  filesystems: 'storage',
  luks: 'storage',
  raid: 'storage',
  partitions: 'storage',
};

interface Budget {
  left: number;
}

function rangeOf(node: YamlNode): TextRange {
  const r = node.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

/** A single short line for names and details (symbols must not be empty or multi-line). */
function short(text: string): string {
  const line = text.split(/\r?\n/, 1)[0];
  const cut = line.length > 60 ? `${line.slice(0, 57)}…` : line;
  return cut === '' ? '""' : cut;
}

function scalarKind(scalar: Scalar): OutlineKind {
  if (scalar.type !== 'PLAIN') return 'string';
  switch (resolvePlain(String(scalar.value ?? '')).tag) {
    case '!!null':
      return 'null';
    case '!!bool':
      return 'boolean';
    case '!!int':
    case '!!float':
      return 'number';
    default:
      return 'string';
  }
}

function valueSymbol(name: string, value: YamlNode | null, listKey: string | undefined, range: TextRange, selection: TextRange, budget: Budget): OutlineSymbol {
  if (isMap(value)) return { name, kind: 'section', range, selectionRange: selection, children: mapSymbols(value, budget) };
  if (isSeq(value)) {
    const detail = `${value.items.length} item${value.items.length === 1 ? '' : 's'}`;
    return { name, detail, kind: 'list', range, selectionRange: selection, children: seqSymbols(value, listKey, budget) };
  }
  if (isScalar(value)) return { name, detail: short(String(value.value ?? '')), kind: scalarKind(value), range, selectionRange: selection, children: [] };
  if (isAlias(value)) return { name, detail: `*${value.source}`, kind: 'null', range, selectionRange: selection, children: [] };
  return { name, kind: 'null', range, selectionRange: selection, children: [] };
}

function mapSymbols(map: YAMLMap, budget: Budget): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const pair of map.items) {
    if (budget.left-- <= 0) break;
    const key = pair.key as YamlNode | null;
    const value = (pair.value as YamlNode | null) ?? null;
    const name = isScalar(key) ? short(String(key.value ?? '')) : '?';
    const keyRange = key ? rangeOf(key) : value ? rangeOf(value) : { start: 0, end: 0 };
    const end = value?.range ? Math.max(keyRange.end, value.range[1]) : keyRange.end;
    out.push(valueSymbol(name, value, name, { start: keyRange.start, end }, keyRange, budget));
  }
  return out;
}

function identityOf(item: YAMLMap, listKey: string | undefined): { text: string; range: TextRange } | undefined {
  const keys = (listKey && IDENTITY[listKey]) || FALLBACK_IDENTITY;
  for (const wanted of keys) {
    for (const pair of item.items) {
      if (!isScalar(pair.key) || String(pair.key.value) !== wanted || !isScalar(pair.value)) continue;
      const text = String(pair.value.value ?? '');
      if (text !== '') return { text: short(text), range: rangeOf(pair.value as YamlNode) };
    }
  }
  return undefined;
}

function seqSymbols(seq: YAMLSeq, listKey: string | undefined, budget: Budget): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  seq.items.forEach((raw, index) => {
    if (budget.left-- <= 0) return;
    const item = raw as YamlNode | null;
    if (!item) return;
    const range = rangeOf(item);
    if (isMap(item)) {
      const identity = identityOf(item, listKey);
      const kind = (listKey && ITEM_KIND[listKey]) || 'entry';
      const name = identity?.text ?? `[${index}]`;
      out.push({ name, detail: identity ? `[${index}]` : undefined, kind, range, selectionRange: identity?.range ?? range, children: mapSymbols(item, budget) });
    } else {
      const name = isScalar(item) ? short(String(item.value ?? '')) : `[${index}]`;
      out.push(valueSymbol(name, item, undefined, range, range, budget));
    }
  });
  return out;
}

export function documentSymbols(doc: ServiceDocument): OutlineSymbol[] {
  const root = doc.analysis.parsed.root;
  const budget: Budget = { left: MAX_SYMBOLS };
  if (isMap(root)) return mapSymbols(root, budget);
  if (isSeq(root)) return seqSymbols(root, undefined, budget);
  return [];
}

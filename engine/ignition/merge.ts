/**
 * Ignition's config merge (parent + child → result), which Butane uses to combine the
 * entries it generates (mount units, boot-device layout, GRUB users) with the user's own:
 * the user's config is the child, so its fields win and its list entries with the same
 * key merge into the generated ones.
 */
import { elementType, isList, isPointer, isScalar, Layout } from './layout';
import { IgnitionObject, IgnitionValue, isEmpty } from './marshal';

/** Lists whose entries are appended, never matched by key (Ignition's IgnoreDuplicates). */
const APPEND_ONLY: Record<string, readonly string[]> = {
  File: ['append'],
  Filesystem: ['options', 'mountOptions'],
  Luks: ['options'],
  Raid: ['options'],
};

/** Lists that share one key space (Ignition's MergedKeys). */
const SHARED_KEYS: Record<string, Record<string, string>> = {
  Storage: { directories: 'node', files: 'node', links: 'node' },
  KernelArguments: { shouldExist: 'karg', shouldNotExist: 'karg' },
};

function keyOf(item: IgnitionValue, type: string): string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return String(item ?? '');
  const o = item as IgnitionObject;
  const s = (v: IgnitionValue): string => (v === undefined ? '' : String(v));
  switch (type) {
    case 'Disk':
    case 'Filesystem':
      return s(o.device);
    case 'File':
    case 'Directory':
    case 'Link':
      return s(o.path);
    case 'Partition':
      if (typeof o.number === 'number' && o.number !== 0) return `number:${o.number}`;
      return o.label !== undefined ? `label:${s(o.label)}` : '';
    case 'Resource':
      return s(o.source);
    case 'Tang':
      return s(o.url);
    default:
      return s(o.name);
  }
}

interface ChildEntry {
  list: string;
  value: IgnitionValue;
}

export function mergeIgnition(parent: IgnitionObject, child: IgnitionObject, layout: Layout): IgnitionObject {
  return mergeStruct(parent, child, 'Config', layout);
}

function mergeStruct(parent: IgnitionObject, child: IgnitionObject, type: string, layout: Layout): IgnitionObject {
  const result: IgnitionObject = {};
  const shared = SHARED_KEYS[type] ?? {};
  const appendOnly = APPEND_ONLY[type] ?? [];
  const fields = layout.structs[type] ?? [];
  // Child entries by (handle, key), across lists that share a key space.
  const childEntries = new Map<string, ChildEntry>();
  for (const f of fields) {
    if (!isList(f.type) || appendOnly.includes(f.json)) continue;
    const handle = shared[f.json] ?? f.json;
    const items = child[f.json];
    if (!Array.isArray(items)) continue;
    for (const item of items) childEntries.set(`${handle}\0${keyOf(item, elementType(f.type))}`, { list: f.json, value: item });
  }
  for (const f of fields) {
    const p = parent[f.json];
    const c = child[f.json];
    let merged: IgnitionValue;
    if (isList(f.type)) {
      merged = appendOnly.includes(f.json) ? [...asList(p), ...asList(c)] : mergeList(asList(p), asList(c), f.json, shared[f.json] ?? f.json, elementType(f.type), childEntries, layout);
      if (merged.length === 0) merged = undefined;
    } else if (isScalar(f.type)) {
      merged = isPointer(f.type) ? (c !== undefined ? c : p) : c;
    } else if (isEmpty(c, f.type, layout)) {
      merged = p;
    } else if (isEmpty(p, f.type, layout)) {
      merged = c;
    } else {
      merged = mergeStruct(p as IgnitionObject, c as IgnitionObject, elementType(f.type), layout);
    }
    if (merged !== undefined) result[f.json] = merged;
  }
  return result;
}

function asList(v: IgnitionValue): IgnitionValue[] {
  return Array.isArray(v) ? v : [];
}

function mergeList(
  parent: IgnitionValue[],
  child: IgnitionValue[],
  list: string,
  handle: string,
  itemType: string,
  childEntries: Map<string, ChildEntry>,
  layout: Layout,
): IgnitionValue[] {
  const result: IgnitionValue[] = [];
  const parentKeys = new Set<string>();
  const structItems = !isScalar(itemType);
  for (const item of parent) {
    const key = keyOf(item, itemType);
    parentKeys.add(key);
    const match = childEntries.get(`${handle}\0${key}`);
    if (!match) {
      result.push(item);
    } else if (match.list === list) {
      // A header the child lists without a value removes the parent's header.
      if (itemType === 'HTTPHeader' && (match.value as IgnitionObject).value === undefined) continue;
      result.push(structItems ? mergeStruct(item as IgnitionObject, match.value as IgnitionObject, itemType, layout) : match.value);
    }
    // A child entry of another kind at the same key replaces the parent's entry.
  }
  for (const item of child) {
    if (!parentKeys.has(keyOf(item, itemType))) result.push(item);
  }
  return result;
}

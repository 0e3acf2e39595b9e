/** Finds the key or scalar under an offset in the parsed YAML tree, with its path. */
import { isMap, isScalar, isSeq } from 'yaml';
import type { TextRange } from '../diagnostics';
import type { YamlNode } from '../yaml/parse';
import type { PathPart } from './blockWalker';

export interface NodeAtOffset {
  path: PathPart[];
  /** `key`: the cursor is on a mapping key; `value`: on a scalar value (or list item). */
  role: 'key' | 'value';
  range: TextRange;
  /** The scalar's source text when role is `value`. */
  text?: string;
}

function contains(node: YamlNode | null | undefined, offset: number): node is YamlNode {
  const r = node?.range;
  // The end is inclusive: a cursor right after a word still hovers it.
  return !!r && offset >= r[0] && offset <= r[1];
}

export function nodeAt(root: YamlNode | null, offset: number): NodeAtOffset | undefined {
  const path: PathPart[] = [];
  let node: YamlNode | null = root;
  // Iterative descent: nesting is bounded by the parser, but a loop costs nothing.
  while (node) {
    if (isMap(node)) {
      let next: YamlNode | null = null;
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        const name = isScalar(key) ? String(key.value) : '';
        if (contains(key, offset)) return { path: [...path, name], role: 'key', range: { start: key.range![0], end: key.range![1] } };
        const value = pair.value as YamlNode | null;
        if (contains(value, offset)) {
          path.push(name);
          next = value;
          break;
        }
      }
      node = next;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item as YamlNode, offset));
      if (index < 0) return undefined;
      path.push(index);
      node = node.items[index] as YamlNode;
    } else if (isScalar(node)) {
      return { path, role: 'value', range: { start: node.range![0], end: node.range![1] }, text: String(node.value ?? '') };
    } else {
      return undefined;
    }
  }
  return undefined;
}

import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, Scalar } from 'yaml';
import type { ParsedYaml, YamlNode } from './parse';

/** One edit in the coordinates of the text before it, as LSP incremental sync sends them. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

const EDITABLE_TYPES = new Set(['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE']);

interface Found {
  scalar: Scalar;
  inFlow: boolean;
}

/** The innermost single-line value scalar (never a key) that contains the change. */
function findValueScalar(node: unknown, change: TextChange, inFlow: boolean): Found | undefined {
  if (isScalar(node)) {
    const r = node.range;
    return r && r[0] <= change.start && change.end <= r[1] ? { scalar: node, inFlow } : undefined;
  }
  if (!isCollection(node)) return undefined;
  const r = node.range;
  if (r && (change.start < r[0] || change.end > r[2])) return undefined;
  const flow = inFlow || Boolean(node.flow);
  for (const item of node.items) {
    if (isPair(item)) {
      const key = item.key as YamlNode | null;
      if (key?.range && change.start <= key.range[2] && change.end >= key.range[0]) return undefined;
      const found = findValueScalar(item.value, change, flow);
      if (found) return found;
    } else {
      const found = findValueScalar(item, change, flow);
      if (found) return found;
    }
  }
  return undefined;
}

function shiftRanges(node: unknown, from: number, delta: number, skip: Scalar): void {
  if (node === skip) return;
  if (isScalar(node) || isMap(node) || isSeq(node) || isAlias(node)) {
    const r = node.range;
    if (r) for (let i = 0; i < 3; i++) if (r[i] >= from) r[i] += delta;
  }
  if (isCollection(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        shiftRanges(item.key, from, delta, skip);
        shiftRanges(item.value, from, delta, skip);
      } else shiftRanges(item, from, delta, skip);
    }
  }
}

/**
 * Applies an edit that stays inside one single-line value scalar by patching the
 * previous parse instead of parsing the document again: the common case while typing,
 * and the one that matters on long files. Returns undefined whenever the edit could
 * change the document's structure; the caller then parses from scratch.
 */
export function applyScalarEdit(previous: ParsedYaml, oldText: string, change: TextChange, newText: string): ParsedYaml | undefined {
  if (!previous.document || previous.diagnostics.length > 0) return undefined;
  if (/[\r\n\u0000]/.test(change.text) || /[\r\n]/.test(oldText.slice(change.start, change.end))) return undefined;
  const found = findValueScalar(previous.root, change, false);
  if (!found) return undefined;
  const { scalar, inFlow } = found;
  const [start, valueEnd, nodeEnd] = scalar.range!;
  const oldSource = oldText.slice(start, valueEnd);
  if (!EDITABLE_TYPES.has(scalar.type ?? '') || scalar.anchor || scalar.tag || oldSource === '' || /[\r\n]/.test(oldSource)) {
    return undefined;
  }
  const delta = change.text.length - (change.end - change.start);
  const source = newText.slice(start, valueEnd + delta);
  if (source === '' || (inFlow && /[,[\]{}]/.test(source))) return undefined;
  // The new value must still be one complete scalar on its own.
  const alone = parseDocument(source, { schema: 'failsafe', keepSourceTokens: false });
  const replacement = alone.contents;
  if (alone.errors.length > 0 || !isScalar(replacement) || replacement.anchor || replacement.tag) return undefined;
  if (!EDITABLE_TYPES.has(replacement.type ?? '') || replacement.range?.[0] !== 0 || replacement.range?.[1] !== source.length) {
    return undefined;
  }
  shiftRanges(previous.root, change.end, delta, scalar);
  const docRange = previous.document.range;
  for (let i = 0; i < 3; i++) if (docRange[i] >= change.end) docRange[i] += delta;
  scalar.value = replacement.value;
  scalar.type = replacement.type;
  scalar.range = [start, start + source.length, nodeEnd + delta];
  return previous;
}

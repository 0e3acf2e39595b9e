/**
 * Folding ranges: mappings, lists and block scalars (unit files in `contents: |`) that span
 * several lines, plus runs of comment lines. Computed from the parse tree so folds follow
 * YAML structure rather than raw indentation; capped for huge documents.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import type { YamlNode } from '../yaml/parse';
import type { ServiceDocument } from './specContext';
import type { FoldingSpan } from './types';

export const MAX_FOLDING_RANGES = 5000;

function isBlockScalar(node: YamlNode): boolean {
  return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
}

/** Offset of the last non-blank character before `end`: node ranges include trailing newlines. */
function lastContent(text: string, start: number, end: number): number {
  let i = Math.min(end, text.length) - 1;
  while (i > start && /\s/.test(text[i])) i--;
  return i;
}

export function foldingRanges(doc: ServiceDocument): FoldingSpan[] {
  const { text } = doc;
  const spans: FoldingSpan[] = [];
  const add = (start: number, node: YamlNode): void => {
    if (!node.range) return;
    spans.push({ start, end: lastContent(text, start, node.range[1]) });
  };
  const visit = (node: YamlNode | null): void => {
    if (!node || spans.length >= MAX_FOLDING_RANGES) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        const value = pair.value as YamlNode | null;
        if (!value) continue;
        if (key?.range && (isMap(value) || isSeq(value) || isBlockScalar(value))) add(key.range[0], value);
        visit(value);
      }
    } else if (isSeq(node)) {
      for (const raw of node.items) {
        const item = raw as YamlNode | null;
        if (!item) continue;
        if (item.range && (isMap(item) || isSeq(item) || isBlockScalar(item))) add(item.range[0], item);
        visit(item);
      }
    }
  };
  visit(doc.analysis.parsed.root);
  spans.push(...commentRuns(text));

  // One fold per start line (the outermost), as editors show one toggle per line.
  const lines = new LineIndex(text);
  const byLine = new Map<number, FoldingSpan>();
  for (const span of spans) {
    const startLine = lines.lineAt(span.start);
    const endLine = lines.lineAt(span.end);
    if (endLine <= startLine) continue;
    const existing = byLine.get(startLine);
    if (!existing || lines.lineAt(existing.end) < endLine) byLine.set(startLine, span);
  }
  return [...byLine.values()].sort((a, b) => a.start - b.start).slice(0, MAX_FOLDING_RANGES);
}

/** Two or more consecutive full-line comments fold together. */
function commentRuns(text: string): FoldingSpan[] {
  const out: FoldingSpan[] = [];
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) {
      if (count === 0) runStart = offset + line.indexOf('#');
      runEnd = offset + line.trimEnd().length - 1;
      count++;
    } else {
      if (count >= 2) out.push({ start: runStart, end: runEnd, kind: 'comment' });
      count = 0;
    }
    offset += line.length + 1;
    if (out.length >= MAX_FOLDING_RANGES) break;
  }
  if (count >= 2) out.push({ start: runStart, end: runEnd, kind: 'comment' });
  return out;
}

/**
 * Inline suppression comments:
 *   # kindling-disable-next-line k3os/clear-text-password   the next line
 *   # kindling-disable-file k3os/ssh-key-needs-network       the whole file
 * Several ids may follow, separated by spaces or commas; none means every Kindling rule.
 * Only real YAML comments count — the same text inside a block scalar is content. So that
 * findings inside a unit file or script can be silenced too, a next-line directive above a
 * block scalar's key (`contents: |`) covers the whole scalar.
 */
import { Parser } from 'yaml';
import { LineIndex } from '../text/lineIndex';

export interface Suppressions {
  /** Rule ids (or '*') per 0-based line. */
  lines: Map<number, Set<string>>;
  file: Set<string>;
}

const DIRECTIVE = /^#\s*kindling-disable-(next-line|file)\b([^\n]*)$/;

/** Comment tokens of the concrete syntax tree, with their offsets. */
function comments(text: string): { offset: number; source: string }[] {
  const found: { offset: number; source: string }[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (!value || typeof value !== 'object' || depth > 300) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const token = value as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
      found.push({ offset: token.offset, source: token.source });
      return;
    }
    for (const child of Object.values(value)) visit(child, depth + 1);
  };
  for (const token of new Parser().parse(text)) visit(token, 0);
  return found;
}

export function findSuppressions(text: string): Suppressions {
  const result: Suppressions = { lines: new Map(), file: new Set() };
  if (!text.includes('kindling-disable')) return result;
  const lines = new LineIndex(text);
  let textLines: string[] | undefined;
  for (const comment of comments(text)) {
    const match = DIRECTIVE.exec(comment.source.trimEnd());
    if (!match) continue;
    const ids = match[2].split(/[\s,]+/).filter((id) => id !== '');
    const set = new Set(ids.length ? ids : ['*']);
    if (match[1] === 'file') {
      for (const id of set) result.file.add(id);
      continue;
    }
    const line = lines.position(comment.offset).line + 1;
    for (const covered of coveredLines((textLines ??= text.split('\n')), line)) {
      const existing = result.lines.get(covered) ?? new Set<string>();
      for (const id of set) existing.add(id);
      result.lines.set(covered, existing);
    }
  }
  return result;
}

const BLOCK_SCALAR_HEADER = /^(\s*)(-\s+)?([^#\s][^#]*:\s+)?[|>][-+0-9]*\s*(?:#.*)?$/;

/** The line after a directive, and when it opens a block scalar, every line of that scalar. */
function coveredLines(textLines: readonly string[], line: number): number[] {
  const covered = [line];
  const header = textLines[line]?.replace(/\r$/, '');
  const match = header === undefined ? null : BLOCK_SCALAR_HEADER.exec(header);
  if (!match) return covered;
  // The scalar's lines are indented deeper than its key (or than the dash of a `- |` item).
  const indent = match[1].length + (match[3] ? (match[2] ?? '').length : 0);
  for (let n = line + 1; n < textLines.length; n++) {
    const content = textLines[n].replace(/\r$/, '');
    if (content.trim() !== '' && content.length - content.trimStart().length <= indent) break;
    covered.push(n);
  }
  return covered;
}

export function isSuppressed(suppressions: Suppressions, code: string, line: number): boolean {
  const matches = (set: Set<string> | undefined): boolean => !!set && (set.has('*') || set.has(code));
  return matches(suppressions.file) || matches(suppressions.lines.get(line));
}

/**
 * Reading and rewriting single YAML scalars for quick fixes: where a string value of the
 * decoded config sits in the text, how it was written, and how to write a new value in
 * the same style without changing what k3OS reads.
 */
import type { TextRange } from '../../diagnostics';
import type { Path } from '../../schema/sourceMap';
import { at, str } from '../../values';
import { renderScalar, scalarStyle } from '../../yaml/scalarStyle';
import type { RuleContext } from './rule';

/** A string of the decoded config and the text it came from. */
export interface LocatedString {
  value: string;
  range: TextRange;
  path: Path;
}

/** The string at `path` with the range of its value, when the config has one there. */
export function locatedString(ctx: RuleContext, path: Path): LocatedString | undefined {
  const value = str(at(ctx.config, path));
  const located = ctx.map.get(path);
  return value === undefined || !located ? undefined : { value, range: located.value, path };
}

/**
 * The items of a list of strings. A single string where the list belongs (which k3OS reads
 * as a one-item list) comes back as one item whose range is that string's.
 */
export function stringItems(ctx: RuleContext, path: Path): LocatedString[] {
  const values = at(ctx.config, path);
  if (!Array.isArray(values)) return [];
  const own = ctx.map.get(path);
  return values.flatMap((value, index): LocatedString[] => {
    if (typeof value !== 'string') return [];
    const item = ctx.map.get([...path, index]);
    const range = item?.value ?? (values.length === 1 ? own?.value : undefined);
    return range ? [{ value, range, path: item ? [...path, index] : path }] : [];
  });
}

/** Whether the strings at `path` were written as one scalar instead of a list. */
export function writtenAsScalar(ctx: RuleContext, path: Path): boolean {
  return Array.isArray(at(ctx.config, path)) && ctx.map.get([...path, 0]) === undefined;
}

/** A fix replacing a scalar's text with a new value written the same way; none for aliases and block scalars. */
export function rewriteScalar(ctx: RuleContext, item: LocatedString, newValue: string, title: string): { title: string; edits: { range: TextRange; newText: string }[] } | undefined {
  const style = scalarStyle(ctx.text, item.range);
  if (!style) return undefined;
  const flow = sequenceContext(ctx.text, item.range)?.kind === 'flow';
  return { title, edits: [{ range: item.range, newText: renderScalar(newValue, style, flow) }] };
}

/** How a list item is written: a block item (`- x`, its dash at `column`) or a flow item (`[x, y]`). */
export type SequenceContext = { kind: 'block'; column: number; gap: string; eol: string } | { kind: 'flow' };

/** The kind of sequence the scalar at `range` is an item of, when it is plainly one. */
export function sequenceContext(text: string, range: TextRange): SequenceContext | undefined {
  const lineStart = text.lastIndexOf('\n', range.start - 1) + 1;
  const prefix = text.slice(lineStart, range.start);
  const block = /(^|[ \t])-([ \t]+)$/.exec(prefix);
  if (block) {
    const column = block.index + block[1].length;
    return { kind: 'block', column, gap: block[2], eol: text.includes('\r\n') ? '\r\n' : '\n' };
  }
  let i = range.start - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === '[' || text[i] === ',' ? { kind: 'flow' } : undefined;
}

/** Whether the scalar at `range` is a mapping value (`key: value`), where a flow list may replace it. */
export function isMappingValue(text: string, range: TextRange): boolean {
  let i = range.start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === ':';
}

/**
 * Text that replaces one list item (or a single string standing for a list) with several
 * items, written like the original; undefined when the layout is not one we can safely edit.
 */
export function itemsText(ctx: RuleContext, item: LocatedString, values: string[], asScalar: boolean): string | undefined {
  const style = scalarStyle(ctx.text, item.range);
  if (!style || values.length === 0) return undefined;
  if (asScalar) {
    if (!isMappingValue(ctx.text, item.range)) return undefined;
    return `[${values.map((v) => renderScalar(v, style, true)).join(', ')}]`;
  }
  const where = sequenceContext(ctx.text, item.range);
  if (!where) return undefined;
  if (where.kind === 'flow') return values.map((v) => renderScalar(v, style, true)).join(', ');
  return values.map((v) => renderScalar(v, style, false)).join(`${where.eol}${' '.repeat(where.column)}-${where.gap}`);
}

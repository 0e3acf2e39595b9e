/**
 * Follows block-style YAML line by line and keeps a stack of the mappings and lists the
 * current line sits in. Unlike a parser it never gives up: completion needs a path for
 * text that is half typed (`  - pa`), mis-indented or followed by a broken line, and the
 * line's indentation is the one signal that is always there.
 */

import { MAX_NESTING } from '../yaml/parse';

export type PathPart = string | number;

export interface Frame {
  kind: 'map' | 'seq';
  /** Column of the keys (map) or of the dashes (seq). */
  column: number;
  /** Path of this collection from the document root. */
  path: PathPart[];
  /** map: the latest key; seq: unused. */
  key: string;
  /** seq: index of the latest item; map: unused. */
  index: number;
  /** map: every key seen so far in this mapping. */
  keys: Set<string>;
}

/** `- ` that opens a list item, with the spaces after it. */
const DASH = /^-(?: +|$)/;
/** Characters that cannot start a plain (unquoted) key. */
const NOT_PLAIN_START = /[\s'"[\]{}#&*!|>%@,`]/;

export interface KeyMatch {
  key: string;
  /** Length of the text up to and including the colon. */
  length: number;
}

const isBlank = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t';

/**
 * A mapping key at the start of `content`: quoted, or plain up to the first `:` followed by a
 * blank. Scanned by hand rather than with a regex: lines are user text and may be a megabyte
 * of spaces, where a backtracking pattern would go quadratic.
 */
export function matchKey(content: string): KeyMatch | undefined {
  const first = content[0];
  if (first === undefined) return undefined;
  let end: number;
  let key: string;
  if (first === '"' || first === "'") {
    let i = 1;
    while (i < content.length) {
      if (first === '"' && content[i] === '\\') i += 2;
      else if (content[i] === first && !(first === "'" && content[i + 1] === "'")) break;
      else i += first === "'" && content[i] === "'" ? 2 : 1;
    }
    if (i >= content.length) return undefined;
    const raw = content.slice(1, i);
    key = first === '"' ? raw.replace(/\\"/g, '"') : raw.replace(/''/g, "'");
    end = i + 1;
    while (content[end] === ' ' || content[end] === '\t') end++;
    if (content[end] !== ':') return undefined;
  } else {
    if (NOT_PLAIN_START.test(first)) return undefined;
    end = -1;
    for (let i = 1; i < content.length; i++) {
      const c = content[i];
      if (c === '#' && isBlank(content[i - 1])) return undefined;
      if (c === ':' && isBlank(content[i + 1])) {
        end = i;
        break;
      }
    }
    if (end < 0) return undefined;
    key = content.slice(0, end).trimEnd();
  }
  if (!isBlank(content[end + 1])) return undefined;
  return { key, length: end + 1 };
}

/** A value that still leaves the node empty on this line: nothing, a comment, anchors or tags. */
function isPendingValue(value: string): boolean {
  for (const token of value.split(/[ \t]+/)) {
    if (token === '') continue;
    if (token.startsWith('#')) return true;
    if (!token.startsWith('&') && !token.startsWith('!')) return false;
  }
  return true;
}

export function leadingSpaces(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
}

export class BlockWalker {
  private readonly stack: Frame[] = [];
  /** Lines indented deeper than this belong to a scalar already started (block or multi-line). */
  private scalarOwnerColumn: number | undefined;

  get frames(): readonly Frame[] {
    return this.stack;
  }

  top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  isOpen(frame: Frame): boolean {
    return this.stack.includes(frame);
  }

  /** Path of the node the next deeper line would belong to. */
  childPath(): PathPart[] {
    const top = this.top();
    if (!top) return [];
    return [...top.path, top.kind === 'map' ? top.key : top.index];
  }

  /** True when a line with this indentation continues a scalar started above. */
  insideScalar(indent: number): boolean {
    return this.scalarOwnerColumn !== undefined && indent > this.scalarOwnerColumn;
  }

  feed(rawLine: string): void {
    const line = rawLine.replace(/\r$/, '');
    const indent = leadingSpaces(line);
    const content = line.slice(indent);
    if (content === '' || (this.scalarOwnerColumn !== undefined && indent > this.scalarOwnerColumn)) return;
    this.scalarOwnerColumn = undefined;
    if (content.startsWith('#')) return;
    if (indent === 0 && /^(---|\.\.\.)(\s|$)/.test(content)) {
      // A new document: Butane reads only the first, but keep following the text.
      this.stack.length = 0;
      return;
    }
    if (indent === 0 && content.startsWith('%')) return;
    this.popDeeperThan(indent);
    this.feedContent(indent, content);
  }

  /** Feeds a line made of `indent`, `dashes` and `key:`, with the key taken verbatim (no parsing). */
  feedKey(indent: number, dashes: string, key: string): void {
    this.scalarOwnerColumn = undefined;
    this.popDeeperThan(indent);
    this.feedContent(indent, dashes, key);
  }

  private popDeeperThan(column: number): void {
    while (this.stack.length && this.top()!.column > column) this.stack.pop();
  }

  private feedContent(column: number, content: string, givenKey?: string): void {
    // Each `- ` opens one more level. Loop rather than recurse, and stop following the
    // structure past the parser's own nesting limit (the parse is rejected there anyway).
    for (;;) {
      const top = this.top();
      // A list written at its key's indentation ends at the first line that is not an item.
      if (top && top.kind === 'seq' && top.column === column && !DASH.test(content)) this.stack.pop();
      const dash = DASH.exec(content);
      if (!dash) break;
      const current = this.top();
      if (current && current.kind === 'seq' && current.column === column) current.index++;
      else if (!this.push('seq', column, '')) return;
      const rest = content.slice(dash[0].length);
      if ((rest === '' && givenKey === undefined) || rest.startsWith('#')) return;
      column += dash[0].length;
      content = rest;
    }

    const key = givenKey !== undefined && content === '' ? { key: givenKey, length: 0 } : matchKey(content);
    if (!key) {
      // A scalar list item: whatever is indented under it continues it. Any other line that is
      // not a key (half typed, tab-indented) is ignored so it cannot hide the lines below it.
      const owner = this.top();
      if (owner?.kind === 'seq') this.scalarOwnerColumn = owner.column;
      return;
    }
    const current = this.top();
    if (current && current.kind === 'map' && current.column === column) {
      current.key = key.key;
      current.keys.add(key.key);
    } else if (!this.push('map', column, key.key)) {
      return;
    }
    const value = content.slice(key.length).trim();
    if (!isPendingValue(value)) this.scalarOwnerColumn = column;
  }

  private push(kind: Frame['kind'], column: number, key: string): boolean {
    if (this.stack.length >= MAX_NESTING) return false;
    this.stack.push({ kind, column, path: this.childPath(), key, index: 0, keys: new Set(key === '' ? [] : [key]) });
    return true;
  }
}

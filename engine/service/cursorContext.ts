/**
 * Where the cursor is, in YAML terms: typing a key of the mapping at some path, or typing
 * the value after `key: `. Works from the text alone (see BlockWalker) because completion
 * is asked for while a line is half written and the document does not parse.
 */
import type { TextRange } from '../diagnostics';
import { BlockWalker, leadingSpaces, matchKey, PathPart } from './blockWalker';

interface Common {
  /** Indentation of the cursor's line: snippet continuation lines are written relative to it. */
  lineIndent: number;
  /** Text replaced by the chosen item. */
  range: TextRange;
}

export interface KeyContext extends Common {
  kind: 'key';
  /** Path of the node whose keys are typed (a mapping, or a list when no `- ` was typed yet). */
  path: PathPart[];
  /** Keys already written in that mapping, above or below the cursor. */
  present: Set<string>;
  /** Column where the key starts. */
  column: number;
  /** The cursor line starts a list item (`- `) right before the key. */
  afterDash: boolean;
  /** The key being replaced already has its colon (`pa|th: x`): insert the name only. */
  keyHasColon: boolean;
  /** Nothing but comments besides the cursor line: whole-config snippets fit here. */
  nearEmptyDocument: boolean;
}

export interface ValueContext extends Common {
  kind: 'value';
  /** Path of the key whose value is typed. */
  path: PathPart[];
  /** The cursor is right after the colon: insert a space first. */
  needsLeadingSpace: boolean;
  /** The value being typed starts with this quote. */
  quote: string;
}

export type CursorContext = KeyContext | ValueContext | { kind: 'none' };

const PLACEHOLDER = '\u0000cursor';
const KEY_PARTIAL = /^[A-Za-z0-9_.-]*$/;

function hasContent(line: string): boolean {
  const t = line.trim();
  return t !== '' && !t.startsWith('#') && t !== '---';
}

export function cursorContext(text: string, offset: number): CursorContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const prefix = text.slice(lineStart, offset);
  const suffix = text.slice(offset, lineEnd).replace(/\r$/, '');
  const before = lineStart > 0 ? text.slice(0, lineStart - 1).split('\n') : [];

  const walker = new BlockWalker();
  for (const line of before) walker.feed(line);

  const indent = leadingSpaces(prefix);
  if (walker.insideScalar(indent)) return { kind: 'none' };
  const afterIndent = prefix.slice(indent);
  if (afterIndent.startsWith('#') || /\s#/.test(afterIndent)) return { kind: 'none' };
  const dashes = /^(?:- +)*/.exec(afterIndent)![0];
  const rest = afterIndent.slice(dashes.length);
  const column = indent + dashes.length;

  const key = matchKey(rest);
  if (key) {
    walker.feedKey(indent, dashes, key.key);
    const afterColon = rest.slice(key.length);
    const typed = afterColon.replace(/^[ \t]+/, '');
    const start = offset - typed.length;
    const quote = /^["']/.test(typed) ? typed[0] : '';
    const comment = /[ \t]#/.exec(suffix);
    const tail = (comment ? suffix.slice(0, comment.index) : suffix).trimEnd();
    return {
      kind: 'value',
      path: walker.childPath(),
      needsLeadingSpace: afterColon === '',
      quote,
      lineIndent: indent,
      range: { start, end: offset + tail.length },
    };
  }
  if (!KEY_PARTIAL.test(rest)) return { kind: 'none' };

  walker.feedKey(indent, dashes, PLACEHOLDER);
  const frame = walker.top();
  // Past the nesting limit the walker stops following the structure.
  if (!frame || frame.kind !== 'map' || frame.key !== PLACEHOLDER) return { kind: 'none' };
  const afterLines = text.slice(lineEnd + 1).split('\n');
  if (lineEnd < text.length) {
    for (const line of afterLines) {
      walker.feed(line);
      if (!walker.isOpen(frame)) break;
    }
  }
  const present = new Set([...frame.keys].filter((k) => k !== PLACEHOLDER));
  const word = /^[A-Za-z0-9_.-]*/.exec(suffix)![0];
  const keyHasColon = /^[ \t]*:(\s|$)/.test(suffix.slice(word.length));
  const nearEmptyDocument = frame.path.length === 0 && !before.some(hasContent) && !(lineEnd < text.length && afterLines.some(hasContent));
  return {
    kind: 'key',
    path: frame.path,
    present,
    column,
    afterDash: dashes !== '',
    keyHasColon,
    nearEmptyDocument,
    lineIndent: indent,
    range: { start: lineStart + column, end: offset + word.length },
  };
}

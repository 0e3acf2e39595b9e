/** Results of the language-service features, in engine terms: UTF-16 offsets, markdown strings. */
import type { TextRange } from '../diagnostics';

export type CompletionKind = 'key' | 'value' | 'enum' | 'boolean' | 'variant' | 'version' | 'snippet';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** One line: type, default, the version that added the key. */
  detail?: string;
  documentation?: string;
  /** Snippet syntax (`$0`, `${1|a,b|}`) when `snippet` is set; continuation lines carry absolute indentation. */
  insertText: string;
  snippet: boolean;
  /** Text replaced by the item. */
  range: TextRange;
  sortText: string;
  filterText?: string;
  preselect?: boolean;
}

export interface CompletionResult {
  /** What the cursor is typing; `none` inside comments, scalars and unknown places. */
  position: 'key' | 'value' | 'none';
  items: CompletionEntry[];
  /** Indentation of the cursor's line, to re-base multi-line inserts for editors that indent them. */
  lineIndent: number;
}

export interface HoverResult {
  range: TextRange;
  markdown: string;
}

export type OutlineKind = 'section' | 'list' | 'file' | 'unit' | 'account' | 'storage' | 'entry' | 'string' | 'number' | 'boolean' | 'null';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  /** The whole entry, key to end of value. */
  range: TextRange;
  /** What to highlight: the key, or the value that names a list item. */
  selectionRange: TextRange;
  children: OutlineSymbol[];
}

export interface FoldingSpan {
  /** Offset on the first line, kept visible when folded. */
  start: number;
  /** Offset on the last line folded away. */
  end: number;
  kind?: 'comment';
}

/**
 * Seeded random edits for the incremental-sync test: what an editor sends as didChange —
 * typing inside values, pastes and deletions across lines, positions past a line's or the
 * document's end (which LSP clamps), CRLF, lone CR and astral-plane characters (LSP counts
 * UTF-16 code units, so a position may even split a surrogate pair) — and undo, so documents
 * keep returning to clean states where the server analyses an edit incrementally.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-protocol';
import type { Random } from './random';

export interface RangeChange {
  range: Range;
  text: string;
}

/** Where a change came from; undoing a random replacement is what brings a broken document back. */
export type EditKind = 'typing' | 'replacement' | 'undo' | 'probe';

/** The client's copy of a document, the reference the server's text must equal; keeps the inverse of each edit for undo. */
export class ModelDocument {
  readonly document: TextDocument;
  /** The version of the last didChange sent; the TextDocument's own version is not used. */
  version = 1;
  /** Random replacements not undone yet. */
  replacementsToUndo = 0;
  private readonly undoStack: { inverse: RangeChange; kind: EditKind }[] = [];

  constructor(uri: string, languageId: string, text: string) {
    this.document = TextDocument.create(uri, languageId, 1, text);
  }

  get text(): string {
    return this.document.getText();
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  /** Applies one change as the server's TextDocuments does (clamping included), remembering how to undo it. */
  apply(change: RangeChange, kind: EditKind): void {
    const start = this.document.offsetAt(change.range.start);
    const removed = this.text.slice(start, this.document.offsetAt(change.range.end));
    TextDocument.update(this.document, [change], this.document.version);
    if (kind === 'undo') return;
    // Where the insert's edge meets a CR/LF the inverse is not exact; it is still a valid edit.
    const inserted = { start: this.document.positionAt(start), end: this.document.positionAt(start + change.text.length) };
    this.undoStack.push({ inverse: { range: inserted, text: removed }, kind });
    if (kind === 'replacement') this.replacementsToUndo++;
  }

  /** The change that undoes the newest edit not undone yet (the caller applies it as an 'undo'). */
  popUndo(): RangeChange {
    const entry = this.undoStack.pop();
    if (!entry) throw new Error('nothing to undo');
    if (entry.kind === 'replacement') this.replacementsToUndo--;
    return entry.inverse;
  }

  /** The length of `line` without its line break. */
  lineLength(line: number): number {
    return this.document.getText({ start: { line, character: 0 }, end: { line, character: Number.MAX_SAFE_INTEGER } }).length;
  }
}

/** What random replacements insert: YAML and JSON punctuation, line breaks of every kind, and non-ASCII text. */
const PIECES = [
  '\n', '\n', '\r\n', '\r', ' ', '  ', '    ', '\t', ':', ': ', '- ', '#', '"', "'", '{', '}', '[', ']', ',', '|', '>-', '&a', '*a', '!!str ',
  '%', '@', '`', '?', '\\', '---', 'é', '✓', '中文', '😀', '𝔘', '\u200b', 'true', '0644', 'key: value', '"x": 1', 'variant: fcos', 'k3os:',
];
const WORD = 'abcdefghijklmnopqrstuvwxyz0123456789';
/**
 * Where typing keeps a document well-formed: a scalar value after `key: ` (not a block
 * scalar's header or a flow collection), inside its quotes if quoted, and before any
 * backslash (typing after one makes an escape) or flow punctuation.
 */
const VALUE = /:\s+(?![|>[{])["']?([^"'\\\r\n,\]}]*)/;

export class EditGenerator {
  constructor(private readonly random: Random) {}

  /** The next change for the model's current text, and where it came from. */
  next(model: ModelDocument): { change: RangeChange; kind: Exclude<EditKind, 'probe'> } {
    const roll = this.random.next();
    // While a random replacement (which probably broke the syntax) is in the text, mostly undo:
    // the document spends most of its time well-formed, where the server patches its parse.
    if (roll < (model.replacementsToUndo > 0 ? 0.7 : 0.1) && model.canUndo) return { change: model.popUndo(), kind: 'undo' };
    const typed = roll < 0.85 ? this.typing(model) : undefined;
    if (typed) return { change: typed, kind: 'typing' };
    return { change: this.replacement(model), kind: 'replacement' };
  }

  /** A keystroke or two inside a `key: value` line's value (the server's incremental path); undefined if no line has one. */
  private typing(model: ModelDocument): RangeChange | undefined {
    for (let tries = 0; tries < 8; tries++) {
      const line = this.random.int(model.document.lineCount);
      const value = VALUE.exec(model.document.getText({ start: { line, character: 0 }, end: { line, character: model.lineLength(line) } }));
      if (!value) continue;
      const from = value.index + value[0].length - value[1].length;
      const length = value[1].length;
      const at = { line, character: from + this.random.int(length + 1) };
      if (at.character < from + length && this.random.chance(0.4)) {
        return { range: { start: at, end: { line, character: Math.min(at.character + 1 + this.random.int(2), from + length) } }, text: '' };
      }
      let text = '';
      for (let n = 1 + this.random.int(3); n > 0; n--) text += this.random.pick(WORD);
      return { range: { start: at, end: at }, text };
    }
    return undefined;
  }

  /** A random range (empty, within a line, across lines, or past the end) replaced by random text. */
  private replacement(model: ModelDocument): RangeChange {
    const start = this.position(model);
    const span = this.random.next();
    let end: Position;
    if (span < 0.4) end = start;
    else if (span < 0.75) end = { line: start.line, character: start.character + 1 + this.random.int(12) };
    else if (span < 0.95) end = { line: start.line + 1 + this.random.int(3), character: this.random.int(30) };
    else end = { line: model.document.lineCount + this.random.int(3), character: this.random.int(5) };
    let text = '';
    if (end === start || this.random.chance(0.6)) for (let n = 1 + this.random.int(6); n > 0; n--) text += this.random.pick(PIECES);
    return { range: { start, end }, text };
  }

  /** Mostly a real position; sometimes past the line's end, or the document's very end. */
  private position(model: ModelDocument): Position {
    const last = model.document.lineCount - 1;
    if (this.random.chance(0.05)) return { line: last, character: model.lineLength(last) + this.random.int(3) };
    const line = this.random.int(last + 1);
    const length = model.lineLength(line);
    return { line, character: this.random.chance(0.85) ? this.random.int(length + 1) : length + 1 + this.random.int(20) };
  }
}

/**
 * Changes that turn the whole text into comments under a `# kindling: k3os` modeline: the
 * server then answers kindling/bootPayload with its text verbatim, whatever the dialect was.
 * Comparing that answer with the model's text proves equality: the changes only add `#`
 * at line starts, so equal results mean equal texts (a different line count shows too).
 */
export function commentedOut(model: ModelDocument): RangeChange[] {
  const changes: RangeChange[] = [];
  for (let line = 0; line < model.document.lineCount; line++) changes.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '#' });
  changes.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# kindling: k3os\n' });
  return changes;
}

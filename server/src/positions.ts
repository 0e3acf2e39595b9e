/**
 * The one place where engine offsets become LSP positions and back. Both count UTF-16 code
 * units (LSP's default position encoding, and what JavaScript strings index), so the
 * conversion is only about lines; it always uses the text the analysis was made from.
 */
import type { Position, Range } from 'vscode-languageserver';
import type { Diagnostic, LineIndex, TextRange } from '../../engine/index';
import type { TranspileProblem } from './protocol';

export function toPosition(lines: LineIndex, offset: number): Position {
  return lines.position(offset);
}

/** A finding as Kindling's own requests report it, at its start. */
export function toProblem(lines: LineIndex, d: Diagnostic): TranspileProblem {
  return { ...lines.position(d.range.start), severity: d.severity, message: d.message, code: d.code };
}

export function toLspRange(lines: LineIndex, range: TextRange): Range {
  return { start: lines.position(range.start), end: lines.position(Math.max(range.start, range.end)) };
}

/** 0-based line of an offset, for line-based results such as folding ranges. */
export function toLine(lines: LineIndex, offset: number): number {
  return lines.lineAt(offset);
}

export function toOffset(lines: LineIndex, position: Position): number {
  return lines.offsetAt(position.line, position.character);
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

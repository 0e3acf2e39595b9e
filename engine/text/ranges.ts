import type { TextRange } from '../diagnostics';

/** The first line of a range: where a report about a whole mapping belongs (Butane reports there too). */
export function firstLineOf(text: string, range: TextRange): TextRange {
  const nl = text.indexOf('\n', range.start);
  return { start: range.start, end: nl >= 0 && nl < range.end ? nl : range.end };
}

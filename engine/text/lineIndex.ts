/**
 * Maps UTF-16 offsets to lines and columns. Columns are available both in UTF-16
 * units (what LSP uses) and in Unicode code points (what Butane and our CLI print).
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  /** 0-based line containing `offset`. */
  lineAt(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Offset just past the line's content, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    while (end > this.lineStarts[line] && (this.text[end - 1] === '\n' || this.text[end - 1] === '\r')) end--;
    return end;
  }

  /** 0-based line and 0-based UTF-16 column. */
  position(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: clamped - this.lineStarts[line] };
  }

  /** 0-based line and 0-based column counted in Unicode code points. */
  codePointPosition(offset: number): { line: number; column: number } {
    const { line, character } = this.position(offset);
    const start = this.lineStarts[line];
    let column = 0;
    for (let i = start; i < start + character; i++) {
      const c = this.text.charCodeAt(i);
      // A high surrogate followed by a low one is a single code point.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < start + character) {
        const n = this.text.charCodeAt(i + 1);
        if (n >= 0xdc00 && n <= 0xdfff) i++;
      }
      column++;
    }
    return { line, column };
  }

  offsetAt(line: number, character: number): number {
    if (line >= this.lineStarts.length) return this.text.length;
    return Math.min(this.lineStarts[Math.max(0, line)] + Math.max(0, character), this.lineEnd(Math.max(0, line)));
  }
}

/**
 * Locating findings and building quick fixes for domain rules, in whatever syntax the
 * document uses: block YAML, flow YAML or JSON, and text embedded in a string of it.
 */
import type { Fix, TextRange } from '../diagnostics';
import type { Path, SourceMap } from '../schema/sourceMap';
import { firstLineOf } from '../text/ranges';
import { encodeForScalar } from '../yaml/scalarOffsets';
import { renderScalar, scalarStyle } from '../yaml/scalarStyle';
import type { EmbeddedText } from '../node/model';
import type { FindingPlace } from './rule';

export class RuleEdits {
  constructor(
    private readonly text: string,
    private readonly map: SourceMap,
  ) {}

  /** The range a finding underlines; the nearest existing node when the path is missing. */
  range(place: FindingPlace): TextRange {
    if ('in' in place) {
      const offsets = place.in.scalar?.offsets;
      if (offsets) {
        const start = offsets[Math.min(place.start, offsets.length - 1)];
        const end = place.end > place.start ? offsets[Math.min(place.end - 1, offsets.length - 1)] + 1 : start;
        return { start, end: Math.max(start, end) };
      }
      return this.range({ path: place.in.at });
    }
    const located = this.map.get(place.path) ?? this.map.nearest(place.path)?.located;
    if (!located) return firstLineOf(this.text, { start: 0, end: this.text.length });
    return place.at === 'key' && located.key ? located.key : firstLineOf(this.text, located.value);
  }

  /** Replaces a string value of the config, written in the style it has (JSON stays JSON). */
  replaceValue(path: Path, value: string, title: string): Fix | undefined {
    const located = this.map.get(path);
    if (!located) return undefined;
    const style = scalarStyle(this.text, located.value);
    if (!style) return undefined;
    // Written as if in a flow collection: plain text safe there is safe in block context too.
    return { title, edits: [{ range: located.value, newText: renderScalar(value, style, true) }] };
  }

  /** Replaces decoded characters [start, end) of embedded text, when its scalar style allows. */
  replaceInText(embedded: EmbeddedText, start: number, end: number, newText: string, title: string): Fix | undefined {
    const scalar = embedded.scalar;
    if (!scalar) return undefined;
    const encoded = encodeForScalar(scalar, newText);
    if (encoded === undefined) return undefined;
    const from = scalar.offsets[start];
    const to = end > start ? scalar.offsets[end - 1] + 1 : from;
    return { title, edits: [{ range: { start: from, end: to }, newText: encoded }] };
  }
}

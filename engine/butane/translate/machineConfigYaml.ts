/**
 * Prints JSON-shaped data exactly as Butane prints a MachineConfig: it marshals the
 * MachineConfig to JSON, reads that back into untyped Go values and encodes them with
 * go-yaml v3 (`SetIndent(2)`, no line folding). This follows libyaml's emitter as go-yaml
 * v3 modified it — sequences indented under their key, block scalars for multi-line
 * strings, plain scalars whenever they read back unchanged, double quotes otherwise —
 * keeping its column and indentation state so the layout decisions come out the same.
 */
import { goFormatFloat, goYamlKeyOrder, mayBePlain } from './goYamlScalars';

/** What Go's json.Unmarshal into interface{} yields. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

type Style = 'plain' | 'single' | 'double' | 'literal';

const BEST_INDENT = 2;
/** libyaml's limit on the length (in bytes) of a key written without `? `. */
const MAX_SIMPLE_KEY_BYTES = 128;

const isBreak = (c: string): boolean => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBlankOrBreak = (c: string): boolean => isBlank(c) || isBreak(c) || c === '\0';

/** libyaml's printable set; it leaves out everything beyond the BMP. */
function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

interface ScalarAnalysis {
  multiline: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

/** libyaml's yaml_emitter_analyze_scalar, for block context (the flow-only answers are not needed). */
function analyzeScalar(chars: string[]): ScalarAnalysis {
  if (chars.length === 0) return { multiline: false, blockPlain: true, singleQuoted: true, block: false };
  const text = chars.slice(0, 3).join('');
  let indicators = text === '---' || text === '...';
  let [lineBreaks, special, tabs] = [false, false, false];
  let [leadingSpace, leadingBreak, trailingSpace, trailingBreak, breakSpace, spaceBreak] = [false, false, false, false, false, false];
  let [previousSpace, previousBreak, precededByWhitespace] = [false, false, true];
  chars.forEach((c, i) => {
    const followedByWhitespace = i + 1 >= chars.length || isBlank(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) indicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) indicators = true;
    } else if ((c === ':' && followedByWhitespace) || (c === '#' && precededByWhitespace)) {
      indicators = true;
    }
    if (c === '\t') tabs = true;
    else if (!isPrintable(c)) special = true;
    const last = i === chars.length - 1;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      [previousSpace, previousBreak] = [true, false];
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      [previousSpace, previousBreak] = [false, true];
    } else {
      [previousSpace, previousBreak] = [false, false];
    }
    precededByWhitespace = isBlankOrBreak(c);
  });
  const result: ScalarAnalysis = { multiline: lineBreaks, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak || lineBreaks || indicators) result.blockPlain = false;
  if (trailingSpace) result.block = false;
  if (breakSpace || spaceBreak || tabs || special) result.blockPlain = result.singleQuoted = false;
  if (spaceBreak || special) result.block = false;
  return result;
}

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
};

function escapeChar(c: string): string {
  const known = ESCAPES[c];
  if (known) return `\\${known}`;
  const cp = c.codePointAt(0) ?? 0;
  const [letter, width] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
  return `\\${letter}${cp.toString(16).toUpperCase().padStart(width, '0')}`;
}

interface NodeContext {
  /** The node is an item of a block sequence (its content indents past the `- `). */
  sequenceItem: boolean;
  /** The node is a mapping key written without `? `. */
  simpleKey: boolean;
}

const VALUE: NodeContext = { sequenceItem: false, simpleKey: false };

class Emitter {
  private out = '';
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;

  document(value: JsonValue): string {
    this.node(value, VALUE);
    this.writeIndent();
    return this.out;
  }

  private put(text: string): void {
    this.out += text;
    this.column += 1;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
    this.indention = true;
  }

  private writeBreak(c: string): void {
    if (c === '\n') return this.putBreak();
    this.put(c);
    this.column = 0;
    this.indention = true;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const c of indicator) this.put(c);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, context: NodeContext): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    // go-yaml: the first indent inside a sequence item just skips the "- ".
    else if (context.sequenceItem) this.indent += 2;
    else this.indent = BEST_INDENT * Math.floor((this.indent + BEST_INDENT) / BEST_INDENT);
  }

  private popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }

  private node(value: JsonValue, context: NodeContext): void {
    if (Array.isArray(value)) {
      if (value.length === 0) return this.emptyFlow('[', ']', context);
      this.increaseIndent(false, context);
      for (const item of value) {
        this.writeIndent();
        this.writeIndicator('-', true, false, true);
        this.node(item, { sequenceItem: true, simpleKey: false });
      }
      return this.popIndent();
    }
    if (value !== null && typeof value === 'object') {
      const keys = goYamlKeyOrder(Object.keys(value));
      if (keys.length === 0) return this.emptyFlow('{', '}', context);
      this.increaseIndent(false, context);
      for (const key of keys) this.mappingEntry(key, value[key]);
      return this.popIndent();
    }
    if (typeof value === 'string') return this.scalar(value, mayBePlain(value) ? 'plain' : 'double', context, true);
    const text = value === null ? 'null' : typeof value === 'number' ? goFormatFloat(value) : String(value);
    this.scalar(text, 'plain', context, false);
  }

  private mappingEntry(key: string, value: JsonValue): void {
    this.writeIndent();
    const chars = Array.from(key);
    const simple = !analyzeScalar(chars).multiline && Buffer.byteLength(key, 'utf8') <= MAX_SIMPLE_KEY_BYTES;
    if (simple) {
      this.node(key, { sequenceItem: false, simpleKey: true });
      this.writeIndicator(':', false, false, false);
    } else {
      this.writeIndicator('?', true, false, true);
      this.node(key, VALUE);
      this.writeIndent();
      this.writeIndicator(':', true, false, true);
    }
    this.node(value, VALUE);
  }

  private emptyFlow(open: string, close: string, context: NodeContext): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, context);
    this.popIndent();
    if (this.column === 0) this.writeIndent();
    this.writeIndicator(close, false, false, false);
  }

  /** A string asks for a literal block when it has a newline (go-yaml's encoder); libyaml may overrule. */
  private scalar(text: string, requested: 'plain' | 'double', context: NodeContext, isString: boolean): void {
    const chars = Array.from(text);
    const analysis = analyzeScalar(chars);
    let style: Style = isString && text.includes('\n') ? 'literal' : requested;
    if (context.simpleKey && analysis.multiline) style = 'double';
    if (style === 'plain' && (!analysis.blockPlain || (chars.length === 0 && context.simpleKey))) style = 'single';
    if (style === 'single' && !analysis.singleQuoted) style = 'double';
    if (style === 'literal' && (!analysis.block || context.simpleKey)) style = 'double';
    this.increaseIndent(true, context);
    if (style === 'plain') this.writePlain(chars);
    else if (style === 'single') this.writeSingleQuoted(chars);
    else if (style === 'double') this.writeDoubleQuoted(chars);
    else this.writeLiteral(chars);
    this.popIndent();
  }

  /** Shared by plain and single-quoted text: breaks restart the line at the current indent. */
  private writeFlowText(chars: string[], quoteSingle: boolean): void {
    let breaks = false;
    for (const c of chars) {
      if (c === ' ') {
        this.put(c);
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (quoteSingle && c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  private writePlain(chars: string[]): void {
    if (chars.length > 0 && !this.whitespace) this.put(' ');
    this.writeFlowText(chars, false);
    if (chars.length > 0) this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(chars: string[]): void {
    this.writeIndicator("'", true, false, false);
    this.writeFlowText(chars, true);
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(chars: string[]): void {
    this.writeIndicator('"', true, false, false);
    // libyaml checks for a byte order mark at the start of the value, not at each character.
    const startsWithBom = chars[0] === '\ufeff';
    for (const c of chars) {
      const escape = !isPrintable(c) || startsWithBom || isBreak(c) || c === '"' || c === '\\';
      if (!escape) this.put(c);
      else {
        const escaped = escapeChar(c);
        this.out += escaped;
        this.column += escaped.length;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(chars: string[]): void {
    this.writeIndicator('|', true, false, false);
    if (chars[0] === ' ' || isBreak(chars[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const n = chars.length;
    // Chomping: strip without a final break, keep when the text ends in more than one.
    const chomp = !isBreak(chars[n - 1]) ? '-' : n === 1 || isBreak(chars[n - 2]) ? '+' : '';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.whitespace = true;
    let breaks = true;
    for (const c of chars) {
      if (isBreak(c)) {
        this.writeBreak(c);
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/**
 * The YAML go-yaml v3 writes for `value` with `SetIndent(2)`, as Butane prints it: after
 * its header comment, with surrounding newlines trimmed (Butane adds the final one).
 */
export function machineConfigYaml(value: JsonValue): string {
  const text = `# Generated by Butane; do not edit\n${new Emitter().document(value)}`;
  return text.replace(/^\n+|\n+$/g, '');
}

/**
 * Writes the migrated config as block-style YAML with 2-space indentation, sequences
 * indented under their key, and `# ` comments placed just above the entry they concern.
 * The config is plain data (objects keep their key order); comments live beside it.
 */
import { inlineScalar, literalBlock, Octal, Scalar, suitsLiteralBlock } from './scalars';

export type YamlValue = Scalar | YamlValue[] | { [key: string]: YamlValue };
export type YamlMap = { [key: string]: YamlValue };

/** Comments for the output: above a whole object or list item, or above one key of an object. */
export class Comments {
  private readonly onObject = new WeakMap<object, string[]>();
  private readonly onKey = new WeakMap<object, Map<string, string[]>>();

  add(target: object, message: string, key?: string): void {
    if (key === undefined) {
      const list = this.onObject.get(target) ?? [];
      list.push(message);
      this.onObject.set(target, list);
      return;
    }
    const keys = this.onKey.get(target) ?? new Map<string, string[]>();
    keys.set(key, [...(keys.get(key) ?? []), message]);
    this.onKey.set(target, keys);
  }

  /** Moves every comment of `from` onto `to`, for entries merged into one. */
  move(from: object, to: object): void {
    for (const message of this.of(from)) this.add(to, message);
    for (const [key, messages] of this.onKey.get(from) ?? []) for (const message of messages) this.add(to, message, key);
    this.onObject.delete(from);
    this.onKey.delete(from);
  }

  of(target: object, key?: string): string[] {
    return (key === undefined ? this.onObject.get(target) : this.onKey.get(target)?.get(key)) ?? [];
  }
}

const isMap = (v: YamlValue): v is YamlMap => typeof v === 'object' && !Array.isArray(v) && !(v instanceof Octal);

function commentLines(messages: string[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  return messages.flatMap((m) => m.split('\n')).map((line) => `${pad}# ${line}`.trimEnd());
}

class Writer {
  readonly lines: string[] = [];

  constructor(private readonly comments: Comments) {}

  /** `prefix` ends the line before the value: `key:` or `-` (with the leading spaces). */
  value(prefix: string, value: YamlValue, indent: number): void {
    if (Array.isArray(value)) {
      if (value.length === 0) this.lines.push(`${prefix} []`);
      else {
        this.lines.push(prefix);
        this.sequence(value, indent + 2);
      }
    } else if (isMap(value)) {
      if (Object.keys(value).length === 0) this.lines.push(`${prefix} {}`);
      else {
        this.lines.push(prefix);
        this.map(value, indent + 2);
      }
    } else if (typeof value === 'string' && suitsLiteralBlock(value)) {
      const block = literalBlock(value, indent + 2);
      this.lines.push(`${prefix} ${block.header}`, ...block.lines);
    } else {
      this.lines.push(`${prefix} ${inlineScalar(value)}`);
    }
  }

  map(map: YamlMap, indent: number, firstPrefix?: string): void {
    const pad = ' '.repeat(indent);
    Object.entries(map).forEach(([key, value], i) => {
      // The first entry of a list item shares the `- ` line, so its comments go above the dash.
      const sharesDash = i === 0 && firstPrefix !== undefined;
      this.lines.push(...commentLines(this.comments.of(map, key), sharesDash ? indent - 2 : indent));
      this.value(`${sharesDash ? firstPrefix : pad}${key}:`, value, indent);
    });
  }

  sequence(items: YamlValue[], indent: number): void {
    const pad = ' '.repeat(indent);
    for (const item of items) {
      if (typeof item === 'object' && !(item instanceof Octal)) {
        this.lines.push(...commentLines(this.comments.of(item), indent));
      }
      if (isMap(item) && Object.keys(item).length > 0) {
        this.map(item, indent + 2, `${pad}- `);
      } else {
        this.value(`${pad}-`, item, indent);
      }
    }
  }
}

/** The YAML text: header comments, then the document, ending in one newline. */
export function renderYaml(root: YamlMap, comments: Comments, header: string[] = []): string {
  const writer = new Writer(comments);
  writer.lines.push(...commentLines(header, 0));
  writer.lines.push(...commentLines(comments.of(root), 0));
  writer.map(root, 0);
  return `${writer.lines.join('\n')}\n`;
}

/**
 * Writes the migrated config as block-style YAML with 2-space indentation, sequences
 * indented under their key, and `# ` comments placed just above the entry they concern.
 * The config is plain data (objects keep their key order); comments live beside it.
 */
import { inlineScalar, literalBlock, Octal, Scalar, suitsLiteralBlock } from './scalars';

export type YamlValue = Scalar | YamlValue[] | { [key: string]: YamlValue };
export type YamlMap = { [key: string]: YamlValue };

interface Comment {
  target: object;
  key?: string;
  message: string;
}

/** Comments for the output: above a whole object or list item, or above one key of an object. */
export class Comments {
  private readonly list: Comment[] = [];

  add(target: object, message: string, key?: string): void {
    this.list.push({ target, key, message });
  }

  /** Moves every comment of `from` onto `to`, for entries merged into one. */
  move(from: object, to: object): void {
    for (const comment of this.list) if (comment.target === from) comment.target = to;
  }

  of(target: object, key?: string): Comment[] {
    return this.list.filter((c) => c.target === target && c.key === key);
  }

  /** Comments meant for keys the map does not have, which are written above the map instead. */
  orphans(map: YamlMap): Comment[] {
    return this.list.filter((c) => c.target === map && c.key !== undefined && !Object.hasOwn(map, c.key));
  }

  all(): readonly Comment[] {
    return this.list;
  }
}

const isMap = (v: YamlValue): v is YamlMap => typeof v === 'object' && !Array.isArray(v) && !(v instanceof Octal);
const isCollection = (v: YamlValue): v is YamlMap | YamlValue[] => typeof v === 'object' && !(v instanceof Octal);

class Writer {
  readonly lines: string[] = [];
  readonly written = new Set<Comment>();

  constructor(private readonly comments: Comments) {}

  comment(comments: Comment[], indent: number): void {
    const pad = ' '.repeat(indent);
    for (const c of comments) {
      this.written.add(c);
      for (const line of c.message.split('\n')) this.lines.push(`${pad}# ${line}`.trimEnd());
    }
  }

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
      const orphans = i === 0 ? this.comments.orphans(map) : [];
      // Comments on a nested object or list have no line of their own: they go above its key.
      const onValue = isCollection(value) ? this.comments.of(value) : [];
      this.comment([...orphans, ...this.comments.of(map, key), ...onValue], sharesDash ? indent - 2 : indent);
      this.value(`${sharesDash ? firstPrefix : pad}${key}:`, value, indent);
    });
  }

  sequence(items: YamlValue[], indent: number): void {
    const pad = ' '.repeat(indent);
    for (const item of items) {
      if (isCollection(item)) this.comment(this.comments.of(item), indent);
      if (isMap(item) && Object.keys(item).length > 0) this.map(item, indent + 2, `${pad}- `);
      else this.value(`${pad}-`, item, indent);
    }
  }
}

/**
 * The YAML text, ending in one newline: the header comments, comments on the root and any
 * whose entry is not in the output (so that none is lost), then the document.
 */
export function renderYaml(root: YamlMap, comments: Comments, header: string[] = []): string {
  const body = new Writer(comments);
  body.map(root, 0);
  const top = new Writer(comments);
  top.lines.push(...header.map((line) => `# ${line}`));
  top.comment(comments.all().filter((c) => !body.written.has(c)), 0);
  return `${[...top.lines, ...body.lines].join('\n')}\n`;
}

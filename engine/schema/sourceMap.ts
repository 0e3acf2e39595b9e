import type { TextRange } from '../diagnostics';

export type Path = readonly (string | number)[];

export interface Located {
  /** The key's range when the value is a mapping entry. */
  key?: TextRange;
  /** The value's range; for mappings and lists the whole node. */
  value: TextRange;
}

/** One node of the map's tree: the decoder adds children as it walks, without building path strings. */
export class SourceNode {
  children: Map<string | number, SourceNode> | undefined;

  constructor(
    readonly located: Located,
    readonly parent?: SourceNode,
    readonly segment?: string | number,
  ) {}

  child(segment: string | number, located: Located): SourceNode {
    const node = new SourceNode(located, this, segment);
    (this.children ??= new Map()).set(segment, node);
    return node;
  }

  /** The path from the root, rebuilt on demand (only messages need it). */
  path(): (string | number)[] {
    const parts: (string | number)[] = [];
    for (let n: SourceNode | undefined = this; n?.parent; n = n.parent) parts.push(n.segment!);
    return parts.reverse();
  }
}

/** Where each decoded value came from in the YAML text. */
export class SourceMap {
  root: SourceNode | undefined;

  private walk(path: Path): { node: SourceNode | undefined; depth: number } {
    let node = this.root;
    let depth = 0;
    while (node && depth < path.length) {
      const next = node.children?.get(path[depth]);
      if (!next) break;
      node = next;
      depth++;
    }
    return { node, depth };
  }

  get(path: Path): Located | undefined {
    const { node, depth } = this.walk(path);
    return depth === path.length ? node?.located : undefined;
  }

  /** The closest located ancestor (or the path itself), for reports on missing values. */
  nearest(path: Path): { path: Path; located: Located } | undefined {
    const { node, depth } = this.walk(path);
    return node ? { path: path.slice(0, depth), located: node.located } : undefined;
  }
}

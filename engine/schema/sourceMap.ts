import type { TextRange } from '../diagnostics';

export type Path = readonly (string | number)[];

export interface Located {
  /** The key's range when the value is a mapping entry. */
  key?: TextRange;
  /** The value's range; for mappings and lists the whole node. */
  value: TextRange;
}

const SEP = '\u0000';

export function pathKey(path: Path): string {
  return path.join(SEP);
}

/** Where each decoded value came from in the YAML text. */
export class SourceMap {
  private readonly entries = new Map<string, Located>();

  set(path: Path, located: Located): void {
    this.entries.set(pathKey(path), located);
  }

  get(path: Path): Located | undefined {
    return this.entries.get(pathKey(path));
  }

  /** The closest located ancestor (or the path itself), for reports on missing values. */
  nearest(path: Path): { path: Path; located: Located } | undefined {
    for (let n = path.length; n >= 0; n--) {
      const located = this.entries.get(pathKey(path.slice(0, n)));
      if (located) return { path: path.slice(0, n), located };
    }
    return undefined;
  }
}

/**
 * What every section's migration shares: the notes about what could not be carried over
 * (each also written as a comment beside the output entry it concerns), and the link from
 * CLC paths to output entries so that notes about a CLC key can find their place.
 */
import type { Path } from '../../schema/sourceMap';
import { isObj, list, Obj } from '../../values';
import { Comments, YamlMap, YamlValue } from './yamlText';

/** Something the migration could not carry over as is, or whose meaning changed. */
export interface MigrationNote {
  /** Where in the CLC (YAML key names and list indexes). */
  path: (string | number)[];
  message: string;
}

const pathKey = (path: Path): string => JSON.stringify(path);

export class Migration {
  readonly notes: MigrationNote[] = [];
  readonly comments = new Comments();
  /** The output root; notes without a better place are written at the top. */
  readonly root: YamlMap = {};
  private readonly outputs = new Map<string, object>();

  constructor(readonly platform: string) {}

  /** Records a note and writes it as a comment above `target` (or above its `key`). */
  note(path: Path, message: string, target: object = this.root, key?: string): void {
    // The same finding can reach here twice (e.g. an unknown key both in the config and from the decoder).
    if (this.notes.some((n) => n.message === message && pathKey(n.path) === pathKey(path))) return;
    this.notes.push({ path: [...path], message });
    this.comments.add(target, message, key);
  }

  /** Like note, but only the first time this message comes up (for advice that applies to the whole config). */
  noteOnce(path: Path, message: string, target?: object, key?: string): void {
    if (!this.notes.some((n) => n.message === message)) this.note(path, message, target, key);
  }

  /** Remembers which output entry a CLC object became, for notes that only know the CLC path. */
  track<T extends object>(path: Path, output: T): T {
    this.outputs.set(pathKey(path), output);
    return output;
  }

  /** The output entry made from the CLC path or its nearest ancestor (the root if none). */
  outputFor(path: Path): object {
    for (let n = path.length; n > 0; n--) {
      const found = this.outputs.get(pathKey(path.slice(0, n)));
      if (found) return found;
    }
    return this.root;
  }

  /** Notes a key ct does not know, which it ignored; by default above the entry made from its parent. */
  unknownKey(path: Path, target: object = this.outputFor(path.slice(0, -1))): void {
    this.note(path, `ct does not know the key \`${String(path[path.length - 1])}\` here (it ignored it), so it was not carried over`, target);
  }

  /** Notes every key of a CLC object that the migration does not know, so none vanish silently. */
  unknownKeys(source: Record<string, unknown>, path: Path, known: readonly string[], target?: object): void {
    for (const key of Object.keys(source)) {
      if (!known.includes(key) && source[key] !== undefined) this.unknownKey([...path, key], target);
    }
  }
}

/** Sets `key` when the value is defined; returns the map for chaining. */
export function put(map: YamlMap, key: string, value: YamlValue | undefined): YamlMap {
  if (value !== undefined) map[key] = value;
  return map;
}

/** The keys of `source` that are set, copied under the same names (values must already be YAML-ready). */
export function copy(map: YamlMap, source: Record<string, unknown>, keys: readonly string[]): YamlMap {
  for (const key of keys) {
    const value = source[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') map[key] = value;
    else if (Array.isArray(value)) map[key] = value.filter((v): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v));
  }
  return map;
}

/** The objects of a CLC list with their indexes (anything else in the list is ignored, as by ct). */
export function objectsIn(value: unknown): [Obj, number][] {
  return list(value).flatMap((item, index): [Obj, number][] => (isObj(item) ? [[item, index]] : []));
}

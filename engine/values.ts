/**
 * Defensive accessors over a decoded config, which may hold any shape after a type
 * error; shared by every dialect's checks and translators.
 */
import type { Path } from './schema/sourceMap';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Obj | undefined {
  return isObj(v) ? v : undefined;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function int(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

export function isTrue(v: unknown): boolean {
  return v === true;
}

/** Go's util.NotEmpty: set and not the empty string. */
export function notEmpty(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

/** A key is "set" in Go terms when it decoded to anything (nulls are already dropped). */
export function isSet(v: unknown): boolean {
  return v !== undefined;
}

/** Value at a path below `root`, or undefined when any step is missing or of the wrong kind. */
export function at(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[step];
    } else {
      if (!isObj(cur)) return undefined;
      cur = cur[step];
    }
  }
  return cur;
}

/** The mapping items of a list at `path`, with their paths (non-mapping items are skipped). */
export function entries(root: unknown, path: Path): { item: Obj; path: Path; index: number }[] {
  const out: { item: Obj; path: Path; index: number }[] = [];
  list(at(root, path)).forEach((item, index) => {
    if (isObj(item)) out.push({ item, path: [...path, index], index });
  });
  return out;
}

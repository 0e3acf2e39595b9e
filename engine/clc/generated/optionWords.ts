/** Reads the compact option tables (`key:t` words, `key=flag:t` when the flag is not the kebab-cased key). */
import type { OptionSpec, OptionType, OptionUnion } from './types';

const TYPES: Record<string, OptionType> = { s: 'string', i: 'int', b: 'bool' };

/** Turns whitespace-separated option words into specs, keeping their (Go field) order. */
export function parseOptionWords(words: string): OptionSpec[] {
  return words
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((word) => {
      const m = /^([a-z0-9_]+)(?:=([a-z0-9-]+))?:([sib])$/.exec(word);
      if (!m) throw new Error(`bad option word: ${word}`);
      return Object.freeze({ key: m[1], flag: m[2] ?? m[1].replace(/_/g, '-'), type: TYPES[m[3]] });
    });
}

/**
 * The union over several structs for schemas that cannot know the version: keys in the
 * newest struct's order, then those only older structs have; `type` is the newest one's.
 */
export function unionOf<V extends string>(structs: Readonly<Record<V, readonly OptionSpec[]>>, newestFirst: readonly V[]): OptionUnion[] {
  const byKey = new Map<string, OptionUnion>();
  for (const version of newestFirst) {
    for (const o of structs[version]) {
      let entry = byKey.get(o.key);
      if (!entry) byKey.set(o.key, (entry = { key: o.key, flag: o.flag, type: o.type, types: [], versions: [] }));
      if (!entry.types.includes(o.type)) entry.types.push(o.type);
      entry.versions.unshift(version);
    }
  }
  return [...byKey.values()];
}

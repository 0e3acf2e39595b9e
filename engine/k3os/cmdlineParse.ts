/**
 * How k3OS v0.22 reads its config from the kernel command line (/proc/cmdline), re-stated
 * from the behaviour of its reader: the words it picks out, how each becomes a dotted key
 * and a text value, and how repeated keys become lists. Then the same field coercion as a
 * config file (see decode.ts), since k3OS sends both through one mapper.
 *
 * Used to check that a rendered command line (cmdline.ts) reads back as the config, and as
 * the base for diagnostics on command lines themselves.
 */
import { Document } from 'yaml';
import type { YamlNode } from '../yaml/parse';
import { isObj, Obj } from '../values';
import { DecodedK3os, K3osDecoder } from './decode';
import { k3osSchema } from './schema';

/** Go's regexp `\s`: ASCII tab, newline, form feed, carriage return and space only (no \v, no Unicode spaces). */
export function isGoSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\f' || ch === '\r';
}

/**
 * The words k3OS takes from a command line. At each position, the first of three forms that
 * fits wins (a backtracking match, not the longest one):
 *   1. a double-quoted run `"…"` with at least one character inside (spaces allowed);
 *   2. non-space characters, then `="…"` — the longest non-space prefix that is followed by a
 *      quoted run with at least one character, which may reach past the end of the word;
 *   3. a run of non-space characters.
 * After a word the scan continues where it ended (possibly in the middle of a run).
 */
export function kernelCommandLineWords(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (isGoSpace(line[i])) {
      i++;
      continue;
    }
    const end = quotedRun(line, i) ?? quotedValue(line, i) ?? runEnd(line, i);
    words.push(line.slice(i, end));
    i = end;
  }
  return words;
}

/** End of the non-space run that starts at `start`. */
function runEnd(line: string, start: number): number {
  let end = start;
  while (end < line.length && !isGoSpace(line[end])) end++;
  return end;
}

/** Form 1: `"` + one or more non-quote characters + `"`; the end offset, if it fits. */
function quotedRun(line: string, start: number): number | undefined {
  if (line[start] !== '"' || start + 1 >= line.length || line[start + 1] === '"') return undefined;
  const close = line.indexOf('"', start + 1);
  return close < 0 ? undefined : close + 1;
}

/** Form 2: `name="…"`; the greedy name tries its longest choice first. */
function quotedValue(line: string, start: number): number | undefined {
  const run = runEnd(line, start);
  // `=` at k needs a non-empty name before it (k > start) and `"` right after it (inside the run).
  for (let k = run - 2; k > start; k--) {
    if (line[k] !== '=' || line[k + 1] !== '"') continue;
    const end = quotedRun(line, k + 1);
    if (end !== undefined) return end;
  }
  return undefined;
}

/** Go's strings.Trim(s, `"`): every leading and trailing double quote goes. */
function trimQuotes(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === '"') a++;
  while (b > a && s[b - 1] === '"') b--;
  return s.slice(a, b);
}

/**
 * The raw data k3OS builds from a command line, before any field coercion: every word is a
 * key (split at each `.`) with a text value (after the first `=`; none means `true`).
 * A key seen again turns its text into a list, and a list grows; a key that already holds a
 * mapping keeps it and the word is dropped. A word whose path runs through a text value is
 * dropped too.
 */
export function parseKernelCommandLine(line: string): Obj {
  const data: Obj = {};
  for (const word of kernelCommandLineWords(line)) {
    const eq = word.indexOf('=');
    const value = eq < 0 ? 'true' : trimQuotes(word.slice(eq + 1));
    const keys = trimQuotes(eq < 0 ? word : word.slice(0, eq)).split('.');
    const found = lookup(data, keys);
    if (!found.present) put(data, keys, value);
    else if (typeof found.value === 'string') put(data, keys, [found.value, value]);
    else if (Array.isArray(found.value)) put(data, keys, [...(found.value as string[]), value]);
  }
  return data;
}

/** The value at `keys`; absent when a step on the way is not a mapping. */
function lookup(data: Obj, keys: string[]): { present: boolean; value?: unknown } {
  let at: Obj | undefined = data;
  for (const key of keys.slice(0, -1)) {
    const next: unknown = at && Object.prototype.hasOwnProperty.call(at, key) ? at[key] : undefined;
    at = isObj(next) ? next : undefined;
  }
  const last = keys[keys.length - 1];
  if (!at || !Object.prototype.hasOwnProperty.call(at, last)) return { present: false };
  return { present: true, value: at[last] };
}

/** Sets `keys` to `value`, creating mappings on the way; gives up at a step that holds anything else. */
function put(data: Obj, keys: string[], value: unknown): void {
  let at = data;
  for (const key of keys.slice(0, -1)) {
    if (!Object.prototype.hasOwnProperty.call(at, key)) {
      const created: Obj = {};
      Object.defineProperty(at, key, { value: created, enumerable: true, writable: true, configurable: true });
      at = created;
      continue;
    }
    const next = at[key];
    if (!isObj(next)) return;
    at = next;
  }
  // defineProperty: a key named `__proto__` is data here, as it is in Go.
  Object.defineProperty(at, keys[keys.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The config k3OS reads from a command line: the raw data through the same decoding as a
 * config file (text to lists and booleans, mappings of text, unknown keys ignored).
 * Diagnostics in the result carry no positions.
 */
export function readKernelCommandLine(line: string): DecodedK3os {
  const schema = k3osSchema();
  // Every value is text: scalars created from JS strings have no YAML style, so the decoder
  // takes them as quoted text (`yes` stays the text "yes", as on the command line).
  const doc = new Document(parseKernelCommandLine(line));
  return new K3osDecoder(schema, undefined, '').decode(doc.contents as YamlNode | null);
}

/**
 * Mutations of a seed document. Each is a pure function of the text and the PRNG; a document
 * gets a chain of them, recorded by name and parameters so a failure reads as what was done.
 */
import type { SeedDocument } from './corpus';
import { bigScalar, deepNesting, ODD_CHARS, ODD_SCALARS, randomYaml } from './fragments';
import type { Random } from '../random';
import { mutateTree } from './treeMutators';

/** What mutators may borrow from: other documents' lines and every key the corpus uses. */
export interface MutationContext {
  corpus: readonly SeedDocument[];
  keys: readonly string[];
}

export function mutationContext(corpus: readonly SeedDocument[]): MutationContext {
  const keys = new Set<string>();
  for (const seed of corpus) for (const m of seed.text.matchAll(/^[ \t-]*"?([A-Za-z_][\w.-]*)"?[ \t]*:/gm)) keys.add(m[1]);
  return { corpus, keys: [...keys].sort() };
}

type Mutator = (text: string, rng: Random, ctx: MutationContext) => { text: string; note: string };

const encoder = new TextEncoder();
/** What an editor shows for bytes that are not UTF-8: each bad sequence becomes U+FFFD. */
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

function offset(text: string, rng: Random): number {
  return rng.int(text.length + 1);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function insertAt(text: string, at: number, piece: string): string {
  return text.slice(0, at) + piece + text.slice(at);
}

/** A random run of up to `maxLines` lines, and how to put the text back together around it. */
function lineRange(text: string, rng: Random, maxLines: number): { lines: string[]; from: number; replace(middle: string[]): string } {
  const all = text.split('\n');
  const from = rng.int(all.length);
  const to = Math.min(all.length, from + rng.between(1, maxLines));
  return { lines: all.slice(from, to), from, replace: (middle) => [...all.slice(0, from), ...middle, ...all.slice(to)].join('\n') };
}

const byteFlips: Mutator = (text, rng) => {
  const bytes = encoder.encode(text);
  if (bytes.length === 0) return { text: '\u0000', note: 'byte-flip(empty)' };
  const flips = rng.between(1, 8);
  for (let i = 0; i < flips; i++) bytes[rng.int(bytes.length)] ^= 1 << rng.int(8);
  return { text: lenient.decode(bytes), note: `byte-flip×${flips}` };
};

const invalidUtf8: Mutator = (text, rng) => {
  const bad = [[0xff], [0xc0, 0x80], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xf4, 0x90, 0x80, 0x80]];
  const bytes = encoder.encode(text);
  const at = rng.int(bytes.length + 1);
  const seq = rng.pick(bad);
  const out = new Uint8Array(bytes.length + seq.length);
  out.set(bytes.subarray(0, at));
  out.set(seq, at);
  out.set(bytes.subarray(at), at + seq.length);
  return { text: lenient.decode(out), note: `invalid-utf8@${at}` };
};

const loneSurrogate: Mutator = (text, rng) => {
  const at = offset(text, rng);
  const unit = String.fromCharCode(rng.chance(0.5) ? rng.between(0xd800, 0xdbff) : rng.between(0xdc00, 0xdfff));
  return { text: insertAt(text, at, unit), note: `lone-surrogate@${at}` };
};

const deleteRange: Mutator = (text, rng) => {
  const at = offset(text, rng);
  const length = rng.chance(0.7) ? rng.between(1, 8) : rng.between(1, 400);
  return { text: text.slice(0, at) + text.slice(at + length), note: `delete@${at}+${length}` };
};

const truncate: Mutator = (text, rng) => {
  const at = offset(text, rng);
  return { text: text.slice(0, at), note: `truncate@${at}` };
};

const duplicateLines: Mutator = (text, rng) => {
  const { lines, from, replace } = lineRange(text, rng, 6);
  return { text: replace([...lines, ...lines]), note: `duplicate-lines@${from}×${lines.length}` };
};

const swapLines: Mutator = (text, rng) => {
  const all = text.split('\n');
  const a = rng.int(all.length);
  const b = rng.int(all.length);
  [all[a], all[b]] = [all[b], all[a]];
  return { text: all.join('\n'), note: `swap-lines@${a},${b}` };
};

const insertTabs: Mutator = (text, rng) => {
  const starts = lineStarts(text);
  const line = rng.int(starts.length);
  if (rng.chance(0.5)) {
    const rest = text.slice(starts[line]);
    const spaces = /^ */.exec(rest)![0].length;
    return { text: text.slice(0, starts[line]) + '\t'.repeat(Math.max(1, spaces >> 1)) + rest.slice(spaces), note: `tab-indent@line${line}` };
  }
  const at = offset(text, rng);
  return { text: insertAt(text, at, '\t'), note: `tab@${at}` };
};

const indentShift: Mutator = (text, rng) => {
  const { lines, from, replace } = lineRange(text, rng, 8);
  const shift = rng.pick([-4, -2, -1, 1, 2, 3]);
  const moved = lines.map((l) => (shift > 0 ? ' '.repeat(shift) + l : l.replace(new RegExp(`^ {0,${-shift}}`), '')));
  return { text: replace(moved), note: `indent${shift > 0 ? '+' : ''}${shift}@${from}×${lines.length}` };
};

const spliceYaml: Mutator = (text, rng, ctx) => {
  const starts = lineStarts(text);
  const line = rng.int(starts.length);
  const indent = /^ */.exec(text.slice(starts[line]))![0].length + rng.pick([0, 0, 2, -2, 1]);
  const fragment = randomYaml(rng, ctx.keys, Math.max(0, indent));
  return { text: insertAt(text, starts[line], fragment + '\n'), note: `yaml@line${line}` };
};

const changeValue: Mutator = (text, rng) => {
  const entries = [...text.matchAll(/^([ \t-]*[^\s:#][^:\n]*:[ \t]+)([^\n]*)$/gm)];
  if (entries.length === 0) return { text, note: 'value(none)' };
  const entry = rng.pick(entries);
  const value = rng.pick(ODD_SCALARS);
  const start = entry.index! + entry[1].length;
  return { text: text.slice(0, start) + value + text.slice(start + entry[2].length), note: `value@${start}=${JSON.stringify(value)}` };
};

const renameKey: Mutator = (text, rng, ctx) => {
  const entries = [...text.matchAll(/^([ \t-]*)([A-Za-z_][\w.-]*)(?=[ \t]*:)/gm)];
  if (entries.length === 0) return { text, note: 'key(none)' };
  const entry = rng.pick(entries);
  const key = rng.chance(0.7) ? rng.pick(ctx.keys) : entry[2].slice(0, -1) + rng.pick(['_', 'X', 's', '']);
  const start = entry.index! + entry[1].length;
  return { text: text.slice(0, start) + key + text.slice(start + entry[2].length), note: `key@${start}=${key}` };
};

const crossover: Mutator = (text, rng, ctx) => {
  const donor = rng.pick(ctx.corpus);
  const { lines } = lineRange(donor.text, rng, 12);
  const starts = lineStarts(text);
  const line = rng.int(starts.length);
  return { text: insertAt(text, starts[line], lines.join('\n') + '\n'), note: `crossover(${donor.name})@line${line}` };
};

const oddCharacters: Mutator = (text, rng) => {
  const count = rng.between(1, 4);
  let out = text;
  for (let i = 0; i < count; i++) {
    const point = rng.int(0x110000);
    // Surrogate code points are the lone-surrogate mutator's business.
    const piece = rng.chance(0.7) ? rng.pick(ODD_CHARS) : String.fromCodePoint(point >= 0xd800 && point <= 0xdfff ? 0xfffd : point);
    out = insertAt(out, offset(out, rng), piece);
  }
  return { text: out, note: `unicode×${count}` };
};

const lineEndings: Mutator = (text, rng) => {
  switch (rng.int(3)) {
    case 0:
      return { text: text.replace(/\n/g, '\r\n'), note: 'crlf' };
    case 1:
      return { text: text.replace(/\n/g, () => (rng.chance(0.3) ? '\r\n' : '\n')), note: 'mixed-crlf' };
    default:
      return { text: text.replace(/\n/g, () => (rng.chance(0.2) ? '\r' : '\n')), note: 'lone-cr' };
  }
};

const bom: Mutator = (text, rng) => {
  const at = rng.chance(0.7) ? 0 : offset(text, rng);
  return { text: insertAt(text, at, '\ufeff'), note: `bom@${at}` };
};

const nul: Mutator = (text, rng) => {
  const at = offset(text, rng);
  return { text: insertAt(text, at, '\u0000'.repeat(rng.between(1, 3))), note: `nul@${at}` };
};

/** Splices the piece after a random `key:` (or at the end), so that it lands in a value. */
function spliceIntoValue(text: string, rng: Random, piece: string): { text: string; at: number } {
  const colons = [...text.matchAll(/:(?=[ \t]*(\r?\n|$))/g)];
  const at = colons.length > 0 && rng.chance(0.8) ? rng.pick(colons).index! + 1 : text.length;
  return { text: insertAt(text, at, piece), at };
}

const deepNest: Mutator = (text, rng) => {
  const { kind, text: piece } = deepNesting(rng);
  const spliced = spliceIntoValue(text, rng, kind === 'compact-seq' || kind === 'indented-map' ? piece : ` ${piece}`);
  return { text: spliced.text, note: `deep-${kind}@${spliced.at}` };
};

const hugeScalar: Mutator = (text, rng) => {
  const { kind, text: piece } = bigScalar(rng);
  const spliced = spliceIntoValue(text, rng, piece);
  return { text: spliced.text, note: `1MB-${kind}@${spliced.at}` };
};

const CHEAP: ReadonlyArray<[Mutator, number]> = [
  [byteFlips, 3], [invalidUtf8, 1], [loneSurrogate, 1], [deleteRange, 3], [truncate, 1], [duplicateLines, 3], [swapLines, 1],
  [insertTabs, 2], [indentShift, 2], [spliceYaml, 3], [changeValue, 5], [renameKey, 3], [crossover, 2], [oddCharacters, 1],
  [lineEndings, 1], [bom, 1], [nul, 1],
];
const CHEAP_TOTAL = CHEAP.reduce((sum, [, w]) => sum + w, 0);

function pickCheap(rng: Random): Mutator {
  let roll = rng.int(CHEAP_TOTAL);
  for (const [mutator, weight] of CHEAP) {
    if ((roll -= weight) < 0) return mutator;
  }
  return CHEAP[0][0];
}

/** Share of documents that also get a huge input (deep nesting or a 1 MB scalar). */
export const HEAVY_SHARE = 0.02;

/** Share of documents whose data is changed (staying well-formed) rather than their text. */
export const TREE_SHARE = 0.4;

/**
 * A seed's text after a chain of mutations, `chain` naming each step: either its data changed
 * and printed again (sometimes with one text mutation on top), or 1–5 text mutations.
 */
export function mutate(seed: SeedDocument, rng: Random, ctx: MutationContext): { text: string; chain: string[] } {
  const tree = rng.chance(TREE_SHARE) ? mutateTree(seed, rng, ctx.keys) : undefined;
  let text = tree?.text ?? seed.text;
  const chain: string[] = tree?.chain ?? [];
  const steps = tree ? (rng.chance(0.2) ? 1 : 0) : rng.chance(0.5) ? 1 : rng.between(2, 5);
  for (let i = 0; i < steps; i++) {
    const step = pickCheap(rng)(text, rng, ctx);
    text = step.text;
    chain.push(step.note);
  }
  if (rng.chance(HEAVY_SHARE)) {
    const step = (rng.chance(0.5) ? deepNest : hugeScalar)(text, rng, ctx);
    text = step.text;
    chain.push(step.note);
  }
  return { text, chain };
}

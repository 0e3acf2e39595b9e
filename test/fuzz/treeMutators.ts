/**
 * Mutations that keep the document well-formed: the seed is parsed, its data changed (values of
 * the wrong type or range, keys dropped, added, duplicated or moved), and printed again. Text
 * mutations mostly break the syntax, and a broken document never reaches the deeper checks.
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { SeedDocument } from './corpus';
import { ODD_SCALARS } from './fragments';
import type { Random } from '../random';

type Data = unknown;
type Container = Record<string, Data> | Data[];

interface Slot {
  container: Container;
  key: string | number;
  path: string;
}

const EDGE_NUMBERS: readonly number[] = [0, -1, 1, 0.5, -0.0, 420, 511, 0o644, 65535, 2 ** 31, 2 ** 32 + 1, 2 ** 53 + 1, -(2 ** 63), 1e300, Number.MAX_VALUE, Number.MIN_VALUE];

function isContainer(value: Data): value is Container {
  return typeof value === 'object' && value !== null;
}

function slots(value: Data, path: string, out: Slot[], depth = 0): Slot[] {
  if (!isContainer(value) || depth > 64) return out;
  const entries: [string | number, Data][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [key, child] of entries) {
    const childPath = `${path}${typeof key === 'number' ? `[${key}]` : `.${key}`}`;
    out.push({ container: value, key, path: childPath });
    slots(child, childPath, out, depth + 1);
  }
  return out;
}

function randomValue(rng: Random, keys: readonly string[], donor: Data): Data {
  switch (rng.int(8)) {
    case 0:
      return rng.pick(EDGE_NUMBERS);
    case 1:
      return rng.chance(0.5);
    case 2:
      return null;
    case 3:
      return rng.pick([{}, [], [null], [''], { [rng.pick(keys)]: null }]);
    case 4:
      return 'x'.repeat(rng.pick([0, 1, 255, 256, 4097, 70_000]));
    case 5:
      return structuredClone(donor);
    default:
      return rng.pick(ODD_SCALARS);
  }
}

function get(slot: Slot): Data {
  return (slot.container as Record<string | number, Data>)[slot.key];
}

function set(slot: Slot, value: Data): void {
  (slot.container as Record<string | number, Data>)[slot.key] = value;
}

/** One change to the data; returns what it did. */
function mutateData(root: Data, rng: Random, keys: readonly string[]): string {
  const all = slots(root, '', []);
  if (all.length === 0) return 'tree(empty)';
  const slot = rng.pick(all);
  const donor = get(rng.pick(all));
  switch (rng.int(7)) {
    case 0:
    case 1: {
      const value = randomValue(rng, keys, donor);
      set(slot, value);
      return `set ${slot.path}=${JSON.stringify(value)?.slice(0, 40)}`;
    }
    case 2:
      if (Array.isArray(slot.container)) slot.container.splice(slot.key as number, 1);
      else delete slot.container[slot.key as string];
      return `delete ${slot.path}`;
    case 3: {
      const target = isContainer(get(slot)) ? (get(slot) as Container) : slot.container;
      const value = randomValue(rng, keys, donor);
      if (Array.isArray(target)) target.push(value);
      else target[rng.pick(keys)] = value;
      return `add under ${slot.path}`;
    }
    case 4: {
      const value = get(slot);
      if (Array.isArray(slot.container)) slot.container.splice(slot.key as number, 0, structuredClone(value));
      else set(slot, [value, structuredClone(value)]);
      return `duplicate ${slot.path}`;
    }
    case 5: {
      const value = get(slot);
      const wrapped = rng.pick([[value], { [rng.pick(keys)]: value }, String(value), Number(value)]);
      set(slot, wrapped);
      return `retype ${slot.path}`;
    }
    default: {
      const key = rng.pick(keys);
      if (!Array.isArray(slot.container) && key !== slot.key) {
        slot.container[key] = get(slot);
        delete slot.container[slot.key as string];
      }
      return `rename ${slot.path}→${key}`;
    }
  }
}

/** The seed's data changed 1–4 times and printed in its own format, or undefined if it has no data. */
export function mutateTree(seed: SeedDocument, rng: Random, keys: readonly string[]): { text: string; chain: string[] } | undefined {
  const json = seed.languageId === 'json';
  let root: Data;
  try {
    root = json ? JSON.parse(seed.text) : parseYaml(seed.text, { uniqueKeys: false, maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  if (!isContainer(root)) return undefined;
  const chain: string[] = [];
  const steps = rng.between(1, 4);
  for (let i = 0; i < steps; i++) chain.push(mutateData(root, rng, keys));
  const indent = rng.chance(0.5) ? 2 : undefined;
  try {
    return { text: json ? `${JSON.stringify(root, null, indent)}\n` : stringifyYaml(root, { lineWidth: 0 }), chain };
  } catch {
    // Data the printer refuses (a cycle cannot arise; very deep grafts can): mutate the text instead.
    return undefined;
  }
}

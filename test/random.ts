/**
 * A tiny seeded PRNG (mulberry32) for the tests that generate their cases, so a failure replays
 * from its seed. The fuzz rebuilds each document from the run's seed and its index alone
 * (`forDocument`), so `--only INDEX` regenerates one document without the others.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The generator for document `index` of a run seeded with `seed` (independent streams). */
  static forDocument(seed: number, index: number, stream = 0): Random {
    return new Random(mix(mix(seed) ^ mix(index + 0x9e3779b9 * (stream + 1))));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: ArrayLike<T>): T {
    return items[this.int(items.length)];
  }
}

/** A 32-bit integer hash (murmur3's finaliser), to derive independent seeds. */
function mix(n: number): number {
  let h = n >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Fuzz documents from (seed, index) alone: the seed document round-robin, then its mutations. */
import { loadCorpus, SeedDocument } from './corpus';
import type { FuzzDocument } from './engineFuzz';
import { mutate, mutationContext, MutationContext } from './mutators';
import { Random } from '../random';

export class Generator {
  readonly corpus: SeedDocument[];
  private readonly context: MutationContext;

  constructor(private readonly seed: number) {
    this.corpus = loadCorpus();
    this.context = mutationContext(this.corpus);
  }

  document(index: number): FuzzDocument {
    const source = this.corpus[index % this.corpus.length];
    const { text, chain } = mutate(source, Random.forDocument(this.seed, index, 0), this.context);
    return { index, seed: source, text, chain };
  }

  /** The PRNG for what is done with document `index` (offsets, options, requests). */
  work(index: number): Random {
    return Random.forDocument(this.seed, index, 1);
  }
}

import { mulberry32 } from '../random.js';
import { fmix32 } from '../features/hash.js';
import { DOCUMENT_SUMS, type DocumentMeasure } from './document-measure.js';
import { DistinctCounter } from './distinct-sketch.js';
import { tailLimit, type WordCounts } from './word-counts.js';
import type { CorpusSketch } from './corpus-sketch.js';
import { diversityFigures, type DiversityFigures } from './figures.js';

/**
 * A seeded bootstrap over documents in one streaming pass (the Poisson bootstrap: Hanley & MacGibbon
 * 2006; Chamandy et al. 2012): each replicate weighs each document by an independent Poisson(1) count,
 * which for more than a few dozen documents resamples them as the classic bootstrap does, without
 * holding the documents. A replicate keeps what a corpus sketch keeps, weighted: the sums, the counts
 * of the types the main sketch keeps (head types, and the tail types of the main sketch's sample), and
 * distinct bigrams and trigrams. Memory: about R x (8 bytes per type seen + 40 KB) plus R x 64 KB at
 * most for the n-gram sets, whatever the corpus (R = 200: at most ~110 MB for a corpus using the whole
 * reference vocabulary; ~20 MB for a few thousand documents).
 *
 * The weights depend on the seed and the document's position in the input only, so a run is
 * reproducible.
 */
export interface BootstrapOptions {
  /** Replicates. @defaultValue 200 */
  replicates: number;
  /** Seed of the weights. @defaultValue 1 */
  seed: number;
}

export const DEFAULT_BOOTSTRAP: BootstrapOptions = { replicates: 200, seed: 1 };

/** P(Poisson(1) <= k), k = 0..11: inverse-CDF draws of the weights. */
const POISSON_CDF: readonly number[] = (() => {
  const out: number[] = [];
  let p = Math.exp(-1);
  let cumulative = 0;
  for (let k = 0; k < 12; k++) {
    cumulative += p;
    out.push(cumulative);
    p /= k + 1;
  }
  return out;
})();

/** The Poisson(1) weights of document `index` in every replicate. */
export function documentWeights(seed: number, index: number, replicates: number, out: Uint8Array = new Uint8Array(replicates)): Uint8Array {
  const random = mulberry32(fmix32(seed ^ fmix32(index + 0x9e3779b9)) ^ Math.imul(index, 0x85ebca6b));
  for (let r = 0; r < replicates; r++) {
    const u = random();
    let k = 0;
    while (k < POISSON_CDF.length - 1 && u > POISSON_CDF[k]!) k++;
    out[r] = k;
  }
  return out;
}

const SUMS = ['documents', ...DOCUMENT_SUMS, 'bigramPositions', 'trigramPositions'] as const;

/** The replicates of a corpus's statistics; feed it the same measures as the corpus's sketch builder. */
export class BootstrapReplicates {
  private readonly r: number;
  private readonly sums: Float64Array[];
  private readonly head = new Map<number, Uint32Array>();
  private readonly tail = new Map<number, Uint32Array>();
  private tailShift = 0;
  private readonly bigrams: DistinctCounter[];
  private readonly trigrams: DistinctCounter[];
  private readonly weights: Uint8Array;
  private index = 0;

  constructor(
    private readonly options: BootstrapOptions,
    private readonly tailCapacity: number,
    exactDistinct: number,
  ) {
    this.r = options.replicates;
    this.sums = Array.from({ length: this.r }, () => new Float64Array(SUMS.length));
    this.bigrams = Array.from({ length: this.r }, () => new DistinctCounter(exactDistinct));
    this.trigrams = Array.from({ length: this.r }, () => new DistinctCounter(exactDistinct));
    this.weights = new Uint8Array(this.r);
  }

  /** Adds the next document of the corpus (in input order: its position picks its weights). */
  add(m: DocumentMeasure): void {
    const w = documentWeights(this.options.seed, this.index++, this.r, this.weights);
    const values = [1, ...DOCUMENT_SUMS.map((k) => m[k]), Math.max(0, m.words - 1), Math.max(0, m.words - 2)];
    for (let r = 0; r < this.r; r++) {
      const k = w[r]!;
      if (k === 0) continue;
      const sums = this.sums[r]!;
      for (let i = 0; i < values.length; i++) sums[i]! += k * values[i]!;
    }
    if (m.sampledDocuments === 0) return;
    for (let i = 0; i < m.headIndex.length; i++) this.addType(this.head, m.headIndex[i]!, m.headCount[i]!, w);
    for (let i = 0; i < m.tailKey.length; i++) {
      if (m.tailKey[i]! >= tailLimit(this.tailShift)) continue;
      this.addType(this.tail, m.tailKey[i]!, m.tailCount[i]!, w);
    }
    while (this.tail.size > this.tailCapacity) {
      this.tailShift += 1;
      const limit = tailLimit(this.tailShift);
      for (const key of this.tail.keys()) if (key >= limit) this.tail.delete(key);
    }
    for (let r = 0; r < this.r; r++) {
      if (w[r] === 0) continue;
      const bigrams = this.bigrams[r]!;
      const trigrams = this.trigrams[r]!;
      for (let i = 0; i < m.bigramHigh.length; i++) bigrams.add(m.bigramHigh[i]!, m.bigramLow[i]!);
      for (let i = 0; i < m.trigramHigh.length; i++) trigrams.add(m.trigramHigh[i]!, m.trigramLow[i]!);
    }
  }

  private addType(types: Map<number, Uint32Array>, key: number, count: number, w: ArrayLike<number>): void {
    let counts = types.get(key);
    if (!counts) types.set(key, (counts = new Uint32Array(this.r)));
    for (let r = 0; r < this.r; r++) counts[r]! += w[r]! * count;
  }

  /**
   * The figures of each replicate, computed as the corpus's own are (`diversityFigures`) from a
   * sketch of the replicate's weighted documents. `main` is the corpus's sketch (limits, reference LM).
   */
  figures(main: CorpusSketch): DiversityFigures[] {
    const out: DiversityFigures[] = [];
    for (let r = 0; r < this.r; r++) {
      const sums = Object.fromEntries(SUMS.map((k, i) => [k, this.sums[r]![i]!])) as Record<(typeof SUMS)[number], number>;
      const replicate: CorpusSketch = {
        ...main,
        ...sums,
        wordCounts: this.wordCounts(r),
        bigrams: this.bigrams[r]!.sketch(),
        trigrams: this.trigrams[r]!.sketch(),
      };
      out.push(diversityFigures(replicate, { zipf: false }));
    }
    return out;
  }

  private wordCounts(r: number): WordCounts {
    const pick = (types: Map<number, Uint32Array>) => {
      const keys = [...types.keys()].filter((k) => types.get(k)![r]! > 0).sort((a, b) => a - b);
      return { keys, counts: Float64Array.from(keys, (k) => types.get(k)![r]!) };
    };
    const head = pick(this.head);
    const tail = pick(this.tail);
    return { headIndex: Float64Array.from(head.keys), headCount: head.counts, tailKey: Float64Array.from(tail.keys), tailCount: tail.counts, tailShift: this.tailShift };
  }
}

import type { Thresholds } from '../routing/thresholds.js';
import { BoundedHeap } from './bounded-heap.js';
import { decisionDistance, distanceToMiddle, randomKey } from './sample-keys.js';

export const SAMPLE_STRATEGIES = ['uncertainty', 'stratified', 'random'] as const;
export type SampleStrategy = (typeof SAMPLE_STRATEGIES)[number];

/** A scored document of a run, as the sampler sees it. */
export interface Candidate {
  /** Identifies the document for its random key: its id and where it was read from. */
  identity: string;
  score: number;
  route: string;
  /** What the uncertainty strategy spreads over (the record's source, the URL's host or the input file). */
  source: string;
}

/** A candidate drawn into the sample. */
export interface Drawn<T extends Candidate> {
  doc: T;
  /** The document's random key (orders the output and the hold-out split). */
  key: number;
  /** `route:bin` of a stratified sample. */
  stratum?: string;
  /** Documents of the run it stands for in a stratified sample: its stratum's size over its draws. */
  weight?: number;
}

export interface SamplerOptions {
  /** Documents to draw. */
  n: number;
  /** Seeds the random keys. */
  seed: number;
  /** The run's thresholds: the uncertainty strategy's decision region. */
  thresholds: Thresholds;
  /** Equal-width score bins of the stratified strategy. @defaultValue 10 */
  bins?: number;
  /**
   * Candidates the uncertainty strategy keeps per document drawn, before spreading its draw over
   * sources: bounds its memory at `pool * n` documents. @defaultValue 4
   */
  pool?: number;
}

export const SAMPLER_DEFAULTS = { bins: 10, pool: 4 } as const;

/** Draws a sample from a stream of scored documents read once, holding a bounded number of them. */
export interface Sampler<T extends Candidate> {
  offer(doc: T): void;
  /** The drawn documents, in the order of their random keys (a seeded shuffle). */
  finish(): Array<Drawn<T>>;
  /** Documents held now: at most `n` (random), `pool * n` (uncertainty), `bins * routes * n` (stratified). */
  readonly held: number;
}

/**
 * A sampler for `strategy`:
 * - `random`: the n documents with the smallest random keys (a uniform sample without replacement);
 * - `uncertainty`: the `pool * n` documents nearest the decision region (distance to the uncertain
 *   band, then to its middle, then the random key), then n of them taken in turn from each source,
 *   sources in the order of their nearest document, so that no source fills the sample alone;
 * - `stratified`: a reservoir of n per stratum (score bin x route) and the count of each stratum,
 *   then n spread as evenly as the strata allow (a stratum smaller than its share gives the rest to
 *   the others); each document carries its stratum and weight.
 */
export function createSampler<T extends Candidate>(strategy: SampleStrategy, options: SamplerOptions): Sampler<T> {
  const o = { ...SAMPLER_DEFAULTS, ...options };
  const keyed = (doc: T) => ({ doc, key: randomKey(o.seed, doc.identity) });
  const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
  switch (strategy) {
    case 'random': {
      const heap = new BoundedHeap<Drawn<T>>(o.n, byKey);
      return { offer: (doc) => void heap.offer(keyed(doc)), finish: () => heap.sorted(), get held() { return heap.size; } };
    }
    case 'uncertainty':
      return uncertaintySampler(o, keyed, byKey);
    case 'stratified':
      return stratifiedSampler(o, keyed, byKey);
  }
}

type Keyed<T extends Candidate> = (doc: T) => Drawn<T>;

function uncertaintySampler<T extends Candidate>(o: Required<SamplerOptions>, keyed: Keyed<T>, byKey: (a: Drawn<T>, b: Drawn<T>) => number): Sampler<T> {
  type Ranked = Drawn<T> & { distance: number; middle: number };
  const nearer = (a: Ranked, b: Ranked) => a.distance - b.distance || a.middle - b.middle || a.key - b.key;
  const heap = new BoundedHeap<Ranked>(o.pool * o.n, nearer);
  return {
    offer(doc) {
      heap.offer({ ...keyed(doc), distance: decisionDistance(doc.score, o.thresholds), middle: distanceToMiddle(doc.score, o.thresholds) });
    },
    finish() {
      const bySource = new Map<string, Ranked[]>();
      // Nearest first, so each source's list is in order and sources enter the map by their nearest.
      for (const r of heap.sorted()) {
        const list = bySource.get(r.doc.source);
        if (list) list.push(r);
        else bySource.set(r.doc.source, [r]);
      }
      const queues = [...bySource.values()];
      const drawn: Array<Drawn<T>> = [];
      for (let round = 0; drawn.length < o.n && queues.some((q) => q.length > round); round++) {
        for (const q of queues) if (q.length > round && drawn.length < o.n) drawn.push({ doc: q[round]!.doc, key: q[round]!.key });
      }
      return drawn.sort(byKey);
    },
    get held() {
      return heap.size;
    },
  };
}

function stratifiedSampler<T extends Candidate>(o: Required<SamplerOptions>, keyed: Keyed<T>, byKey: (a: Drawn<T>, b: Drawn<T>) => number): Sampler<T> {
  const strata = new Map<string, { heap: BoundedHeap<Drawn<T>>; count: number }>();
  let held = 0;
  return {
    offer(doc) {
      const bin = Math.min(o.bins - 1, Math.max(0, Math.floor(doc.score * o.bins)));
      const name = `${doc.route}:${bin}`;
      let stratum = strata.get(name);
      if (!stratum) strata.set(name, (stratum = { heap: new BoundedHeap(o.n, byKey), count: 0 }));
      stratum.count++;
      const before = stratum.heap.size;
      stratum.heap.offer(keyed(doc));
      held += stratum.heap.size - before;
    },
    finish() {
      const names = [...strata.keys()].sort();
      const shares = evenShares(o.n, names.map((name) => strata.get(name)!.heap.size));
      return names
        .flatMap((name, i) => {
          const { heap, count } = strata.get(name)!;
          const take = shares[i]!;
          return heap.sorted().slice(0, take).map((d) => ({ ...d, stratum: name, weight: count / take }));
        })
        .sort(byKey);
    },
    get held() {
      return held;
    },
  };
}

/**
 * `n` spread over groups as evenly as their sizes allow: each group gets an equal share, and a group
 * smaller than its share gives what it cannot take to the others. Pure.
 */
export function evenShares(n: number, sizes: readonly number[]): number[] {
  const shares = new Array<number>(sizes.length).fill(0);
  const order = sizes.map((size, i) => ({ size, i })).sort((a, b) => a.size - b.size || a.i - b.i);
  let left = n;
  order.forEach(({ size, i }, rank) => {
    const share = Math.min(size, Math.floor(left / (order.length - rank)));
    shares[i] = share;
    left -= share;
  });
  return shares;
}

import { contextSeed, keyOf } from '../../src/features/reference-lm/hash.js';
import type { NgramCounter } from '../../src/features/reference-lm/index.js';
import type { Rng } from '../../src/random.js';

/**
 * Samples text from the counts of the project's n-gram LM builder (`NgramCounter`), under the same
 * model `buildNgramLm` compiles: absolute discounting with back-off. At a context c with kept
 * continuations, a continuation w is drawn with probability (count(c w) - D) / count(c); the rest,
 * D * |continuations| / count(c), backs off to the context one symbol shorter, down to the unigrams
 * (which draw among the words seen, in proportion to count - D). The compiled model is hashed and
 * cannot list a context's continuations; the counter can.
 */
export class NgramSampler {
  private readonly cache = new Map<number, { symbols: Uint32Array; cumulative: Float64Array; keep: number } | null>();

  constructor(
    private readonly counter: NgramCounter,
    private readonly discount = 0.75,
  ) {}

  /** The next symbol after `history` (its last order - 1 symbols count). */
  next(history: readonly number[], random: Rng): number {
    const order = this.counter.order;
    for (let n = Math.min(order, history.length + 1); n >= 1; n--) {
      const table = this.table(n, history.slice(history.length - (n - 1)));
      if (!table) continue;
      const u = random();
      // Below `keep`: a kept continuation; above: back off (the unigrams keep everything).
      if (n > 1 && u >= table.keep) continue;
      const target = (n > 1 ? u : u * table.keep) * table.cumulative[table.cumulative.length - 1]! / table.keep;
      let lo = 0;
      let hi = table.cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (table.cumulative[mid]! <= target) lo = mid + 1;
        else hi = mid;
      }
      return table.symbols[lo]!;
    }
    throw new Error('the counter has no unigrams');
  }

  private table(n: number, context: readonly number[]) {
    const key = keyOf(contextSeed(n - 1), context, 0, n - 1) * 8 + n;
    let entry = this.cache.get(key);
    if (entry !== undefined) return entry;
    const counts = this.counter.contexts[n - 1]!.get(keyOf(contextSeed(n - 1), context, 0, n - 1));
    if (!counts || counts.next.size === 0) {
      this.cache.set(key, null);
      return null;
    }
    const pairs = [...counts.next].sort((a, b) => a[0] - b[0]);
    const symbols = Uint32Array.from(pairs, ([w]) => w);
    const cumulative = new Float64Array(pairs.length);
    let sum = 0;
    pairs.forEach(([, c], i) => (cumulative[i] = sum += Math.max(c - this.discount, 0)));
    entry = { symbols, cumulative, keep: sum / counts.total };
    this.cache.set(key, entry);
    return entry;
  }
}

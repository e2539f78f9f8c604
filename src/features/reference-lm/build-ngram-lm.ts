/**
 * Builds a {@link NgramLm} from symbol sequences: count, prune, estimate, compile.
 *
 * Used by scripts/build-reference-lm.ts and by tests on tiny hand-checked corpora. Build
 * time favours clarity (Maps of Maps) over memory; the compiled tables are what ship.
 */
import { contextSeed, keyOf, ngramSeed } from './hash.js';
import type { NgramLm } from './ngram-lm.js';

export interface NgramBuildOptions {
  /** Highest order. */
  order: number;
  /**
   * Absolute discount D subtracted from every kept count.
   * @defaultValue 0.75
   */
  discount?: number;
  /**
   * Minimum count to keep an n-gram, per order (index 0 = unigrams); pruned counts still
   * count towards their context's total, so their mass goes to back-off.
   * @defaultValue 1 for every order
   */
  minCounts?: number[];
}

interface ContextCounts {
  symbols: number[];
  total: number;
  next: Map<number, number>;
}

/** What the compiled model stores per context (see {@link NgramLm}). */
export interface CtxEntry {
  logAlpha: number;
  mean: number;
  second: number;
  kept: number;
}

/** Accumulates n-gram counts of every order up to `order`. */
export class NgramCounter {
  /** contexts[n - 1] holds the contexts of order-n n-grams (n - 1 symbols). */
  readonly contexts: Map<number, ContextCounts>[];

  constructor(readonly order: number) {
    this.contexts = Array.from({ length: order }, () => new Map<number, ContextCounts>());
  }

  /** Counts every n-gram (n = 1..order) of one sequence; n-grams never span sequences. */
  add(symbols: ArrayLike<number>): void {
    for (let t = 0; t < symbols.length; t++) {
      for (let n = 1; n <= this.order && n <= t + 1; n++) {
        const start = t - n + 1;
        const map = this.contexts[n - 1]!;
        const ck = keyOf(contextSeed(n - 1), symbols, start, n - 1);
        let c = map.get(ck);
        if (c === undefined) {
          c = { symbols: Array.from({ length: n - 1 }, (_, i) => symbols[start + i]!), total: 0, next: new Map() };
          map.set(ck, c);
        }
        c.total++;
        const w = symbols[t]!;
        c.next.set(w, (c.next.get(w) ?? 0) + 1);
      }
    }
  }
}

/** Estimates and compiles the model from `counter`. */
export function buildNgramLm(counter: NgramCounter, opts: NgramBuildOptions): NgramLm {
  const order = Math.min(opts.order, counter.order);
  const D = opts.discount ?? 0.75;
  const minCounts = opts.minCounts ?? [];
  const ngrams = new Map<number, { logp: number; rank: number }>();
  const ctxs = new Map<number, CtxEntry>();

  // Unigrams: kept symbols share the discounted mass; the rest is one unknown symbol.
  const root = counter.contexts[0]!.get(keyOf(contextSeed(0), [], 0, 0));
  const rootTotal = root?.total ?? 0;
  const uni = [...(root?.next ?? new Map<number, number>())].filter(([, c]) => c >= (minCounts[0] ?? 1));
  uni.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  let keptMass = 0;
  let rootMean = 0;
  let rootSecond = 0;
  uni.forEach(([w, c], i) => {
    const p = (c - D) / rootTotal;
    keptMass += p;
    const lp = Math.log(p);
    rootMean += p * lp;
    rootSecond += p * lp * lp;
    ngrams.set(keyOf(ngramSeed(1), [w], 0, 1), { logp: lp, rank: i + 1 });
  });
  const unkP = Math.max(1 - keptMass, 1e-9);
  const unkLogp = Math.log(unkP);
  rootMean += unkP * unkLogp;
  rootSecond += unkP * unkLogp * unkLogp;

  /** Back-off log P(w | ctx) using the orders estimated so far (mirrors scoreSymbols). */
  const lowerLogp = (ctx: number[], w: number): number => {
    let logAlpha = 0;
    for (let n = ctx.length + 1; n >= 1; n--) {
      const c = ctx.slice(ctx.length - (n - 1));
      let e: CtxEntry | undefined;
      if (n > 1) {
        e = ctxs.get(keyOf(contextSeed(n - 1), c, 0, n - 1));
        if (e === undefined) continue;
      }
      const g = ngrams.get(keyOf(ngramSeed(n), [...c, w], 0, n));
      if (g !== undefined) return logAlpha + g.logp;
      if (e !== undefined) logAlpha += e.logAlpha;
    }
    return logAlpha + unkLogp;
  };
  /** Moments of the full distribution P(. | ctx): that of its longest stored suffix. */
  const moments = (ctx: number[]): [number, number] => {
    for (let n = ctx.length + 1; n > 1; n--) {
      const e = ctxs.get(keyOf(contextSeed(n - 1), ctx.slice(ctx.length - (n - 1)), 0, n - 1));
      if (e !== undefined) return [e.mean, e.second];
    }
    return [rootMean, rootSecond];
  };

  for (let n = 2; n <= order; n++) {
    const minCount = minCounts[n - 1] ?? 1;
    for (const [ck, cc] of counter.contexts[n - 1]!) {
      const kept = [...cc.next].filter(([, c]) => c >= minCount);
      if (kept.length === 0) continue;
      kept.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const lower = cc.symbols.slice(1);
      const acc = new ContextAccumulator();
      kept.forEach(([w, c], i) => {
        const p = (c - D) / cc.total;
        const lp = Math.log(p);
        acc.add(lp, lowerLogp(lower, w), p);
        ngrams.set(keyOf(ngramSeed(n), [...cc.symbols, w], 0, n), { logp: lp, rank: i + 1 });
      });
      ctxs.set(ck, acc.entry(moments(lower), kept.length));
    }
  }
  return compileNgramLm(order, ngrams, ctxs, { rootMean, rootSecond, unkLogp, unkRank: uni.length + 1 });
}

/**
 * A context's back-off weight and the moments of its full next-symbol distribution, from its kept
 * continuations: each one's log P under the context and under the context's back-off (its
 * shorter suffix). The back-off weight gives the unkept symbols the mass the kept ones leave,
 * alpha = (1 - sum P_kept) / (1 - sum P_lower(kept)), so the distribution sums to 1.
 */
export class ContextAccumulator {
  private keptP = 0;
  private keptLowP = 0;
  private m1 = 0;
  private m2 = 0;
  private low1 = 0;
  private low2 = 0;

  /** One kept continuation: its log P, its log P under the back-off, and P itself when known exactly. */
  add(logp: number, lowerLogp: number, p = Math.exp(logp)): void {
    this.keptP += p;
    this.m1 += p * logp;
    this.m2 += p * logp * logp;
    const pl = Math.exp(lowerLogp);
    this.keptLowP += pl;
    this.low1 += pl * lowerLogp;
    this.low2 += pl * lowerLogp * lowerLogp;
  }

  /** The entry, given the full moments [E log P, E (log P)^2] of the lower distribution. */
  entry([f1, f2]: readonly [number, number], kept: number): CtxEntry {
    // Unobserved symbols get alpha * P_lower; their moments are the lower distribution's
    // full moments minus the kept symbols' share, shifted by log alpha.
    const u0 = Math.max(1 - this.keptLowP, 1e-12);
    const alpha = Math.max(1 - this.keptP, 1e-12) / u0;
    const la = Math.log(alpha);
    const u1 = f1 - this.low1;
    const u2 = f2 - this.low2;
    return {
      logAlpha: la,
      mean: this.m1 + alpha * (u1 + la * u0),
      second: this.m2 + alpha * (u2 + 2 * la * u1 + la * la * u0),
      kept,
    };
  }
}

function tableSize(entries: number): number {
  let size = 16;
  while (size < entries / 0.7) size *= 2;
  return size;
}

function insert(keys: Uint32Array, key: number): number {
  const mask = keys.length - 1;
  let i = key & mask;
  while (keys[i] !== 0 && keys[i] !== key) i = (i + 1) & mask;
  keys[i] = key;
  return i;
}

/** Hashed tables of a model from its n-grams and contexts, keyed as {@link keyOf} keys them. */
export function compileNgramLm(
  order: number,
  ngrams: Map<number, { logp: number; rank: number }>,
  ctxs: Map<number, CtxEntry>,
  root: { rootMean: number; rootSecond: number; unkLogp: number; unkRank: number },
): NgramLm {
  const nSize = tableSize(ngrams.size);
  const ngramKeys = new Uint32Array(nSize);
  const ngramLogp = new Float32Array(nSize);
  const ngramRank = new Uint16Array(nSize);
  for (const [k, v] of ngrams) {
    const i = insert(ngramKeys, k);
    ngramLogp[i] = v.logp;
    ngramRank[i] = Math.min(v.rank, 65535);
  }
  const cSize = tableSize(ctxs.size);
  const ctxKeys = new Uint32Array(cSize);
  const ctxLogAlpha = new Float32Array(cSize);
  const ctxMean = new Float32Array(cSize);
  const ctxSecond = new Float32Array(cSize);
  const ctxKept = new Uint32Array(cSize);
  for (const [k, v] of ctxs) {
    const i = insert(ctxKeys, k);
    ctxLogAlpha[i] = v.logAlpha;
    ctxMean[i] = v.mean;
    ctxSecond[i] = v.second;
    ctxKept[i] = v.kept;
  }
  return { order, ngramKeys, ngramLogp, ngramRank, ctxKeys, ctxLogAlpha, ctxMean, ctxSecond, ctxKept, ...root };
}

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

interface CtxEntry {
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
      let keptP = 0;
      let keptLowP = 0;
      let m1 = 0;
      let m2 = 0;
      let low1 = 0;
      let low2 = 0;
      kept.forEach(([w, c], i) => {
        const p = (c - D) / cc.total;
        const lp = Math.log(p);
        keptP += p;
        m1 += p * lp;
        m2 += p * lp * lp;
        const llp = lowerLogp(lower, w);
        const pl = Math.exp(llp);
        keptLowP += pl;
        low1 += pl * llp;
        low2 += pl * llp * llp;
        ngrams.set(keyOf(ngramSeed(n), [...cc.symbols, w], 0, n), { logp: lp, rank: i + 1 });
      });
      // Unobserved symbols get alpha * P_lower; their moments are the lower distribution's
      // full moments minus the kept symbols' share, shifted by log alpha.
      const u0 = Math.max(1 - keptLowP, 1e-12);
      const alpha = Math.max(1 - keptP, 1e-12) / u0;
      const la = Math.log(alpha);
      const [f1, f2] = moments(lower);
      const u1 = f1 - low1;
      const u2 = f2 - low2;
      ctxs.set(ck, {
        logAlpha: la,
        mean: m1 + alpha * (u1 + la * u0),
        second: m2 + alpha * (u2 + 2 * la * u1 + la * la * u0),
        kept: kept.length,
      });
    }
  }
  return compile(order, ngrams, ctxs, { rootMean, rootSecond, unkLogp, unkRank: uni.length + 1 });
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

function compile(
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

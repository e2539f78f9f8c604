/**
 * A compiled back-off n-gram language model over integer symbols, held in hashed tables.
 *
 * Model: absolute-discount back-off (Katz-style, normalised). For a context c with kept
 * continuations, P(w|c) = (count(c w) - D) / count(c); any other w gets
 * alpha(c) * P(w|c'), c' being c without its oldest symbol. A context without kept
 * continuations is simply absent (alpha = 1).
 *
 * Each context entry also stores the first two moments of log P(.|c) under P(.|c) itself,
 * computed exactly at build time over the whole vocabulary. That is what makes the
 * Fast-DetectGPT analytic sampling discrepancy and Binoculars-style entropy normalisation
 * cost one lookup per token instead of a sum over the vocabulary.
 */
import { contextSeed, keyOf, ngramSeed } from './hash.js';

export interface NgramLm {
  /** Highest n-gram order (1 = unigram). */
  order: number;
  /** Open-addressing table of n-grams: fingerprint (0 = empty), length a power of two. */
  ngramKeys: Uint32Array;
  /** Natural log P(w | context) of the n-gram's last symbol, for kept n-grams. */
  ngramLogp: Float32Array;
  /** Rank of w among the kept continuations of its context (1 = most likely), capped at 65535. */
  ngramRank: Uint16Array;
  /** Open-addressing table of contexts that have kept continuations. */
  ctxKeys: Uint32Array;
  /** Natural log of the back-off weight alpha(c). */
  ctxLogAlpha: Float32Array;
  /** E[log P] under P(.|c): minus the entropy of the next-symbol distribution. */
  ctxMean: Float32Array;
  /** E[(log P)^2] under P(.|c). */
  ctxSecond: Float32Array;
  /** Number of kept continuations of c (offsets ranks of backed-off symbols). */
  ctxKept: Uint32Array;
  /** Moments of the unigram distribution (the root context). */
  rootMean: number;
  rootSecond: number;
  /** log P of an out-of-vocabulary symbol at the unigram level and its rank. */
  unkLogp: number;
  unkRank: number;
}

/** Slot of `key` in an open-addressing table, or -1. */
export function findSlot(keys: Uint32Array, key: number): number {
  const mask = keys.length - 1;
  let i = key & mask;
  for (;;) {
    const k = keys[i]!;
    if (k === key) return i;
    if (k === 0) return -1;
    i = (i + 1) & mask;
  }
}

/** Per-token results of scoring a symbol sequence; arrays are reused between calls. */
export interface TokenScores {
  /** Number of valid entries in the arrays below. */
  length: number;
  /** log P(x_t | context). */
  logp: Float32Array;
  /** E[log P] of the model's own next-symbol distribution at t. */
  mean: Float32Array;
  /** Var[log P] of that distribution. */
  variance: Float32Array;
  /** Approximate rank of x_t in that distribution (1 = the model's top choice). */
  rank: Uint32Array;
  /** Order of the n-gram that matched (0 = unknown symbol). */
  hitOrder: Uint8Array;
}

/** Allocates buffers for sequences up to `capacity` symbols. */
export function createTokenScores(capacity: number): TokenScores {
  return {
    length: 0,
    logp: new Float32Array(capacity),
    mean: new Float32Array(capacity),
    variance: new Float32Array(capacity),
    rank: new Uint32Array(capacity),
    hitOrder: new Uint8Array(capacity),
  };
}

/**
 * Scores every position of `symbols` under `lm` into `out` (grown if too small).
 * Position t uses the min(order, t + 1) preceding-and-current symbols: no padding.
 */
export function scoreSymbols(lm: NgramLm, symbols: ArrayLike<number>, out: TokenScores): TokenScores {
  const n = symbols.length;
  if (out.logp.length < n) Object.assign(out, createTokenScores(n));
  out.length = n;
  for (let t = 0; t < n; t++) {
    let logAlpha = 0;
    let rankOffset = 0;
    let haveDist = false;
    let mean = lm.rootMean;
    let second = lm.rootSecond;
    let logp = 0;
    let rank = 0;
    let hit = 0;
    for (let order = Math.min(lm.order, t + 1); order >= 1; order--) {
      const start = t - order + 1;
      let ci = -1;
      if (order > 1) {
        ci = findSlot(lm.ctxKeys, keyOf(contextSeed(order - 1), symbols, start, order - 1));
        if (ci < 0) continue;
        if (!haveDist) {
          mean = lm.ctxMean[ci]!;
          second = lm.ctxSecond[ci]!;
          haveDist = true;
        }
      }
      const ni = findSlot(lm.ngramKeys, keyOf(ngramSeed(order), symbols, start, order));
      if (ni >= 0) {
        logp = logAlpha + lm.ngramLogp[ni]!;
        rank = rankOffset + lm.ngramRank[ni]!;
        hit = order;
        break;
      }
      if (ci >= 0) {
        logAlpha += lm.ctxLogAlpha[ci]!;
        rankOffset += lm.ctxKept[ci]!;
      }
    }
    if (hit === 0) {
      logp = logAlpha + lm.unkLogp;
      rank = rankOffset + lm.unkRank;
    }
    out.logp[t] = logp;
    out.mean[t] = mean;
    out.variance[t] = Math.max(0, second - mean * mean);
    out.rank[t] = rank;
    out.hitOrder[t] = hit;
  }
  return out;
}

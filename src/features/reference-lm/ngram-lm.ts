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
import { contextSeed, mixSymbol, ngramSeed } from './hash.js';

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
 * The tables of an {@link NgramLm} laid out for scoring: each slot's fields side by side, so a
 * look-up that hits reads one cache line instead of one per parallel array. The word model's
 * 15 MB of tables do not stay in cache between documents, and `scoreSymbols` makes up to six
 * look-ups per token, so lines touched, not instructions, set its cost.
 *
 * Slot i here holds slot i of the parallel arrays (same size, same probe order), so a look-up
 * finds exactly what {@link findSlot} finds there.
 */
export interface PackedTables {
  /** NGRAM_STRIDE int32 per slot: key, logp (float32 bits), rank. */
  ngram: Int32Array;
  ngramF: Float32Array;
  ngramMask: number;
  /** CTX_STRIDE int32 per slot: key, logAlpha, mean, second (float32 bits), kept. */
  ctx: Int32Array;
  ctxF: Float32Array;
  ctxMask: number;
  /** ngramSeed(n) for n = 0..order and contextSeed(n) for n = 0..order-1, as int32. */
  ngramSeeds: Int32Array;
  ctxSeeds: Int32Array;
}

const NGRAM_STRIDE = 4; // 16 bytes: a slot never straddles a cache line
const CTX_STRIDE = 8; // 32 bytes

/**
 * An n-gram LM in its scoring form only: the packed tables and the scalars, without the parallel
 * arrays of {@link NgramLm} (which building, saving and {@link findSlot} need). Scoring threads
 * load the shipped word model this way (`loadScoringWordLm`): the parallel arrays would be another
 * 16 MB per thread that scoring never reads.
 */
export interface PackedLm extends Pick<NgramLm, 'order' | 'rootMean' | 'rootSecond' | 'unkLogp' | 'unkRank'> {
  tables: PackedTables;
}

/**
 * The occupied entries of a model as its file stores them: the fields of {@link NgramLm}'s
 * parallel arrays, but one entry after another in file order instead of by hash slot.
 */
export type CompactEntries = Pick<NgramLm, 'ngramKeys' | 'ngramLogp' | 'ngramRank' | 'ctxKeys' | 'ctxLogAlpha' | 'ctxMean' | 'ctxSecond' | 'ctxKept'>;

/**
 * Packed tables of `ngramSlots` and `ctxSlots` slots (powers of two) filled straight from a file's
 * entries, in file order and with the same linear probing as the parallel arrays' loader, so every
 * entry lands in the slot {@link packTables} would give it: the scores are the same bits. With
 * `shared`, the two large tables live in SharedArrayBuffers, which threads given them (in
 * `workerData`) read without a copy of their own.
 */
export function packEntries(entries: CompactEntries, order: number, ngramSlots: number, ctxSlots: number, shared = false): PackedTables {
  const int32s = (length: number) => (shared ? new Int32Array(new SharedArrayBuffer(4 * length)) : new Int32Array(length));
  const ngram = int32s(ngramSlots * NGRAM_STRIDE);
  const ngramF = new Float32Array(ngram.buffer);
  const ngramMask = ngramSlots - 1;
  for (let j = 0; j < entries.ngramKeys.length; j++) {
    const at = insertPacked(ngram, NGRAM_STRIDE, ngramMask, entries.ngramKeys[j]! | 0);
    ngramF[at + 1] = entries.ngramLogp[j]!;
    ngram[at + 2] = entries.ngramRank[j]!;
  }
  const ctx = int32s(ctxSlots * CTX_STRIDE);
  const ctxF = new Float32Array(ctx.buffer);
  const ctxMask = ctxSlots - 1;
  for (let j = 0; j < entries.ctxKeys.length; j++) {
    const at = insertPacked(ctx, CTX_STRIDE, ctxMask, entries.ctxKeys[j]! | 0);
    ctxF[at + 1] = entries.ctxLogAlpha[j]!;
    ctxF[at + 2] = entries.ctxMean[j]!;
    ctxF[at + 3] = entries.ctxSecond[j]!;
    ctx[at + 4] = entries.ctxKept[j]!;
  }
  return { ngram, ngramF, ngramMask, ctx, ctxF, ctxMask, ...modelSeeds(order) };
}

/** Stores `key` in its slot (home `key & mask`, then the next free one) and returns the slot's first index. */
function insertPacked(table: Int32Array, stride: number, mask: number, key: number): number {
  let i = key & mask;
  while (table[i * stride] !== 0 && table[i * stride] !== key) i = (i + 1) & mask;
  table[i * stride] = key;
  return i * stride;
}

function modelSeeds(order: number): Pick<PackedTables, 'ngramSeeds' | 'ctxSeeds'> {
  const ngramSeeds = new Int32Array(order + 1);
  const ctxSeeds = new Int32Array(order + 1);
  for (let n = 0; n <= order; n++) {
    ngramSeeds[n] = ngramSeed(n) | 0;
    ctxSeeds[n] = contextSeed(n) | 0;
  }
  return { ngramSeeds, ctxSeeds };
}

/** Packed tables per model, built on a model's first scoring (~0.1 s and 24 MB for the word model). */
const packedCache = new WeakMap<NgramLm, PackedTables>();

function packedTables(lm: NgramLm): PackedTables {
  let p = packedCache.get(lm);
  if (p === undefined) {
    p = packTables(lm);
    packedCache.set(lm, p);
  }
  return p;
}

function packTables(lm: NgramLm): PackedTables {
  const ns = lm.ngramKeys.length;
  const ngram = new Int32Array(ns * NGRAM_STRIDE);
  const ngramF = new Float32Array(ngram.buffer);
  for (let i = 0; i < ns; i++) {
    const key = lm.ngramKeys[i]!;
    if (key === 0) continue;
    const at = i * NGRAM_STRIDE;
    ngram[at] = key | 0;
    ngramF[at + 1] = lm.ngramLogp[i]!;
    ngram[at + 2] = lm.ngramRank[i]!;
  }
  const cs = lm.ctxKeys.length;
  const ctx = new Int32Array(cs * CTX_STRIDE);
  const ctxF = new Float32Array(ctx.buffer);
  for (let i = 0; i < cs; i++) {
    const key = lm.ctxKeys[i]!;
    if (key === 0) continue;
    const at = i * CTX_STRIDE;
    ctx[at] = key | 0;
    ctxF[at + 1] = lm.ctxLogAlpha[i]!;
    ctxF[at + 2] = lm.ctxMean[i]!;
    ctxF[at + 3] = lm.ctxSecond[i]!;
    ctx[at + 4] = lm.ctxKept[i]!;
  }
  return { ngram, ngramF, ngramMask: ns - 1, ctx, ctxF, ctxMask: cs - 1, ...modelSeeds(lm.order) };
}

/** Per-position keys of the document being scored, reused between calls. */
let ngramKeyScratch = new Int32Array(1024);
let ctxKeyScratch = new Int32Array(1024);
/** Sink for the prefetching loads, so that the compiler keeps them. */
let prefetchSink = 0;

/**
 * Scores every position of `symbols` under `lm` into `out` (grown if too small).
 * Position t uses the min(order, t + 1) preceding-and-current symbols: no padding.
 *
 * Three passes: the keys of every n-gram and context the scoring may look up ({@link keyOf}'s
 * keys, built inline: key 0 is stored as 1); one load of each key's home slot, which the CPU
 * issues many at a time since none depends on another; then the back-off walk itself, whose
 * look-ups now mostly hit lines already in cache. Why: a document's look-ups land on random
 * lines of tables far larger than the core's cache, and the walk's look-ups depend on each
 * other, so without the second pass each waited out its miss alone (~300 ns per token).
 */
export function scoreSymbols(lm: NgramLm | PackedLm, symbols: ArrayLike<number>, out: TokenScores): TokenScores {
  const n = symbols.length;
  if (out.logp.length < n) Object.assign(out, createTokenScores(n));
  out.length = n;
  const { ngram, ngramF, ngramMask, ctx, ctxF, ctxMask, ngramSeeds, ctxSeeds } = 'tables' in lm ? lm.tables : packedTables(lm);
  const maxOrder = lm.order;
  const stride = maxOrder + 1; // keys of position t at [t * stride + order]
  if (ngramKeyScratch.length < n * stride) {
    ngramKeyScratch = new Int32Array(n * stride);
    ctxKeyScratch = new Int32Array(n * stride);
  }
  const nkeys = ngramKeyScratch;
  const ckeys = ctxKeyScratch;
  if (maxOrder === 3) trigramKeys(symbols, ngramSeeds, ctxSeeds, nkeys, ckeys);
  else anyOrderKeys(symbols, maxOrder, ngramSeeds, ctxSeeds, nkeys, ckeys);
  // A loop of loads and nothing else, so the CPU keeps many misses in flight at once.
  let sink = 0;
  for (let t = 0; t < n; t++) {
    const top = maxOrder < t + 1 ? maxOrder : t + 1;
    const at = t * stride;
    sink ^= ngram[(nkeys[at + 1]! & ngramMask) * NGRAM_STRIDE]!;
    for (let order = 2; order <= top; order++) {
      sink ^= ngram[(nkeys[at + order]! & ngramMask) * NGRAM_STRIDE]!;
      sink ^= ctx[(ckeys[at + order]! & ctxMask) * CTX_STRIDE]!;
    }
  }
  prefetchSink ^= sink;
  const { logp: outLogp, mean: outMean, variance: outVariance, rank: outRank, hitOrder: outHit } = out;
  for (let t = 0; t < n; t++) {
    let logAlpha = 0;
    let rankOffset = 0;
    let haveDist = false;
    let mean = lm.rootMean;
    let second = lm.rootSecond;
    let logp = 0;
    let rank = 0;
    let hit = 0;
    for (let order = maxOrder < t + 1 ? maxOrder : t + 1; order >= 1; order--) {
      let ci = -1;
      if (order > 1) {
        const ck = ckeys[t * stride + order]!;
        let i = ck & ctxMask;
        for (;;) {
          const k = ctx[i * CTX_STRIDE]!;
          if (k === ck) {
            ci = i * CTX_STRIDE;
            break;
          }
          if (k === 0) break;
          i = (i + 1) & ctxMask;
        }
        if (ci < 0) continue;
        if (!haveDist) {
          mean = ctxF[ci + 2]!;
          second = ctxF[ci + 3]!;
          haveDist = true;
        }
      }
      const nk = nkeys[t * stride + order]!;
      let ni = -1;
      let i = nk & ngramMask;
      for (;;) {
        const k = ngram[i * NGRAM_STRIDE]!;
        if (k === nk) {
          ni = i * NGRAM_STRIDE;
          break;
        }
        if (k === 0) break;
        i = (i + 1) & ngramMask;
      }
      if (ni >= 0) {
        logp = logAlpha + ngramF[ni + 1]!;
        rank = rankOffset + ngram[ni + 2]!;
        hit = order;
        break;
      }
      if (ci >= 0) {
        logAlpha += ctxF[ci + 1]!;
        rankOffset += ctx[ci + 4]!;
      }
    }
    if (hit === 0) {
      logp = logAlpha + lm.unkLogp;
      rank = rankOffset + lm.unkRank;
    }
    outLogp[t] = logp;
    outMean[t] = mean;
    outVariance[t] = Math.max(0, second - mean * mean);
    outRank[t] = rank;
    outHit[t] = hit;
  }
  return out;
}

/**
 * `keyOf` keys at every position, `nkeys[t * (maxOrder + 1) + n]` for the n-gram of order n
 * ending at t and `ckeys[...]` for its context (n > 1); key 0 is stored as 1, as `keyOf` does.
 */
function anyOrderKeys(
  symbols: ArrayLike<number>, maxOrder: number, ngramSeeds: Int32Array, ctxSeeds: Int32Array, nkeys: Int32Array, ckeys: Int32Array,
): void {
  const stride = maxOrder + 1;
  for (let t = 0; t < symbols.length; t++) {
    const top = maxOrder < t + 1 ? maxOrder : t + 1;
    for (let order = 1; order <= top; order++) {
      const start = t - order + 1;
      let key = ngramSeeds[order]! >>> 0;
      for (let k = 0; k < order; k++) key = mixSymbol(key, symbols[start + k]!);
      nkeys[t * stride + order] = (key === 0 ? 1 : key) | 0;
      if (order > 1) {
        let ck = ctxSeeds[order - 1]! >>> 0;
        for (let k = 0; k < order - 1; k++) ck = mixSymbol(ck, symbols[start + k]!);
        ckeys[t * stride + order] = (ck === 0 ? 1 : ck) | 0;
      }
    }
  }
}

/** {@link anyOrderKeys} for order 3 (the word model), the symbols of a trigram in locals. */
function trigramKeys(symbols: ArrayLike<number>, ngramSeeds: Int32Array, ctxSeeds: Int32Array, nkeys: Int32Array, ckeys: Int32Array): void {
  const n1 = ngramSeeds[1]!;
  const n2 = ngramSeeds[2]!;
  const n3 = ngramSeeds[3]!;
  const c1 = ctxSeeds[1]!;
  const c2 = ctxSeeds[2]!;
  let a = 0;
  let b = 0;
  for (let t = 0; t < symbols.length; t++) {
    const c = symbols[t]! | 0;
    const at = t * 4;
    nkeys[at + 1] = nonZero(mix32(n1, c));
    if (t >= 1) {
      nkeys[at + 2] = nonZero(mix32(mix32(n2, b), c));
      ckeys[at + 2] = nonZero(mix32(c1, b));
      if (t >= 2) {
        nkeys[at + 3] = nonZero(mix32(mix32(mix32(n3, a), b), c));
        ckeys[at + 3] = nonZero(mix32(mix32(c2, a), b));
      }
    }
    a = b;
    b = c;
  }
}

/** {@link mixSymbol} on int32 values: the same bits, without the unsigned conversions. */
function mix32(h: number, symbol: number): number {
  let x = h ^ symbol;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return x ^ (x >>> 16);
}

function nonZero(key: number): number {
  return key === 0 ? 1 : key;
}

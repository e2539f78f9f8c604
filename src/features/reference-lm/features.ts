/**
 * Likelihood features of a document under the reference language models: the CPU,
 * n-gram stand-in for what zero-shot detectors read off a neural LM.
 *
 * - mean/std/quantile of token log-probabilities (machine text is more likely, and more
 *   evenly so: lower surprisal variance);
 * - GLTR rank buckets (Gehrmann et al., 2019): the share of tokens that are the model's
 *   top-1 / top-10 / top-100 choice, or ranked past 1,000;
 * - Fast-DetectGPT's analytic sampling discrepancy (Bao et al., 2024):
 *   (sum_t log p(x_t) - sum_t E[log p]) / sqrt(sum_t Var[log p]), moments taken under the
 *   model's own next-token distributions (stored per context at build time);
 * - a Binoculars-style ratio (Hans et al., 2024): log-perplexity over the mean entropy of
 *   the next-token distributions, so that "predictable because the topic is predictable"
 *   is divided out;
 * - back-off profile: the share of tokens matched by the highest order, and unknown words.
 */
import { charSymbols, scanWordSymbols } from './tokenise.js';
import { createTokenScores, scoreSymbols, type NgramLm, type PackedLm, type TokenScores } from './ngram-lm.js';

/** The two reference models a document is scored under. */
export interface ReferenceLm {
  /** Word-level model (lower-cased words, numbers folded, punctuation as tokens). */
  word: NgramLm;
  /** Character-level model over {@link charSymbols} classes. */
  char: NgramLm;
}

/** Caps that bound the cost per document (hash lookups scale with them). */
export const MAX_WORD_TOKENS = 300;
export const MAX_CHARS = 1000;

const WORD_NAMES = [
  'meanLogp', 'stdLogp', 'q10Logp', 'q50Logp', 'meanEntropy', 'binocularsRatio',
  'discrepancy', 'discrepancyPerToken', 'rank1', 'rank10', 'rank100', 'rankOver1000',
  'topOrderHit', 'unigramOnly', 'unknown',
] as const;
const CHAR_NAMES = [
  'meanLogp', 'stdLogp', 'meanEntropy', 'binocularsRatio', 'discrepancy', 'discrepancyPerToken',
  'rank1', 'rank3', 'topOrderHit',
] as const;

/** Ordered names of the values {@link referenceLmFeatures} returns. */
export const REFERENCE_LM_FEATURE_NAMES: readonly string[] = [
  ...WORD_NAMES.map((n) => `lmWord.${n}`),
  ...CHAR_NAMES.map((n) => `lmChar.${n}`),
  'lmCross.wordMinusCharNatsPerChar',
];

// Scratch buffers: features run millions of times, allocation would dominate.
const wordScratch = createTokenScores(MAX_WORD_TOKENS);
const charScratch = createTokenScores(MAX_CHARS);
const sortScratch = new Float32Array(MAX_WORD_TOKENS);
/** The same buffer as float32 bit patterns, for {@link quantiles}. */
const sortBits = new Int32Array(sortScratch.buffer);

/** Document-level likelihood statistics of one model's token scores. */
export interface Moments {
  n: number;
  meanLogp: number;
  stdLogp: number;
  meanEntropy: number;
  sumLogp: number;
  discrepancy: number;
  discrepancyPerToken: number;
  binocularsRatio: number;
}

/**
 * Mean/std of log p, mean entropy, the Fast-DetectGPT analytic discrepancy (sum form and
 * a per-token form) and the Binoculars-style ratio, from one sequence's token scores.
 */
export function likelihoodMoments(s: TokenScores): Moments {
  const n = s.length;
  let sum = 0;
  let sum2 = 0;
  let sumMean = 0;
  let sumVar = 0;
  for (let t = 0; t < n; t++) {
    const lp = s.logp[t]!;
    sum += lp;
    sum2 += lp * lp;
    sumMean += s.mean[t]!;
    sumVar += s.variance[t]!;
  }
  if (n === 0) {
    return { n, meanLogp: 0, stdLogp: 0, meanEntropy: 0, sumLogp: 0, discrepancy: 0, discrepancyPerToken: 0, binocularsRatio: 1 };
  }
  const meanLogp = sum / n;
  const meanEntropy = -sumMean / n;
  const sd = Math.sqrt(Math.max(sumVar, 1e-9));
  return {
    n,
    meanLogp,
    stdLogp: Math.sqrt(Math.max(0, sum2 / n - meanLogp * meanLogp)),
    meanEntropy,
    sumLogp: sum,
    discrepancy: (sum - sumMean) / sd,
    // Length-free variant: the sum form grows with sqrt(n), and crawl documents vary in length.
    discrepancyPerToken: (sum - sumMean) / sd / Math.sqrt(n),
    binocularsRatio: -meanLogp / Math.max(meanEntropy, 1e-6),
  };
}

function fractionWhere(s: TokenScores, pred: (t: number) => boolean): number {
  if (s.length === 0) return 0;
  let k = 0;
  for (let t = 0; t < s.length; t++) if (pred(t)) k++;
  return k / s.length;
}

function quantile(sorted: Float32Array, n: number, q: number): number {
  if (n === 0) return 0;
  return sorted[Math.min(n - 1, Math.floor(q * n))]!;
}

/**
 * The 10% and 50% {@link quantile}s of `values[0..n)` into `out[at]`, `out[at + 1]`: the
 * values a sorted copy would hold at those ranks, bit for bit, without sorting.
 *
 * Why: `Float32Array.prototype.sort` took ~10 µs per document, a tenth of the word features.
 * Each float32 is turned into an int32 key whose order is the sort's order (negative values
 * bit-flipped, so -0 < +0 as the sort has it), and a radix selection finds each rank, one byte
 * of the key at a time: counting loops with few data-dependent branches, where a quickselect's
 * comparisons mispredicted half the time. Equal keys are equal bit patterns, so the element at
 * a rank does not depend on the method. NaN (never produced by the model) goes to the sort,
 * which places every NaN last.
 */
export function quantiles10and50(values: Float32Array, n: number, out: Float32Array, at: number): void {
  if (n === 0) {
    out[at] = 0;
    out[at + 1] = 0;
    return;
  }
  const keys = sortBits;
  let nan = false;
  let allAnd = -1;
  let anyOr = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) nan = true;
    sortScratch[i] = v;
    const b = keys[i]!;
    const key = b < 0 ? b ^ 0x7fffffff : b;
    keys[i] = key;
    allAnd &= key;
    anyOr |= key;
  }
  if (nan) {
    const sorted = sortScratch.subarray(0, n);
    sorted.set(values.subarray(0, n));
    sorted.sort();
    out[at] = quantile(sorted, n, 0.1);
    out[at + 1] = quantile(sorted, n, 0.5);
    return;
  }
  // Bits above the highest one on which the keys differ are common to all: skip them.
  const bits = 32 - Math.clz32(allAnd ^ anyOr);
  out[at] = floatOfKey(selectRank(keys, n, Math.min(n - 1, Math.floor(0.1 * n)), bits));
  out[at + 1] = floatOfKey(selectRank(keys, n, Math.min(n - 1, Math.floor(0.5 * n)), bits));
}

/** The float32 whose {@link quantiles10and50} key is `key`. */
function floatOfKey(key: number): number {
  floatBits[0] = key < 0 ? key ^ 0x7fffffff : key;
  return floatView[0]!;
}
const floatBits = new Int32Array(1);
const floatView = new Float32Array(floatBits.buffer);
const radixCounts = new Int32Array(256);
const candidates = new Int32Array(MAX_WORD_TOKENS);

/**
 * The key of rank `k` (0 = smallest, signed order) among `keys[0..n)`, which are left as they
 * are, given that they agree on all but their low `bits` bits: up to 8 bits at a time from
 * the top, count the candidates per digit, keep those with the digit that holds rank k, and go
 * on with the next bits. A digit holding the sign bit has it flipped, so that unsigned digit
 * order is signed key order.
 */
function selectRank(keys: Int32Array, n: number, k: number, bits: number): number {
  const counts = radixCounts;
  const cand = candidates;
  for (let i = 0; i < n; i++) cand[i] = keys[i]!;
  let m = n;
  let rank = k;
  let left = bits;
  while (left > 0 && m > 1) {
    const width = left < 8 ? left : 8;
    const shift = left - width;
    const mask = (1 << width) - 1;
    const flip = left === 32 ? 1 << (width - 1) : 0;
    counts.fill(0, 0, mask + 1);
    for (let i = 0; i < m; i++) counts[((cand[i]! >>> shift) & mask) ^ flip]!++;
    let digit = 0;
    while (rank >= counts[digit]!) rank -= counts[digit++]!;
    let kept = 0;
    for (let i = 0; i < m; i++) {
      const c = cand[i]!;
      cand[kept] = c;
      kept += (((c >>> shift) & mask) ^ flip) === digit ? 1 : 0;
    }
    m = kept;
    left = shift;
  }
  return cand[0]!;
}


/**
 * The reference-LM tokens a document's word features scored and their summed log-probability
 * (natural log, summed in token order in double precision): its surprisal, in the corpus statistics.
 */
export interface LmSums {
  tokens: number;
  logp: number;
}

/** Number of word-model values at the start of {@link REFERENCE_LM_FEATURE_NAMES}. */
export const WORD_FEATURE_COUNT = WORD_NAMES.length;

/**
 * The word-model features alone (the first {@link WORD_FEATURE_COUNT} of
 * {@link referenceLmFeatures}): the char model costs ~4x the word model per document, and
 * on the detector lab's checks the word features carried the gain (bench/detector-lab).
 * @param normText the normalised text (the features stage's `normalise` output)
 */
export function referenceLmWordFeatures(normText: string, word: NgramLm | PackedLm, out = new Float32Array(WORD_FEATURE_COUNT), sums?: LmSums): Float32Array {
  const words = scanWordSymbols(normText, MAX_WORD_TOKENS);
  const ws = scoreSymbols(word, words.symbols, wordScratch);
  const wm = writeWordFeatures(ws, word, out);
  if (sums) {
    sums.tokens = wm.n;
    sums.logp = wm.sumLogp;
  }
  return out;
}

/**
 * The {@link WORD_FEATURE_COUNT} word-model values of `ws` (token scores under `word`) into `out`,
 * in {@link REFERENCE_LM_FEATURE_NAMES} order; returns the moments they were taken from. Exported
 * for the detector lab, which scores other symbol streams with the same statistics.
 */
export function writeWordFeatures(ws: TokenScores, word: Pick<NgramLm, 'order'>, out: Float32Array): Moments {
  const wm = likelihoodMoments(ws);
  let i = 0;
  out[i++] = wm.meanLogp;
  out[i++] = wm.stdLogp;
  quantiles10and50(ws.logp, ws.length, out, i);
  i += 2;
  out[i++] = wm.meanEntropy;
  out[i++] = wm.binocularsRatio;
  out[i++] = wm.discrepancy;
  out[i++] = wm.discrepancyPerToken;
  // The seven shares in one pass over the tokens rather than one closure-driven pass each,
  // each test a 0/1 by arithmetic (the sign bit of a difference): ranks and hit orders vary
  // from token to token, so branches on them mispredicted several times a token.
  let rank1 = 0;
  let rank10 = 0;
  let rank100 = 0;
  let rankOver1000 = 0;
  let topOrder = 0;
  let unigramOnly = 0;
  let unknown = 0;
  const order = word.order;
  for (let t = 0; t < ws.length; t++) {
    const stored = ws.rank[t]!;
    const rank = stored > 0x7fffffff ? 0x7fffffff : stored; // an int32, so differences keep their sign
    const hit = ws.hitOrder[t]!;
    rank1 += (rank - 2) >>> 31; // rank <= 1
    rank10 += (rank - 11) >>> 31;
    rank100 += (rank - 101) >>> 31;
    rankOver1000 += (1000 - rank) >>> 31; // rank > 1000
    topOrder += ((hit ^ order) - 1) >>> 31; // hit === order
    unigramOnly += (hit - 2) >>> 31; // hit <= 1
    unknown += (hit - 1) >>> 31; // hit === 0
  }
  const share = (k: number): number => (ws.length === 0 ? 0 : k / ws.length);
  out[i++] = share(rank1);
  out[i++] = share(rank10);
  out[i++] = share(rank100);
  out[i++] = share(rankOver1000);
  out[i++] = share(topOrder);
  out[i++] = share(unigramOnly);
  out[i++] = share(unknown);
  return wm;
}

/**
 * Reference-LM features of one document, in {@link REFERENCE_LM_FEATURE_NAMES} order.
 * Pure apart from reusing scratch buffers (single-threaded per worker, so safe).
 * @param normText the normalised text (the features stage's `normalise` output)
 */
export function referenceLmFeatures(normText: string, lm: ReferenceLm): Float32Array {
  const words = scanWordSymbols(normText, MAX_WORD_TOKENS);
  const ws = scoreSymbols(lm.word, words.symbols, wordScratch);
  const out = new Float32Array(REFERENCE_LM_FEATURE_NAMES.length);
  // Word features first: they read ws before the char model reuses any scratch.
  writeWordFeatures(ws, lm.word, out);
  const wm = likelihoodMoments(ws);
  const chars = charSymbols(normText, MAX_CHARS);
  const cs = scoreSymbols(lm.char, chars, charScratch);
  const cm = likelihoodMoments(cs);
  let i = WORD_FEATURE_COUNT;
  out[i++] = cm.meanLogp;
  out[i++] = cm.stdLogp;
  out[i++] = cm.meanEntropy;
  out[i++] = cm.binocularsRatio;
  out[i++] = cm.discrepancy;
  out[i++] = cm.discrepancyPerToken;
  out[i++] = fractionWhere(cs, (t) => cs.rank[t]! <= 1);
  out[i++] = fractionWhere(cs, (t) => cs.rank[t]! <= 3);
  out[i++] = fractionWhere(cs, (t) => cs.hitOrder[t] === lm.char.order);
  // Word- vs char-model surprisal per character: a two-model contrast in Binoculars' spirit.
  out[i++] = wm.sumLogp / Math.max(1, words.charsConsumed) - cm.sumLogp / Math.max(1, cs.length);
  return out;
}

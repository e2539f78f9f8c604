import { MATTR_WINDOW, movingAverageTtr } from '../features/lexical-diversity.js';
import { normalise } from '../features/normalise.js';
import type { FeatureReading } from '../features/reading.js';
import { tokenize } from '../features/tokenize.js';
import { buildVocabulary, type Vocabulary } from '../features/vocabulary.js';
import { countWords } from '../features/window.js';
import { headIndexOf, isTailWord, NUMBER_TYPE, type ReferenceHead } from './reference-head.js';
import { bigramKeyHigh, bigramLowState, joinKey, LOW_SPAN, trigramKeyHigh, trigramKeyLow, wordKeyHigh, wordKeyLow } from './type-key.js';

/**
 * What one document contributes to its corpus's statistics: sums (integers, so that adding them up
 * in any order gives the same total) and its types and n-grams. A pure function of the text, the
 * reference vocabulary and the reference LM: every executor, and `crawlsift stats`, measures a
 * document the same way, whether the detector's features read it first (`FeatureReading`) or not.
 *
 * Words are the features' words (`tokenize` over the normalised, lower-cased text) of the whole
 * document; every word with a digit is one type, `<number>` (numbers are not vocabulary). Surprisal
 * and compression are those of the features' window (the document's first `FEATURE_SPEC.windowWords`
 * words), as the detector's lm_word and compression_ratio features read them.
 */
export interface DocumentSums {
  /** Whitespace-separated words (as the detector's window counts them), of every document: its length. */
  lengthWords: number;
  /** 1 when the document is one of the measured ones (one in `sampleEvery`, `sampling.ts`), else 0; every figure below is 0 for the others. */
  sampledDocuments: number;
  words: number;
  /** Words without a digit: what the tail share is a share of. */
  eligibleWords: number;
  /** Eligible words outside the reference's 10,000 most frequent (`isTailWord`). */
  tailWords: number;
  /** Reference-LM tokens scored (the window's first 300). */
  lmTokens: number;
  /** Their summed surprisal, -log2 P(token | two tokens before), in thousandths of a bit (rounded). */
  surprisalMillibits: number;
  /** Estimated deflate size of the window's normalised, lower-cased text, bits (rounded). */
  compressedBits: number;
  /** Code units compressed. */
  compressedCodeUnits: number;
  /** MATTR windows (`words - 49` for a document of at least 50 words, else 0). */
  mattrWindows: number;
  /** Distinct words summed over those windows. */
  mattrDistinct: number;
}

/** The fields of {@link DocumentSums}, which a corpus adds up. */
export const DOCUMENT_SUMS = [
  'lengthWords', 'sampledDocuments', 'words', 'eligibleWords', 'tailWords', 'lmTokens', 'surprisalMillibits', 'compressedBits', 'compressedCodeUnits', 'mattrWindows', 'mattrDistinct',
] as const satisfies readonly (keyof DocumentSums)[];

/**
 * A document's measure. Its arrays are views of buffers reused by the next {@link measureDocument}
 * call in the thread: read them (add the measure to a sketch) before measuring the next document.
 */
export interface DocumentMeasure extends DocumentSums {
  /** Head types (reference-vocabulary indices) and their counts. */
  headIndex: Uint32Array;
  headCount: Uint32Array;
  /** Tail types (53-bit keys) and their counts. */
  tailKey: Float64Array;
  tailCount: Uint32Array;
  /** The keys of the document's bigrams and trigrams by position (repeats included), as high and low halves. */
  bigramHigh: Uint32Array;
  bigramLow: Uint32Array;
  trigramHigh: Uint32Array;
  trigramLow: Uint32Array;
}

/** The one measure of every document left out of the sample (see {@link unmeasuredDocument}). */
const UNMEASURED: DocumentMeasure = {
  lengthWords: 0, sampledDocuments: 0, words: 0, eligibleWords: 0, tailWords: 0, lmTokens: 0, surprisalMillibits: 0,
  compressedBits: 0, compressedCodeUnits: 0, mattrWindows: 0, mattrDistinct: 0,
  headIndex: new Uint32Array(0), headCount: new Uint32Array(0), tailKey: new Float64Array(0), tailCount: new Uint32Array(0),
  bigramHigh: new Uint32Array(0), bigramLow: new Uint32Array(0), trigramHigh: new Uint32Array(0), trigramLow: new Uint32Array(0),
};

/**
 * The measure of a document left out of the sample: its length, and nothing else. One object reused
 * by every call in the thread, as the measures' arrays are (read it before the next call). Why: a new
 * object per document (seven in eight of them) grew the batch threads' heaps by ~1 MB a batch of
 * garbage V8 collected late, ~100 MB of peak RSS on the pipeline bench.
 */
export function unmeasuredDocument(text: string): DocumentMeasure {
  UNMEASURED.lengthWords = countWords(text);
  return UNMEASURED;
}

/** Buffers the measures' arrays are views of (see {@link DocumentMeasure}), grown on demand. */
let typeBuffers = typeScratch(1024);
let wordBuffers = wordScratch(4096);

function typeScratch(n: number) {
  return {
    fold: new Int32Array(n),
    high: new Uint32Array(n),
    low: new Uint32Array(n),
    headIndex: new Uint32Array(n),
    headCount: new Uint32Array(n),
    tailKey: new Float64Array(n),
    tailCount: new Uint32Array(n),
  };
}

function wordScratch(n: number) {
  return { ids: new Int32Array(n), grams: Array.from({ length: 4 }, () => new Uint32Array(n)) as [Uint32Array, Uint32Array, Uint32Array, Uint32Array] };
}

/**
 * Measures one document, from `reading`: what the features read of it (the score stage's note), or
 * `readWindow(text, lm)` when nothing read it. The window's words serve when the window holds the
 * whole document; a longer one is tokenised here, whole.
 */
export function measureDocument(text: string, head: ReferenceHead, reading: FeatureReading): DocumentMeasure {
  const lengthWords = reading.whole ? reading.windowWords : countWords(text);
  const vocabulary: Vocabulary = reading.whole ? reading.vocabulary : buildVocabulary(tokenize(normalise(text).toLowerCase()).words);
  const { types, counts, hashes, ids } = vocabulary;
  const v = types.length;
  const n = ids.length;
  if (typeBuffers.fold.length < v + 1) typeBuffers = typeScratch(2 * v + 2);
  if (wordBuffers.ids.length < n) wordBuffers = wordScratch(2 * n);
  const t = typeBuffers;

  // Types with a digit fold into one, <number>: ids are renumbered, the number type taking the id of
  // the first of them, so that the folded ids are still in order of first appearance.
  let folded = 0;
  let numberId = -1;
  let numberWords = 0;
  let heads = 0;
  let tails = 0;
  let tailWords = 0;
  for (let id = 0; id < v; id++) {
    const word = types[id]!;
    const count = counts[id]!;
    if (hasDigit(word)) {
      numberWords += count;
      if (numberId < 0) {
        numberId = folded++;
        t.high[numberId] = head.keyHigh[NUMBER_TYPE]!;
        t.low[numberId] = head.keyLow[NUMBER_TYPE]!;
      }
      t.fold[id] = numberId;
      continue;
    }
    const f = folded++;
    t.fold[id] = f;
    const index = headIndexOf(head, hashes[id]!);
    if (index >= 0) {
      t.high[f] = head.keyHigh[index]!;
      t.low[f] = head.keyLow[index]!;
      t.headIndex[heads] = index;
      t.headCount[heads++] = count;
    } else {
      const hi = wordKeyHigh(hashes[id]!);
      const lo = wordKeyLow(word);
      t.high[f] = hi;
      t.low[f] = lo;
      t.tailKey[tails] = joinKey(hi, lo);
      t.tailCount[tails++] = count;
    }
    if (isTailWord(head, word, index)) tailWords += count;
  }
  if (numberId >= 0) {
    t.headIndex[heads] = NUMBER_TYPE;
    t.headCount[heads++] = numberWords;
  }

  const { ids: foldedIds, grams } = wordBuffers;
  for (let i = 0; i < n; i++) foldedIds[i] = t.fold[ids[i]!]!;
  const [bigramHigh, bigramLow, trigramHigh, trigramLow] = grams;
  let prevHigh = 0;
  let prevLow = 0;
  for (let i = 1; i < n; i++) {
    const a = foldedIds[i - 1]!;
    const b = foldedIds[i]!;
    const bh = bigramKeyHigh(t.high[a]!, t.high[b]!);
    const bl = bigramLowState(t.low[a]!, t.low[b]!);
    bigramHigh[i - 1] = bh;
    bigramLow[i - 1] = bl & (LOW_SPAN - 1);
    if (i >= 2) {
      trigramHigh[i - 2] = trigramKeyHigh(prevHigh, t.high[b]!);
      trigramLow[i - 2] = trigramKeyLow(prevLow, t.low[b]!);
    }
    prevHigh = bh;
    prevLow = bl;
  }

  const mattrWindows = n >= MATTR_WINDOW ? n - MATTR_WINDOW + 1 : 0;
  // movingAverageTtr divides the (integer) sum by windows * window: multiplying back recovers it.
  const mattrDistinct = mattrWindows > 0 ? Math.round(movingAverageTtr(foldedIds.subarray(0, n), folded, MATTR_WINDOW) * mattrWindows * MATTR_WINDOW) : 0;
  const { lm, codeUnits, compressionRatio } = reading;

  return {
    lengthWords,
    sampledDocuments: 1,
    words: n,
    eligibleWords: n - numberWords,
    tailWords,
    lmTokens: lm.tokens,
    surprisalMillibits: Math.round((-lm.logp / Math.LN2) * 1000),
    compressedBits: codeUnits > 0 ? Math.round(compressionRatio * codeUnits * 8) : 0,
    compressedCodeUnits: codeUnits,
    mattrWindows,
    mattrDistinct,
    headIndex: t.headIndex.subarray(0, heads),
    headCount: t.headCount.subarray(0, heads),
    tailKey: t.tailKey.subarray(0, tails),
    tailCount: t.tailCount.subarray(0, tails),
    bigramHigh: bigramHigh.subarray(0, Math.max(0, n - 1)),
    bigramLow: bigramLow.subarray(0, Math.max(0, n - 1)),
    trigramHigh: trigramHigh.subarray(0, Math.max(0, n - 2)),
    trigramLow: trigramLow.subarray(0, Math.max(0, n - 2)),
  };
}

function hasDigit(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

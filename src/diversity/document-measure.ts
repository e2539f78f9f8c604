import { deflateRatioEstimate } from '../features/compression.js';
import { MATTR_WINDOW, movingAverageTtr } from '../features/lexical-diversity.js';
import { normalise } from '../features/normalise.js';
import { createTokenScores, scoreSymbols, type PackedLm, type TokenScores } from '../features/reference-lm/index.js';
import { scanWordSymbols } from '../features/reference-lm/tokenise.js';
import { tokenize } from '../features/tokenize.js';
import { buildVocabulary } from '../features/vocabulary.js';
import { headIndexOf, isTailWord, NUMBER_TYPE, type ReferenceHead } from './reference-head.js';
import { fmix32, FNV_OFFSET, fnvString } from '../features/hash.js';
import { countWords, leadingWords } from '../features/window.js';
import { bigramKeyHigh, bigramKeyLow, joinKey, trigramKeyHigh, trigramKeyLow, wordKeyHigh, wordKeyLow } from './type-key.js';

/**
 * What one document contributes to its corpus's statistics: sums (integers, so that adding them up
 * in any order gives the same total) and its types and n-grams. A pure function of the text, the
 * reference vocabulary and the reference LM: every executor, and `crawlsift stats`, measures a
 * document the same way.
 *
 * Words are the features' words (`tokenize` over the normalised, lower-cased text); every word with a
 * digit is one type, `<number>` (numbers are not vocabulary).
 */
export interface DocumentSums {
  /** Whitespace-separated words (as the detector's window counts them), of every document: its length. */
  lengthWords: number;
  /** 1 when the document is one of the measured ones (one in `sampleEvery`), else 0; every figure below is 0 for the others. */
  sampledDocuments: number;
  /** UTF-16 code units of the normalised text. */
  codeUnits: number;
  words: number;
  /** Words without a digit: what the tail share is a share of. */
  eligibleWords: number;
  /** Eligible words outside the reference's 10,000 most frequent (`isTailWord`). */
  tailWords: number;
  /** Reference-LM tokens scored (the document's first `surprisalTokens`). */
  lmTokens: number;
  /** Their summed surprisal, -log2 P(token | two tokens before), in thousandths of a bit (rounded). */
  surprisalMillibits: number;
  /** Estimated deflate size of the document's first `compressionChars` code units, bits (rounded). */
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
  'lengthWords', 'sampledDocuments', 'codeUnits', 'words', 'eligibleWords', 'tailWords', 'lmTokens', 'surprisalMillibits', 'compressedBits', 'compressedCodeUnits',
  'mattrWindows', 'mattrDistinct',
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

export interface MeasureOptions {
  /** Reference-LM tokens scored per document (its first ones): the cost of surprisal is linear in them. @defaultValue 256 */
  surprisalTokens: number;
  /** Code units compressed per document (its first ones). @defaultValue 4096 */
  compressionChars: number;
  /**
   * Measure one document in this many, chosen by a hash of its text (so every executor, thread and
   * grouping picks the same ones); the others count towards the number of documents and the length
   * distribution only. @defaultValue 1 (every document)
   */
  sampleEvery: number;
}

export const DEFAULT_MEASURE_OPTIONS: MeasureOptions = { surprisalTokens: 256, compressionChars: 4096, sampleEvery: 1 };

/** The type every word with a digit is counted as. `tokenize` never yields '<', so no word is it. */
const NUMBER_WORD = '<number>';

let scores: TokenScores = createTokenScores(DEFAULT_MEASURE_OPTIONS.surprisalTokens);
/** Buffers the measures' arrays are views of (see {@link DocumentMeasure}), grown on demand. */
let typeHigh = new Uint32Array(1024);
let typeLow = new Uint32Array(1024);
let headIndexBuffer = new Uint32Array(1024);
let headCountBuffer = new Uint32Array(1024);
let tailKeyBuffer = new Float64Array(1024);
let tailCountBuffer = new Uint32Array(1024);
let gramBuffers = Array.from({ length: 4 }, () => new Uint32Array(4096));

/** True when `text` is one of the documents measured at one in `sampleEvery`: a hash of its first 1,024 code units and its length. */
export function isSampled(text: string, sampleEvery: number): boolean {
  if (sampleEvery <= 1) return true;
  const h = fnvString(FNV_OFFSET, text.length > 1024 ? text.slice(0, 1024) : text);
  return fmix32(h ^ text.length) % sampleEvery === 0;
}

const EMPTY_MEASURE: DocumentMeasure = {
  ...(Object.fromEntries(DOCUMENT_SUMS.map((k) => [k, 0])) as unknown as DocumentSums),
  headIndex: new Uint32Array(0),
  headCount: new Uint32Array(0),
  tailKey: new Float64Array(0),
  tailCount: new Uint32Array(0),
  bigramHigh: new Uint32Array(0),
  bigramLow: new Uint32Array(0),
  trigramHigh: new Uint32Array(0),
  trigramLow: new Uint32Array(0),
};

export function measureDocument(text: string, head: ReferenceHead, lm: PackedLm, options: MeasureOptions = DEFAULT_MEASURE_OPTIONS): DocumentMeasure {
  const lengthWords = countWords(text);
  if (!isSampled(text, options.sampleEvery)) return { ...EMPTY_MEASURE, lengthWords };
  const norm = normalise(text);
  const words = tokenize(norm.toLowerCase()).words;
  let eligibleWords = 0;
  for (let i = 0; i < words.length; i++) {
    if (hasDigit(words[i]!)) words[i] = NUMBER_WORD;
    else eligibleWords++;
  }
  const { types, counts, hashes, ids } = buildVocabulary(words);
  const v = types.length;
  if (typeHigh.length < v) {
    typeHigh = new Uint32Array(2 * v);
    typeLow = new Uint32Array(2 * v);
    headIndexBuffer = new Uint32Array(2 * v);
    headCountBuffer = new Uint32Array(2 * v);
    tailKeyBuffer = new Float64Array(2 * v);
    tailCountBuffer = new Uint32Array(2 * v);
  }
  let heads = 0;
  let tails = 0;
  let tailWords = 0;
  for (let id = 0; id < v; id++) {
    const word = types[id]!;
    const count = counts[id]!;
    const hi = wordKeyHigh(hashes[id]!);
    const lo = wordKeyLow(word);
    typeHigh[id] = hi;
    typeLow[id] = lo;
    const isNumber = word === NUMBER_WORD;
    const index = isNumber ? NUMBER_TYPE : headIndexOf(head, hashes[id]!);
    if (index >= 0) {
      headIndexBuffer[heads] = index;
      headCountBuffer[heads++] = count;
    } else {
      tailKeyBuffer[tails] = joinKey(hi, lo);
      tailCountBuffer[tails++] = count;
    }
    if (!isNumber && isTailWord(head, word, index)) tailWords += count;
  }

  const n = ids.length;
  if (gramBuffers[0]!.length < n) gramBuffers = Array.from({ length: 4 }, () => new Uint32Array(2 * n));
  const [bigramHigh, bigramLow, trigramHigh, trigramLow] = gramBuffers as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  for (let t = 1; t < n; t++) {
    const a = ids[t - 1]!;
    const b = ids[t]!;
    bigramHigh[t - 1] = bigramKeyHigh(typeHigh[a]!, typeHigh[b]!);
    bigramLow[t - 1] = bigramKeyLow(typeLow[a]!, typeLow[b]!);
    if (t >= 2) {
      const z = ids[t - 2]!;
      trigramHigh[t - 2] = trigramKeyHigh(typeHigh[z]!, typeHigh[a]!, typeHigh[b]!);
      trigramLow[t - 2] = trigramKeyLow(typeLow[z]!, typeLow[a]!, typeLow[b]!);
    }
  }

  const mattrWindows = n >= MATTR_WINDOW ? n - MATTR_WINDOW + 1 : 0;
  // movingAverageTtr divides the (integer) sum by windows * window: multiplying back recovers it.
  const mattrDistinct = mattrWindows > 0 ? Math.round(movingAverageTtr(ids, v, MATTR_WINDOW) * mattrWindows * MATTR_WINDOW) : 0;

  // The first surprisalTokens whitespace words hold at least that many LM tokens, and end where one does.
  const symbols = scanWordSymbols(leadingWords(norm, options.surprisalTokens), options.surprisalTokens).symbols;
  scores = scoreSymbols(lm, symbols, scores);
  let nats = 0;
  for (let t = 0; t < symbols.length; t++) nats -= scores.logp[t]!;
  const compressed = norm.length > options.compressionChars ? norm.slice(0, options.compressionChars) : norm;

  return {
    lengthWords,
    sampledDocuments: 1,
    codeUnits: norm.length,
    words: n,
    eligibleWords,
    tailWords,
    lmTokens: symbols.length,
    surprisalMillibits: Math.round((nats / Math.LN2) * 1000),
    compressedBits: Math.round(deflateRatioEstimate(compressed) * compressed.length * 8),
    compressedCodeUnits: compressed.length,
    mattrWindows,
    mattrDistinct,
    headIndex: headIndexBuffer.subarray(0, heads),
    headCount: headCountBuffer.subarray(0, heads),
    tailKey: tailKeyBuffer.subarray(0, tails),
    tailCount: tailCountBuffer.subarray(0, tails),
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

import { deflateRatioEstimate } from '../features/compression.js';
import { MATTR_WINDOW, movingAverageTtr } from '../features/lexical-diversity.js';
import { normalise } from '../features/normalise.js';
import { createTokenScores, scoreSymbols, type PackedLm, type TokenScores } from '../features/reference-lm/index.js';
import { scanWordSymbols } from '../features/reference-lm/tokenise.js';
import { tokenize } from '../features/tokenize.js';
import { buildVocabulary } from '../features/vocabulary.js';
import { headIndexOf, isTailWord, NUMBER_TYPE, type ReferenceHead } from './reference-head.js';
import { bigramKey, joinKey, trigramKey, wordKeyHigh, wordKeyLow } from './type-key.js';

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
  /** Estimated deflate size of the first `compressionChars` code units, bits (rounded). */
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
  'codeUnits', 'words', 'eligibleWords', 'tailWords', 'lmTokens', 'surprisalMillibits', 'compressedBits', 'compressedCodeUnits', 'mattrWindows', 'mattrDistinct',
] as const satisfies readonly (keyof DocumentSums)[];

export interface DocumentMeasure extends DocumentSums {
  /** Head types (reference-vocabulary indices) and their counts. */
  headIndex: Uint32Array;
  headCount: Uint32Array;
  /** Tail types (53-bit keys) and their counts. */
  tailKey: Float64Array;
  tailCount: Uint32Array;
  /** The keys of the document's bigrams and trigrams, by position (repeats included). */
  bigrams: Float64Array;
  trigrams: Float64Array;
}

export interface MeasureOptions {
  /** Reference-LM tokens scored per document (its first ones): the cost of surprisal is linear in them. @defaultValue 256 */
  surprisalTokens: number;
  /** Code units compressed per document (its first ones). @defaultValue 4096 */
  compressionChars: number;
}

export const DEFAULT_MEASURE_OPTIONS: MeasureOptions = { surprisalTokens: 256, compressionChars: 4096 };

/** The type every word with a digit is counted as. `tokenize` never yields '<', so no word is it. */
const NUMBER_WORD = '<number>';

let scores: TokenScores = createTokenScores(DEFAULT_MEASURE_OPTIONS.surprisalTokens);
/** Key halves by the document's type ids, reused across documents. */
let keyHigh = new Uint32Array(1024);
let keyLow = new Uint32Array(1024);

export function measureDocument(text: string, head: ReferenceHead, lm: PackedLm, options: MeasureOptions = DEFAULT_MEASURE_OPTIONS): DocumentMeasure {
  const norm = normalise(text);
  const words = tokenize(norm.toLowerCase()).words;
  let eligibleWords = 0;
  for (let i = 0; i < words.length; i++) {
    if (hasDigit(words[i]!)) words[i] = NUMBER_WORD;
    else eligibleWords++;
  }
  const vocabulary = buildVocabulary(words);
  const { types, counts, hashes, ids } = vocabulary;
  if (keyHigh.length < types.length) {
    keyHigh = new Uint32Array(2 * types.length);
    keyLow = new Uint32Array(2 * types.length);
  }
  const headIndex: number[] = [];
  const headCount: number[] = [];
  const tailKey: number[] = [];
  const tailCount: number[] = [];
  let tailWords = 0;
  for (let id = 0; id < types.length; id++) {
    const word = types[id]!;
    const hi = wordKeyHigh(hashes[id]!);
    const lo = wordKeyLow(word);
    keyHigh[id] = hi;
    keyLow[id] = lo;
    const isNumber = word === NUMBER_WORD;
    const index = isNumber ? NUMBER_TYPE : headIndexOf(head, hashes[id]!);
    if (index >= 0) {
      headIndex.push(index);
      headCount.push(counts[id]!);
    } else {
      tailKey.push(joinKey(hi, lo));
      tailCount.push(counts[id]!);
    }
    if (!isNumber && isTailWord(head, word, index)) tailWords += counts[id]!;
  }

  const n = ids.length;
  const bigrams = new Float64Array(Math.max(0, n - 1));
  const trigrams = new Float64Array(Math.max(0, n - 2));
  for (let t = 1; t < n; t++) {
    const a = ids[t - 1]!;
    const b = ids[t]!;
    bigrams[t - 1] = bigramKey(keyHigh[a]!, keyLow[a]!, keyHigh[b]!, keyLow[b]!);
    if (t >= 2) {
      const z = ids[t - 2]!;
      trigrams[t - 2] = trigramKey(keyHigh[z]!, keyLow[z]!, keyHigh[a]!, keyLow[a]!, keyHigh[b]!, keyLow[b]!);
    }
  }

  const mattrWindows = n >= MATTR_WINDOW ? n - MATTR_WINDOW + 1 : 0;
  // movingAverageTtr divides the (integer) sum by windows * window: multiplying back recovers it.
  const mattrDistinct = mattrWindows > 0 ? Math.round(movingAverageTtr(ids, types.length, MATTR_WINDOW) * mattrWindows * MATTR_WINDOW) : 0;

  const symbols = scanWordSymbols(norm, options.surprisalTokens).symbols;
  scores = scoreSymbols(lm, symbols, scores);
  let nats = 0;
  for (let t = 0; t < symbols.length; t++) nats -= scores.logp[t]!;

  const compressed = norm.length > options.compressionChars ? norm.slice(0, options.compressionChars) : norm;

  return {
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
    headIndex: Uint32Array.from(headIndex),
    headCount: Uint32Array.from(headCount),
    tailKey: Float64Array.from(tailKey),
    tailCount: Uint32Array.from(tailCount),
    bigrams,
    trigrams,
  };
}

function hasDigit(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

import type { TextAnalysis } from './analysis.js';
import { compressionRatioOf, deflateRatioEstimate } from './compression.js';
import { featureText } from './ending.js';
import { wordLmFeatures, wordLmSumsOf } from './reference-lm-word.js';
import { shippedWordLm, type LmSums, type NgramLm, type PackedLm } from './reference-lm/index.js';
import { FEATURE_SPEC } from './spec.js';
import { tokenize } from './tokenize.js';
import { buildVocabulary, type Vocabulary } from './vocabulary.js';
import { leadingWindow, type LeadingWindow } from './window.js';

/**
 * What the features read of a document, for a later reader of the same text (the corpus statistics,
 * src/diversity) that would otherwise normalise, tokenise and score it again: the words of the
 * features' window as identified and counted, the reference-LM log-probabilities behind the lm_word
 * features, and the compression estimate behind compression_ratio. A pure function of the text and
 * the reference LM: {@link readWindow} computes the same without the features.
 */
export interface FeatureReading {
  /** Whitespace-separated words in the window (the first `FEATURE_SPEC.windowWords`): all the text's when `whole`. */
  windowWords: number;
  /** True when the window holds the whole text (it has at most `windowWords` words). */
  whole: boolean;
  /** The window's words: normalised, lower-cased and tokenised (`tokenize`), with ids and counts. */
  vocabulary: Vocabulary;
  /** Reference-LM tokens scored (the window's first `MAX_WORD_TOKENS`) and their summed log-probability, nats (0 and 0 without words). */
  lm: LmSums;
  /** Code units of the window's normalised, lower-cased text, and its estimated deflate ratio (`deflateRatioEstimate`). */
  codeUnits: number;
  compressionRatio: number;
}

/** The reading of a document whose features were just extracted from `a`, the analysis of its `window` (from the features' memos: nothing is computed again). */
export function readingOf(window: LeadingWindow, a: TextAnalysis): FeatureReading {
  return {
    windowWords: window.words,
    whole: window.whole,
    vocabulary: a.vocabulary,
    lm: wordLmSumsOf(a),
    codeUnits: a.text.length,
    compressionRatio: compressionRatioOf(a),
  };
}

/**
 * The reading of `text` without the features: its window normalised, lower-cased, tokenised,
 * scored under `lm` and compressed as `extractFeatures` does (under the shipped reference LM, the
 * same reading as the features').
 */
export function readWindow(text: string, lm: NgramLm | PackedLm = shippedWordLm()): FeatureReading {
  const window = leadingWindow(text, FEATURE_SPEC.windowWords);
  const norm = featureText(window.text);
  const words = tokenize(norm).words;
  const lmSums = { tokens: 0, logp: 0 };
  wordLmFeatures(norm, words.length, lm, lmSums);
  return {
    windowWords: window.words,
    whole: window.whole,
    vocabulary: buildVocabulary(words),
    lm: lmSums,
    codeUnits: norm.length,
    compressionRatio: deflateRatioEstimate(norm),
  };
}

import type { TextAnalysis } from './analysis.js';
import { referenceLmWordFeatures, shippedWordLm, WORD_FEATURE_COUNT, type LmSums, type NgramLm, type PackedLm } from './reference-lm/index.js';

/**
 * Likelihood features under the shipped word-trigram reference LM (pre-LLM human English:
 * Brown, State of the Union, nlp-corpus), as a signature family. GLTR ranks, Fast-DetectGPT's
 * analytic discrepancy and a Binoculars-style ratio, computed on the n-gram stand-in.
 *
 * Word model only: the char model costs ~4x as much per document and, on the detector lab's
 * checks (dense MLP: dev, modern hold-out, leave-one-source-out), added nothing the word
 * model did not (bench/detector-lab/RESULTS.md).
 */

// All 15 values come from one scoring pass; the signature asks for them one by one, in a row,
// for one analysis at a time. So the last analysis and its values are remembered: cheaper than
// a WeakMap look-up per value, and the GC has no ephemeron to process per document.
let lastAnalysis: TextAnalysis | undefined;
let lastValues: Float32Array = new Float32Array(WORD_FEATURE_COUNT);
let lastSums: LmSums = { tokens: 0, logp: 0 };

function wordLmValues(a: TextAnalysis): Float32Array {
  if (a !== lastAnalysis) {
    const sums = { tokens: 0, logp: 0 };
    lastValues = wordLmFeatures(a.text, a.tokens.words.length, shippedWordLm(), sums);
    lastSums = sums;
    lastAnalysis = a;
  }
  return lastValues;
}

/**
 * The word-model values of a normalised, lower-cased text of `words` words under `lm`, and (into
 * `sums`) the tokens and summed log-probability they come from. No words, no evidence: zeros like
 * every other signature feature (and no LM load).
 */
export function wordLmFeatures(text: string, words: number, lm: NgramLm | PackedLm, sums: LmSums): Float32Array {
  if (words === 0) {
    sums.tokens = 0;
    sums.logp = 0;
    return new Float32Array(WORD_FEATURE_COUNT);
  }
  return referenceLmWordFeatures(text, lm, new Float32Array(WORD_FEATURE_COUNT), sums);
}

/** The LM tokens and summed log-probability behind the lm_word features of `a` (computed once with them). */
export function wordLmSumsOf(a: TextAnalysis): LmSums {
  wordLmValues(a);
  return lastSums;
}

/** Name and description of each value, in `referenceLmWordFeatures` order. */
const WORD_LM_FEATURES: ReadonlyArray<readonly [string, string]> = [
  ['lm_word_mean_logp', 'mean natural-log probability of word tokens under the reference word LM'],
  ['lm_word_std_logp', 'standard deviation of word-token log probabilities'],
  ['lm_word_q10_logp', '10th percentile of word-token log probabilities'],
  ['lm_word_q50_logp', 'median word-token log probability'],
  ['lm_word_mean_entropy', 'mean entropy (nats) of the LM next-word distributions'],
  ['lm_word_binoculars_ratio', 'log-perplexity / mean entropy (Binoculars-style)'],
  ['lm_word_discrepancy', 'Fast-DetectGPT analytic discrepancy: (sum log p - sum E[log p]) / sqrt(sum Var)'],
  ['lm_word_discrepancy_per_token', 'analytic discrepancy / sqrt(tokens), length-free'],
  ['lm_word_rank1', 'share of tokens that are the LM top-1 choice (GLTR)'],
  ['lm_word_rank10', 'share of tokens in the LM top 10 (GLTR)'],
  ['lm_word_rank100', 'share of tokens in the LM top 100 (GLTR)'],
  ['lm_word_rank_over_1000', 'share of tokens ranked past 1,000 (GLTR)'],
  ['lm_word_top_order_hit', 'share of tokens matched by a full trigram'],
  ['lm_word_unigram_only', 'share of tokens the LM backs off to unigrams (or unknown) for'],
  ['lm_word_unknown', 'share of tokens unknown to the LM'],
];

/** The family's signature entries (appended to the signature in this order). */
export const REFERENCE_LM_WORD_FEATURES = WORD_LM_FEATURES.map(([name, description], i) => ({
  name,
  family: 'reference-lm-word',
  description,
  compute: (a: TextAnalysis): number => wordLmValues(a)[i]!,
}));

import type { TextAnalysis } from '../../src/features/analysis.js';
import { WORD_FEATURE_COUNT } from '../../src/features/reference-lm/index.js';
import { spokenLm, spokenLmFeatures } from './spoken-lm/features.js';

/**
 * Lab only (not in the shipped signature: tried as sig-5 and not adopted, see
 * bench/detector-lab/RESULTS.md, "Detector v2"). Likelihood features under a second, much larger reference LM: CMU Sphinx's US English trigram
 * model (72,547 words; built by CMU from pre-LLM text for speech recognition; Debian
 * pocketsphinx-en-us, BSD-2-Clause), pruned and converted by build-spoken-lm.ts. It reads
 * the text as a speech recogniser's LM does: words and sentence boundaries, no punctuation (see
 * `scanSpokenSymbols` in spoken-lm/stream.ts). The same 15 statistics as the `lm_word_*` family.
 *
 * Why a second LM: the shipped word LM is estimated from about 1.3M words of Brown, State of the
 * Union and nlp-corpus text; the CMU model from far more, so its likelihoods, ranks and entropies
 * are GLTR-style evidence of a much broader pre-LLM English. Its figures are in
 * bench/detector-lab/RESULTS.md ("Detector v2").
 */

// As in reference-lm-word.ts: the 15 values come from one pass, asked for one by one.
let lastAnalysis: TextAnalysis | undefined;
let lastValues: Float32Array = new Float32Array(WORD_FEATURE_COUNT);

function spokenLmValues(a: TextAnalysis): Float32Array {
  if (a !== lastAnalysis) {
    lastValues = a.tokens.words.length === 0
      ? new Float32Array(WORD_FEATURE_COUNT)
      : spokenLmFeatures(a.text, spokenLm(), new Float32Array(WORD_FEATURE_COUNT));
    lastAnalysis = a;
  }
  return lastValues;
}

const SPOKEN_LM_FEATURES: ReadonlyArray<readonly [string, string]> = [
  ['lm_spoken_mean_logp', 'mean natural-log probability of words (and sentence ends) under the spoken-English LM'],
  ['lm_spoken_std_logp', 'standard deviation of those log probabilities'],
  ['lm_spoken_q10_logp', '10th percentile of those log probabilities'],
  ['lm_spoken_q50_logp', 'median of those log probabilities'],
  ['lm_spoken_mean_entropy', 'mean entropy (nats) of the spoken LM next-word distributions'],
  ['lm_spoken_binoculars_ratio', 'log-perplexity / mean entropy under the spoken LM'],
  ['lm_spoken_discrepancy', 'analytic discrepancy under the spoken LM'],
  ['lm_spoken_discrepancy_per_token', 'analytic discrepancy / sqrt(tokens) under the spoken LM'],
  ['lm_spoken_rank1', 'share of tokens that are the spoken LM top-1 choice'],
  ['lm_spoken_rank10', 'share of tokens in the spoken LM top 10'],
  ['lm_spoken_rank100', 'share of tokens in the spoken LM top 100'],
  ['lm_spoken_rank_over_1000', 'share of tokens ranked past 1,000 by the spoken LM'],
  ['lm_spoken_top_order_hit', 'share of tokens matched by a full trigram of the spoken LM'],
  ['lm_spoken_unigram_only', 'share of tokens the spoken LM backs off to unigrams (or unknown) for'],
  ['lm_spoken_unknown', 'share of tokens unknown to the spoken LM (numbers among them)'],
];

/** The family's signature entries (appended to the signature in this order). */
export const REFERENCE_LM_SPOKEN_FEATURES = SPOKEN_LM_FEATURES.map(([name, description], i) => ({
  name,
  family: 'reference-lm-spoken',
  description,
  compute: (a: TextAnalysis): number => spokenLmValues(a)[i]!,
}));

/**
 * The 15 word-model statistics under the spoken-English LM, and that LM's file. Lab only (tried as
 * sig-5 and not adopted: bench/detector-lab/RESULTS.md, "The spoken-English LM").
 */
import { MAX_WORD_TOKENS, WORD_FEATURE_COUNT, writeWordFeatures } from '../../../src/features/reference-lm/features.js';
import { loadScoringWordLm } from '../../../src/features/reference-lm/format.js';
import { packagedPath } from '../../../src/features/reference-lm/shipped-lm.js';
import { createTokenScores, scoreSymbols, type NgramLm, type PackedLm } from '../../../src/features/reference-lm/ngram-lm.js';
import { scanSpokenSymbols } from './stream.js';

const spokenScratchScores = createTokenScores(MAX_WORD_TOKENS);

/**
 * The same {@link WORD_FEATURE_COUNT} values as `referenceLmWordFeatures`, under a speech
 * recogniser's language model (no punctuation, sentences marked; see `scanSpokenSymbols`): the
 * words and sentence ends of the first {@link MAX_WORD_TOKENS} symbols are scored, the sentence
 * starts are context only.
 * @param normText the normalised text
 */
export function spokenLmFeatures(normText: string, lm: NgramLm | PackedLm, out = new Float32Array(WORD_FEATURE_COUNT)): Float32Array {
  const { symbols, scored } = scanSpokenSymbols(normText, MAX_WORD_TOKENS);
  const s = scoreSymbols(lm, symbols, spokenScratchScores);
  // Keep the scored positions only, in order.
  let k = 0;
  for (let t = 0; t < s.length; t++) {
    if (scored[t] === 0) continue;
    s.logp[k] = s.logp[t]!;
    s.mean[k] = s.mean[t]!;
    s.variance[k] = s.variance[t]!;
    s.rank[k] = s.rank[t]!;
    s.hitOrder[k] = s.hitOrder[t]!;
    k++;
  }
  s.length = k;
  writeWordFeatures(s, lm, out);
  return out;
}

/** Where build-spoken-lm.ts writes the model by default, from the repository's root (not committed). */
export const SPOKEN_LM_FILE = 'bench/detector-lab/tmp/spoken-lm.bin';

/** Path of the spoken-English LM: `$CRAWLSIFT_SPOKEN_LM`, else {@link SPOKEN_LM_FILE}. */
export function spokenLmPath(): string {
  return packagedPath('CRAWLSIFT_SPOKEN_LM', SPOKEN_LM_FILE);
}

let cached: PackedLm | undefined;

/**
 * The spoken-English LM (CMU Sphinx's US English trigram model, converted by
 * bench/detector-lab/build-spoken-lm.ts) in its scoring form, loaded on first use and kept for the
 * life of the process: what the lab's `lm_spoken_*` features read (spoken-lm-features.ts).
 */
export function spokenLm(): PackedLm {
  cached ??= loadScoringWordLm(spokenLmPath());
  return cached;
}

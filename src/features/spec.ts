import type { NgramSettings } from './ngrams.js';
import { SIGNATURE_FEATURES } from './signature.js';

/**
 * What a model was trained on: the version of the feature definitions, the dense feature
 * names in vector order, and how the sparse n-gram input is hashed. A model card stores it;
 * a loader compares it with `FEATURE_SPEC` (see `featureSpecMismatch`) and refuses a model
 * whose inputs would mean something else.
 */
export interface FeatureSpec {
  /** Version of the feature definitions; bumped whenever any feature's meaning changes. */
  version: string;
  /** Names of the dense signature features, in vector order. */
  signature: string[];
  /** Number of hash buckets for the sparse n-gram input (= ngrams.buckets). */
  buckets: number;
  /** Features read only the document's first `windowWords` whitespace-separated words. */
  windowWords: number;
  /** How word and character n-grams are cut and hashed. */
  ngrams: NgramSettings & { hash: string };
}

/** Dense values and sparse n-gram bucket indices of one document. */
export interface FeatureVector {
  /** Dense signature statistics, `spec.signature.length` long, all finite. */
  dense: Float32Array;
  /** Hash-bucket indices (0..buckets-1) of the document's word and character n-grams; may repeat. */
  sparse: Int32Array;
}

const BUCKETS = 1 << 18;

/** The features this build computes. */
export const FEATURE_SPEC: FeatureSpec = {
  // sig-2 appended the reference-LM word features (lm_word_*); sig-3 reads only the first
  // windowWords words (src/features/window.ts); sig-4 removes pictographs and emoji sequences
  // (normalise.ts) and reads the text without its closing punctuation (ending.ts). (A sig-5 with
  // the spoken-English LM features was tried and not adopted: bench/detector-lab/RESULTS.md.)
  version: 'sig-4',
  signature: SIGNATURE_FEATURES.map((f) => f.name),
  buckets: BUCKETS,
  // Just under the longest training documents (modern: 90th percentile 337 words, max 416).
  windowWords: 320,
  ngrams: {
    buckets: BUCKETS,
    wordMaxOrder: 2,
    charMinOrder: 3,
    charMaxOrder: 5,
    maxWords: 2000,
    maxChars: 4000,
    wordSeed: 0x776f7264, // "word"
    charSeed: 0x63686172, // "char"
    hash: 'fnv1a32+fmix32',
  },
};

/**
 * Why a model's recorded spec cannot be used with this build's features, or null when it can.
 * Compares version, signature names and order, and every n-gram setting.
 */
export function featureSpecMismatch(recorded: FeatureSpec, current: FeatureSpec = FEATURE_SPEC): string | null {
  if (recorded.version !== current.version) {
    return `feature spec version ${JSON.stringify(recorded.version)} does not match this build's ${JSON.stringify(current.version)}`;
  }
  if (recorded.signature.length !== current.signature.length || recorded.signature.some((n, i) => n !== current.signature[i])) {
    return `signature features [${recorded.signature.join(', ')}] differ from this build's [${current.signature.join(', ')}]`;
  }
  if (recorded.windowWords !== current.windowWords) {
    return `feature window ${recorded.windowWords} words differs from this build's ${current.windowWords}`;
  }
  if (recorded.buckets !== current.buckets) {
    return `hash buckets ${recorded.buckets} differ from this build's ${current.buckets}`;
  }
  const keys = Object.keys(current.ngrams) as Array<keyof FeatureSpec['ngrams']>;
  for (const key of keys) {
    if (recorded.ngrams?.[key] !== current.ngrams[key]) {
      return `n-gram setting ${key} = ${JSON.stringify(recorded.ngrams?.[key])} differs from this build's ${JSON.stringify(current.ngrams[key])}`;
    }
  }
  return null;
}

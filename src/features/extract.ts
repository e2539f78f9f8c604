import { analyseNormalised, type TextAnalysis } from './analysis.js';
import { CLASS_LM_FEATURES, classLmFeatures, classLmTokens, type ClassLmTables } from './class-lm/index.js';
import { featureText } from './ending.js';
import { hashNgrams, IdScratch } from './ngrams.js';
import { readingOf, type FeatureReading } from './reading.js';
import { SIGNATURE_FEATURES } from './signature.js';
import { FEATURE_SPEC, type FeatureSpec, type FeatureVector } from './spec.js';
import { leadingWindow, type LeadingWindow } from './window.js';

/**
 * Features of one raw document: keeps its first `spec.windowWords` words, normalises them,
 * drops the closing punctuation at their end (see `ending.ts`), lower-cases and tokenises them,
 * then computes the dense signature and the hashed n-gram indices.
 *
 * The signature definitions are fixed by this build, so `spec` must carry this build's version
 * and signature; its n-gram settings are honoured (so tests and experiments can vary them).
 * A non-finite feature value (none is expected) is written as 0 so the model never sees NaN.
 * With a model's class LM (see `ClassLm`), its features follow the signature in the dense array.
 */
export function extractFeatures(text: string, spec: FeatureSpec = FEATURE_SPEC, classLm?: ClassLmTables): FeatureVector {
  return extract(text, spec, new Float32Array(denseSize(classLm)), undefined, classLm).vector;
}

/** The word hashes a class LM reads of a raw document: its feature window's text, as `extract` reads it. */
export function classLmDocumentTokens(text: string): Uint32Array {
  return classLmTokens(featureText(leadingWindow(text, FEATURE_SPEC.windowWords).text));
}

/** Dense values per document: the signature, then a class LM's features when there is one. */
export function denseSize(classLm?: ClassLmTables): number {
  return SIGNATURE_FEATURES.length + (classLm ? CLASS_LM_FEATURES.length : 0);
}

/** {@link extractFeatures}, and what they read of the text (see `FeatureReading`), at no extra cost. */
export function extractFeaturesAndReading(text: string): { vector: FeatureVector; reading: FeatureReading } {
  const { vector, window, analysis } = extract(text, FEATURE_SPEC);
  return { vector, reading: readingOf(window, analysis) };
}

/**
 * Extracts the features of one document after another into the same two arrays: for a scorer that
 * uses each vector before it extracts the next (it pools the n-gram bag at once), so a document
 * allocates no typed array that outlives it. The vector {@link extract} returns, and its arrays, are
 * valid until its next call; the values are those of {@link extractFeatures}.
 */
export class FeatureExtractor {
  private readonly ids = new IdScratch();
  private readonly dense: Float32Array<ArrayBuffer>;

  /** `classLm`: the model's class LM, whose features follow the signature (see {@link denseSize}). */
  constructor(private readonly classLm?: ClassLmTables) {
    this.dense = new Float32Array(denseSize(classLm));
  }

  extract(text: string): FeatureVector {
    return extract(text, FEATURE_SPEC, this.dense, this.ids, this.classLm).vector;
  }

  /** {@link extractFeaturesAndReading} into this extractor's arrays (the reading is the caller's to keep). */
  extractAndRead(text: string): { vector: FeatureVector; reading: FeatureReading } {
    const { vector, window, analysis } = extract(text, FEATURE_SPEC, this.dense, this.ids, this.classLm);
    return { vector, reading: readingOf(window, analysis) };
  }
}

function extract(
  text: string,
  spec: FeatureSpec,
  dense = new Float32Array(SIGNATURE_FEATURES.length),
  ids?: IdScratch,
  classLm?: ClassLmTables,
): { vector: FeatureVector; window: LeadingWindow; analysis: TextAnalysis } {
  if (spec !== FEATURE_SPEC) assertSameSignature(spec);
  const window = leadingWindow(text, spec.windowWords);
  const a = analyseNormalised(featureText(window.text));
  for (let i = 0; i < SIGNATURE_FEATURES.length; i++) {
    const v = (SIGNATURE_FEATURES[i] as (typeof SIGNATURE_FEATURES)[number]).compute(a);
    dense[i] = Number.isFinite(v) ? v : 0;
  }
  if (classLm) classLmFeatures(classLmTokens(a.text), classLm, dense, SIGNATURE_FEATURES.length);
  const sparse = hashNgrams(a.tokens.words, a.text, { ...spec.ngrams, buckets: spec.buckets }, ids);
  return { vector: { dense, sparse }, window, analysis: a };
}

function assertSameSignature(spec: FeatureSpec): void {
  const ok =
    spec.version === FEATURE_SPEC.version &&
    spec.windowWords === FEATURE_SPEC.windowWords &&
    spec.signature.length === FEATURE_SPEC.signature.length &&
    spec.signature.every((n, i) => n === FEATURE_SPEC.signature[i]);
  if (!ok) {
    throw new Error(
      `extractFeatures computes feature spec ${FEATURE_SPEC.version} (${FEATURE_SPEC.signature.length} signature features, ` +
        `${FEATURE_SPEC.windowWords}-word window); got a spec for ${spec.version} with ${spec.signature.length} and ${spec.windowWords}`,
    );
  }
}

/**
 * Normalisation and features: raw document text in, a dense signature vector and hashed
 * n-gram indices out. See `spec.ts` for the contract a model records.
 */
export { FEATURE_SPEC, featureSpecMismatch, type FeatureSpec, type FeatureVector } from './spec.js';
export { classLmDocumentTokens, denseSize, extractFeatures, extractFeaturesAndReading, FeatureExtractor } from './extract.js';
export { adoptClassLm, ClassLm, CLASS_LM_FEATURES, classLmFeatures, classLmTables, classLmTokens, decodeClassLm, encodeClassLm, logUnigram, shareClassLm, type ClassLmTables, type SharedClassLm } from './class-lm/index.js';
export { readWindow, type FeatureReading } from './reading.js';
export { normalise, normaliseKeepingScript } from './normalise.js';
export { withoutClosingPunctuation } from './ending.js';
export { tokenize, type Tokens } from './tokenize.js';
export { analyseText, analyseNormalised, type TextAnalysis } from './analysis.js';
export { SIGNATURE_FEATURES, describeFeatures, featureTableMarkdown, type SignatureFeature } from './signature.js';
export { hashNgrams, IdScratch, ngramCount, type NgramSettings } from './ngrams.js';
export { HOMOGLYPHS, TYPOGRAPHIC_PUNCTUATION } from './homoglyphs.js';
export { referenceFrequencies, type FrequencyTable } from './reference-frequencies.js';

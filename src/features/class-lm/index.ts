export { ClassLm, CLASS_LM_FEATURES, classLmFeatures, classLmTokens, decodeClassLm, encodeClassLm } from './class-lm.js';
export { countBigrams, type BigramCountArrays } from './bigram-counts.js';

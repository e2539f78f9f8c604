export { ClassLm, CLASS_LM_FEATURES, classLmFeatures, classLmTables, classLmTokens, decodeClassLm, encodeClassLm, logUnigram, type ClassLmTables } from './class-lm.js';
export { countBigrams, type BigramCountArrays } from './bigram-counts.js';
export { adoptClassLm, shareClassLm, type SharedClassLm, type SharedU32Table } from './shared-class-lm.js';

export { referenceLmFeatures, likelihoodMoments, REFERENCE_LM_FEATURE_NAMES, MAX_CHARS, MAX_WORD_TOKENS, type ReferenceLm } from './features.js';
export { scoreSymbols, createTokenScores, findSlot, type NgramLm, type PackedLm, type TokenScores } from './ngram-lm.js';
export { NgramCounter, buildNgramLm, compileNgramLm, ContextAccumulator, type NgramBuildOptions } from './build-ngram-lm.js';
export { wordSymbols, charSymbols, CHAR_ALPHABET_SIZE, type WordSymbols } from './tokenise.js';
export { saveReferenceLm, loadReferenceLm, parseReferenceLm, loadScoringWordLm, parseScoringWordLm } from './format.js';
export { referenceLmWordFeatures, WORD_FEATURE_COUNT, type LmSums } from './features.js';
export { adoptSharedWordLm, shareShippedWordLm, shippedReferenceLm, shippedReferenceLmPath, shippedWordLm, type SharedWordLm } from './shipped-lm.js';

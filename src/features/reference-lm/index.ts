export { referenceLmFeatures, likelihoodMoments, REFERENCE_LM_FEATURE_NAMES, MAX_CHARS, MAX_WORD_TOKENS, type ReferenceLm } from './features.js';
export { scoreSymbols, createTokenScores, findSlot, type NgramLm, type PackedLm, type TokenScores } from './ngram-lm.js';
export { NgramCounter, buildNgramLm, compileNgramLm, ContextAccumulator, type NgramBuildOptions } from './build-ngram-lm.js';
export { parseSphinxTrie, SphinxTrieError, type BackoffLm, type BackoffLevel } from './sphinx-trie.js';
export { compileBackoffLm, type BackoffCompileOptions, type BackoffCompileReport } from './from-backoff.js';
export { wordSymbols, charSymbols, scanSpokenSymbols, spokenWordSymbol, SENTENCE_START, SENTENCE_END, CHAR_ALPHABET_SIZE, type WordSymbols } from './tokenise.js';
export { saveReferenceLm, loadReferenceLm, parseReferenceLm, loadScoringWordLm, parseScoringWordLm } from './format.js';
export { referenceLmWordFeatures, spokenLmFeatures, WORD_FEATURE_COUNT, type LmSums } from './features.js';
export { shippedReferenceLm, shippedReferenceLmPath, shippedSpokenLm, shippedSpokenLmPath, shippedWordLm } from './shipped-lm.js';

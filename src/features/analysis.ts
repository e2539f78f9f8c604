import { normalise } from './normalise.js';
import { tokenize, type Tokens } from './tokenize.js';
import { buildVocabulary, type Vocabulary } from './vocabulary.js';
import { countPunctuation, type PunctuationCounts } from './punctuation.js';
import { rarityStats, type RarityStats } from './rarity.js';
import { referenceFrequencies } from './reference-frequencies.js';
import { functionWordProfile, type FunctionWordProfile } from './function-words.js';
import { wordLengthStats, type WordLengthStats } from './word-length.js';
import { characterStats, type CharacterStats } from './character.js';

/**
 * Everything the signature features read, computed once per document so that features
 * sharing a count table or a pass over the text do not repeat it.
 */
export interface TextAnalysis {
  /** Normalised, lower-cased text. */
  text: string;
  tokens: Tokens;
  vocabulary: Vocabulary;
  wordLength: WordLengthStats;
  punctuation: PunctuationCounts;
  functionWords: FunctionWordProfile;
  rarity: RarityStats;
  characters: CharacterStats;
}

/** Analyses raw text: normalise, lower-case, tokenise, count. */
export function analyseText(raw: string): TextAnalysis {
  return analyseNormalised(normalise(raw).toLowerCase());
}

/** Analyses text that is already normalised and lower-cased. */
export function analyseNormalised(text: string): TextAnalysis {
  const tokens = tokenize(text);
  const vocabulary = buildVocabulary(tokens.words);
  return {
    text,
    tokens,
    vocabulary,
    wordLength: wordLengthStats(tokens.words),
    punctuation: countPunctuation(text),
    functionWords: functionWordProfile(vocabulary.types, vocabulary.counts, vocabulary.hashes),
    rarity: rarityStats(vocabulary.types, vocabulary.counts, vocabulary.hashes, referenceFrequencies()),
    characters: characterStats(text),
  };
}

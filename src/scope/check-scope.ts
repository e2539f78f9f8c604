import { HOMOGLYPHS } from '../features/homoglyphs.js';
import { normalise, normaliseKeepingScript } from '../features/normalise.js';
import { FEATURE_SPEC } from '../features/spec.js';
import { tokenize } from '../features/tokenize.js';
import { leadingWords } from '../features/window.js';
import type { LanguageGuess, LanguageIdentifier } from './language-identifier.js';
import { UNDETERMINED } from './languages.js';
import type { ScopeOptions } from './options.js';

/** Why a document is not judged: its language is not one the model judges, or it is too short. */
export type OutOfScopeReason = 'language' | 'too-short';

/** What the scope guard found out about a document, whatever its decision. */
export interface ScopeFacts {
  /** ISO 639 code of the identified language (`und`: no letter to identify). */
  language: string;
  /** The identifier's probability for `language`, 0..1 (0 for `und`). */
  confidence: number;
  /**
   * Words as the features count them: the tokeniser's words in the scoring window (the first
   * `FEATURE_SPEC.windowWords` whitespace-separated words, normalised), so a longer document
   * reports about that many, and `minWords` means the same here as in the length feature.
   */
  words: number;
}

/** A document the model can judge. */
export interface InScope extends ScopeFacts {
  inScope: true;
}

/** A document the model cannot judge, and why (it goes to `unscored/`). */
export interface OutOfScope extends ScopeFacts {
  inScope: false;
  reason: OutOfScopeReason;
}

export type ScopeDecision = InScope | OutOfScope;

const LETTER = /\p{L}/u;
const HOMOGLYPH_CODE_UNITS: ReadonlySet<number> = new Set(Object.keys(HOMOGLYPHS).map((c) => c.charCodeAt(0)));

/**
 * Decides whether the model can judge `text`: whether its language is one of `options.languages`
 * (identified with at least `options.minConfidence`) and whether it has at least
 * `options.minWords` words. Pure, given the identifier (which `loadLanguageIdentifier` loads once
 * per thread).
 *
 * - The language is identified on the first `options.prefixChars` characters of the text as the
 *   detector sees it (`normalise`: invisible characters removed, NFKC, homoglyphs folded), so
 *   the zero-width and homoglyph attacks, which turn English into "Russian" for a language
 *   identifier, cannot move a document out of scope. A document in several languages is judged
 *   by its opening.
 * - Folding rewrites genuine Cyrillic, Greek and Armenian letters, so when that guess is not a
 *   listed language and the text has such letters, the language is identified again on the text
 *   with its script kept (`normaliseKeepingScript`); that second guess is the one reported and
 *   decides.
 * - The reason is `language` when the guess is not listed or not sure enough, whatever the length
 *   (so the unscored shard counts non-English text by its language); `too-short` when a listed
 *   language has fewer than `minWords` words, or when the text has no letter (`und`) and is short.
 *   Text without a letter but with `minWords` words (a table of numbers) is out for `language`.
 */
export function checkScope(text: string, options: ScopeOptions, identifier: LanguageIdentifier): ScopeDecision {
  const window = leadingWords(text, FEATURE_SPEC.windowWords);
  const normalised = normalise(window);
  const words = wordsInNormalisedWindow(normalised);
  let guess = identifyOpening(normalised, options.prefixChars, identifier);
  if (!accepts(guess, options) && hasHomoglyphLetter(window)) {
    guess = identifyOpening(normaliseKeepingScript(window), options.prefixChars, identifier);
  }
  const facts: ScopeFacts = { language: guess.language, confidence: guess.confidence, words };
  if (guess.language !== UNDETERMINED && !accepts(guess, options)) return { inScope: false, reason: 'language', ...facts };
  if (words < options.minWords) return { inScope: false, reason: 'too-short', ...facts };
  if (guess.language === UNDETERMINED) return { inScope: false, reason: 'language', ...facts };
  return { inScope: true, ...facts };
}

/**
 * The number of words the features see in `text` (what `checkScope` reports as `words`): the
 * tokeniser's words in the normalised scoring window, as `extractFeatures` cuts and counts them.
 */
export function countFeatureWords(text: string): number {
  return wordsInNormalisedWindow(normalise(leadingWords(text, FEATURE_SPEC.windowWords)));
}

function wordsInNormalisedWindow(normalised: string): number {
  return tokenize(normalised.toLowerCase()).words.length;
}

function accepts(guess: LanguageGuess, options: ScopeOptions): boolean {
  return guess.confidence >= options.minConfidence && options.languages.includes(guess.language);
}

/** The identifier's guess for the opening of normalised text; `und` when it has no letter. */
function identifyOpening(normalised: string, prefixChars: number, identifier: LanguageIdentifier): LanguageGuess {
  const opening = openingChars(normalised, prefixChars);
  if (!LETTER.test(opening)) return { language: UNDETERMINED, confidence: 0 };
  return identifier.identify(opening);
}

/**
 * The first `n` UTF-16 code units of `text`, cut back to the last space when there is one in the
 * second half (so the last word is whole), and never inside a surrogate pair.
 */
export function openingChars(text: string, n: number): string {
  if (text.length <= n) return text;
  let end = n;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const space = text.lastIndexOf(' ', end);
  if (space > n / 2) end = space;
  return text.slice(0, end);
}

function hasHomoglyphLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && HOMOGLYPH_CODE_UNITS.has(c)) return true;
  }
  return false;
}

/**
 * The spoken-English symbol stream: text as a speech recogniser's language model reads it. Lab
 * only (the spoken-English LM was tried as sig-5 and not adopted: bench/detector-lab/RESULTS.md).
 * Its words and numbers are the shipped word stream's tokens, read by the same tokeniser
 * (`readWordToken`), so the two streams hash a word alike.
 */
import { codeUnits } from '../../../src/features/code-units.js';
import { hashString } from '../../../src/features/reference-lm/hash.js';
import { readWordToken } from '../../../src/features/reference-lm/tokenise.js';

/** Sentence boundary symbols of the spoken-English stream (those of ARPA and Sphinx models). */
export const SENTENCE_START = '<s>';
export const SENTENCE_END = '</s>';
export const SENTENCE_START_SYMBOL = hashString(SENTENCE_START);
export const SENTENCE_END_SYMBOL = hashString(SENTENCE_END);

/**
 * The symbol of a word in the spoken-English stream: lower-case letters with inner apostrophes
 * ("don't", "john's"), or the sentence markers; undefined for anything a speech LM's vocabulary
 * holds that the stream never produces (abbreviations with full stops, leading apostrophes).
 */
export function spokenWordSymbol(word: string): number | undefined {
  if (word === SENTENCE_START) return SENTENCE_START_SYMBOL;
  if (word === SENTENCE_END) return SENTENCE_END_SYMBOL;
  return /^[a-z]+(?:'[a-z]+)*$/.test(word) ? hashString(word) : undefined;
}

/**
 * Text as a speech recogniser's language model reads it: `<s>` words `</s>` per sentence, words
 * lower-cased (letters with inner apostrophes), a number as one symbol the model does not know,
 * every other mark dropped; `.`, `!` and `?` end a sentence. The first `maxTokens` symbols, in a
 * shared scratch buffer (valid until the next call); `scored` says which positions are words or
 * `</s>`, the ones a model is asked to predict (`<s>` is context only).
 */
export function scanSpokenSymbols(normText: string, maxTokens: number): { symbols: Uint32Array; scored: Uint8Array } {
  const lower = normText.toLowerCase();
  const n = lower.length;
  const units = codeUnits(lower);
  if (spokenScratch.length < maxTokens + 1) {
    spokenScratch = new Uint32Array(maxTokens + 1);
    spokenScored = new Uint8Array(maxTokens + 1);
  }
  const symbols = spokenScratch;
  const scored = spokenScored;
  let count = 0;
  let inSentence = false;
  const push = (s: number, score: number) => {
    symbols[count] = s;
    scored[count++] = score;
  };
  let i = 0;
  while (count < maxTokens && i < n) {
    const c = units[i]!;
    const startsWordOrNumber = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
    if (startsWordOrNumber) {
      if (!inSentence) {
        push(SENTENCE_START_SYMBOL, 0);
        inSentence = true;
        if (count >= maxTokens) break;
      }
      i = readWordToken(units, n, i, symbols, count);
      scored[count++] = 1;
    } else {
      if ((c === 0x2e || c === 0x21 || c === 0x3f) && inSentence) {
        push(SENTENCE_END_SYMBOL, 1);
        inSentence = false;
      }
      i++;
    }
  }
  return { symbols: symbols.subarray(0, count), scored: scored.subarray(0, count) };
}

let spokenScratch = new Uint32Array(512);
let spokenScored = new Uint8Array(512);

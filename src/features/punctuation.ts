import { codeUnits } from './code-units.js';

/**
 * Punctuation profile. Punctuation habits differ sharply: humans use dashes, parentheses,
 * exclamation marks and quotes idiosyncratically; models favour commas and colons in lists
 * and rarely use semicolons or parentheses the way people do. All rates are per word (or
 * per sentence for sentence-final marks) so they do not grow with length.
 *
 * Counts are taken from the normalised text, where typographic quotes and dashes are already
 * ASCII and whitespace is single spaces, so the whitespace attack cannot move them.
 */

/** Raw punctuation counts of one text, from `countPunctuation`. */
export interface PunctuationCounts {
  commas: number;
  semicolons: number;
  colons: number;
  /** ( ) [ ] { } */
  brackets: number;
  /** Double quotes, and single quotes not between two letters/digits (those are apostrophes). */
  quotes: number;
  /** '-' not between two letters/digits: dashes set off by spaces or doubled ("--"). */
  dashes: number;
  /** '-' between two letters/digits: compound words ("well-known"). */
  hyphens: number;
  exclamations: number;
  questions: number;
}

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c >= 0x80;
}

// Kind of each ASCII code unit that is counted; 0 for everything else (letters, digits, space).
const COMMA = 1;
const SEMICOLON = 2;
const COLON = 3;
const BRACKET = 4;
const DOUBLE_QUOTE = 5;
const EXCLAMATION = 6;
const QUESTION = 7;
const APOSTROPHE = 8;
const MINUS = 9;
const KIND: Uint8Array = (() => {
  const k = new Uint8Array(128);
  k[0x2c] = COMMA;
  k[0x3b] = SEMICOLON;
  k[0x3a] = COLON;
  for (const c of [0x28, 0x29, 0x5b, 0x5d, 0x7b, 0x7d]) k[c] = BRACKET;
  k[0x22] = DOUBLE_QUOTE;
  k[0x21] = EXCLAMATION;
  k[0x3f] = QUESTION;
  k[0x27] = APOSTROPHE;
  k[0x2d] = MINUS;
  return k;
})();

/**
 * One pass over the text counting each mark; a sequence of '!' or '?' counts each mark.
 * A table lookup per code unit and counts in locals: most code units are letters and spaces,
 * which should cost one load and one branch.
 */
export function countPunctuation(text: string): PunctuationCounts {
  let commas = 0;
  let semicolons = 0;
  let colons = 0;
  let brackets = 0;
  let quotes = 0;
  let dashes = 0;
  let hyphens = 0;
  let exclamations = 0;
  let questions = 0;
  const n = text.length;
  const units = codeUnits(text);
  for (let i = 0; i < n; i++) {
    const c = units[i]!;
    const kind = c < 0x80 ? KIND[c]! : 0;
    if (kind === 0) continue;
    switch (kind) {
      case COMMA: commas++; break;
      case SEMICOLON: semicolons++; break;
      case COLON: colons++; break;
      case BRACKET: brackets++; break;
      case DOUBLE_QUOTE: quotes++; break;
      case EXCLAMATION: exclamations++; break;
      case QUESTION: questions++; break;
      default: {
        const inside = i > 0 && i + 1 < n && isAlnum(units[i - 1]!) && isAlnum(units[i + 1]!);
        if (kind === APOSTROPHE) {
          if (!inside) quotes++;
        } else if (inside) hyphens++;
        else dashes++;
        break;
      }
    }
  }
  return { commas, semicolons, colons, brackets, quotes, dashes, hyphens, exclamations, questions };
}

/** `count / denominator`, or 0 when the denominator is 0. */
export function ratePer(count: number, denominator: number): number {
  return denominator === 0 ? 0 : count / denominator;
}

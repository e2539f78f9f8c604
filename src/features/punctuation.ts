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

/** One pass over the text counting each mark; a sequence of '!' or '?' counts each mark. */
export function countPunctuation(text: string): PunctuationCounts {
  const counts: PunctuationCounts = {
    commas: 0, semicolons: 0, colons: 0, brackets: 0, quotes: 0,
    dashes: 0, hyphens: 0, exclamations: 0, questions: 0,
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) continue; // fast skip of lower-case letters
    switch (c) {
      case 0x2c: counts.commas++; break;
      case 0x3b: counts.semicolons++; break;
      case 0x3a: counts.colons++; break;
      case 0x28: case 0x29: case 0x5b: case 0x5d: case 0x7b: case 0x7d: counts.brackets++; break;
      case 0x22: counts.quotes++; break;
      case 0x21: counts.exclamations++; break;
      case 0x3f: counts.questions++; break;
      case 0x27:
      case 0x2d: {
        const inside = i > 0 && i + 1 < n && isAlnum(text.charCodeAt(i - 1)) && isAlnum(text.charCodeAt(i + 1));
        if (c === 0x27) {
          if (!inside) counts.quotes++;
        } else if (inside) counts.hyphens++;
        else counts.dashes++;
        break;
      }
      default: break;
    }
  }
  return counts;
}

/** `count / denominator`, or 0 when the denominator is 0. */
export function ratePer(count: number, denominator: number): number {
  return denominator === 0 ? 0 : count / denominator;
}

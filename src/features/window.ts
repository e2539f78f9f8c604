/**
 * The scoring window: features are computed on a document's first `maxWords`
 * whitespace-separated words. Two reasons:
 * - the detector learns from documents of ~50-400 words; statistics such as type-token ratio,
 *   repetition and compression drift with length, and on longer documents the model's ranking
 *   fell to chance (extra/SeqXGPT, 500-800-word GPT-2-family texts: AUROC 0.50 whole, 0.60 on
 *   the first 250 words; bench/detector-lab/RESULTS.md);
 * - the cost of scoring one document is bounded, whatever a crawled page's length.
 */

const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;

/**
 * Where word number `stopAt` (0-based) starts, or -1 when the text has no more than `stopAt`
 * words, and how many words come before that point.
 */
function scanWords(text: string, stopAt: number): { at: number; words: number } {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) {
      if (words === stopAt) return { at: i, words };
      words++;
    }
    inWord = !space;
  }
  return { at: -1, words };
}

/**
 * The text up to the end of its `maxWords`-th whitespace-separated word (the same text when it
 * has no more words). Whitespace is what String.prototype.trim removes, minus the BOM.
 */
export function leadingWords(text: string, maxWords: number): string {
  const { at } = scanWords(text, maxWords);
  return at < 0 ? text : text.slice(0, at).trimEnd();
}

/** Number of whitespace-separated words, by the same rule as {@link leadingWords}. */
export function countWords(text: string): number {
  return scanWords(text, Infinity).words;
}

/** The text from the start of its `start`-th word (0-based) on; empty past the last word. */
export function fromWord(text: string, start: number): string {
  const { at } = scanWords(text, start);
  return at < 0 ? '' : text.slice(at);
}

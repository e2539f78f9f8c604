/**
 * The scoring window: features are computed on a document's first `maxWords`
 * whitespace-separated words. Two reasons:
 * - the detector learns from documents of ~50-400 words; statistics such as type-token ratio,
 *   repetition and compression drift with length, and on longer documents the model's ranking
 *   fell to chance (extra/SeqXGPT, 500-800-word GPT-2-family texts: AUROC 0.50 whole, 0.60 on
 *   the first 250 words; bench/detector-lab/RESULTS.md);
 * - the cost of scoring one document is bounded, whatever a crawled page's length.
 */

/** String.prototype.trim's whitespace minus the BOM. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** 1 for each code unit {@link isSpace} accepts, else 0 (64 KB, built once). */
const SPACE: Uint8Array = (() => {
  const table = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) table[c] = isSpace(c) ? 1 : 0;
  return table;
})();

/**
 * Where word number `stopAt` (0-based) starts, or -1 when the text has no more than `stopAt`
 * words, and how many words come before that point.
 *
 * A word starts at a non-space after a space (or at the text's start); starts are counted by
 * table look-up and arithmetic, without a branch per character class: the branches that
 * classified each code unit and tracked "inside a word" mispredicted at every word boundary,
 * and this scan reads the whole text of every document.
 */
function scanWords(text: string, stopAt: number): { at: number; words: number } {
  let words = 0;
  let prevSpace = 1;
  for (let i = 0; i < text.length; i++) {
    const space = SPACE[text.charCodeAt(i)]!;
    words += prevSpace & (space ^ 1);
    if (words > stopAt) return { at: i, words: stopAt };
    prevSpace = space;
  }
  return { at: -1, words };
}

/**
 * The text up to the end of its `maxWords`-th whitespace-separated word (the same text when it
 * has no more words). Whitespace is what String.prototype.trim removes, minus the BOM.
 */
export function leadingWords(text: string, maxWords: number): string {
  return leadingWindow(text, maxWords).text;
}

/** {@link leadingWords}, with how many words it holds and whether they are all the text's. */
export interface LeadingWindow {
  text: string;
  /** Whitespace-separated words in `text`: the document's all when `whole`, else `maxWords`. */
  words: number;
  /** True when the text has no more than `maxWords` words: `text` is then the text itself. */
  whole: boolean;
}

export function leadingWindow(text: string, maxWords: number): LeadingWindow {
  const { at, words } = scanWords(text, maxWords);
  return at < 0 ? { text, words, whole: true } : { text: text.slice(0, at).trimEnd(), words, whole: false };
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

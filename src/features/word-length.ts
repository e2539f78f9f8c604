/**
 * Word length. Models trained toward formal registers pick longer, Latinate words
 * ("utilize", "comprehensive"); casual human writing (forums, stories) uses shorter ones.
 * Lengths are in UTF-16 code units of the lower-cased word, apostrophes included, clipped to
 * 30 in the mean and standard deviation: a URL or an encoded blob left in crawled text is one
 * "word" of hundreds of characters and would otherwise swamp both.
 */

/** Word lengths above this count as this many characters in mean and std. */
export const WORD_LENGTH_CLIP = 30;
export interface WordLengthStats {
  /** Mean word length, sum(min(len, 30)) / N, in [0, 30]. */
  mean: number;
  /** Population standard deviation of min(len, 30), sqrt(sum(len^2) / N - mean^2), in [0, 15]. */
  std: number;
  /** Share of words longer than `LONG_WORD_MIN_EXCLUSIVE` characters. */
  longRatio: number;
}

/** Words longer than this are "long", as in the LIX readability index. */
export const LONG_WORD_MIN_EXCLUSIVE = 6;

/** Mean, standard deviation and long-word share in one pass; all 0 for no words. */
export function wordLengthStats(words: readonly string[]): WordLengthStats {
  const n = words.length;
  if (n === 0) return { mean: 0, std: 0, longRatio: 0 };
  let sum = 0;
  let sumSquares = 0;
  let long = 0;
  for (let i = 0; i < n; i++) {
    const raw = (words[i] as string).length;
    const len = raw > WORD_LENGTH_CLIP ? WORD_LENGTH_CLIP : raw;
    sum += len;
    sumSquares += len * len;
    long += (LONG_WORD_MIN_EXCLUSIVE - raw) >>> 31; // raw > 6, without a branch on each word
  }
  const mean = sum / n;
  // max(0, ...) guards against a tiny negative from rounding when every length is equal.
  return { mean, std: Math.sqrt(Math.max(0, sumSquares / n - mean * mean)), longRatio: long / n };
}

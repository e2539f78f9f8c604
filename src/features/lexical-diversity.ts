/**
 * Lexical diversity: how varied the vocabulary is. Sampling from a language model favours
 * high-probability words, so machine text of a given length tends to reuse words differently
 * from human text (older models repeat themselves, modern chat models use a broad but
 * "safe" vocabulary). Inputs come from `buildVocabulary` over lower-cased words, so case
 * changes do not move these features.
 *
 * Notation: N words, V distinct words (types), c_w occurrences of word w, V1 words used once.
 */

/** Type-token ratio V / N, in (0, 1]; 0 for no words. Falls with length, hence also MATTR. */
export function typeTokenRatio(typeCount: number, wordCount: number): number {
  return wordCount === 0 ? 0 : typeCount / wordCount;
}

/**
 * Hapax ratio V1 / V: the share of the vocabulary used exactly once, in [0, 1]; 0 for no
 * words. Human writers leave more one-off words (names, rare words) than samplers do.
 */
export function hapaxRatio(counts: ArrayLike<number>): number {
  if (counts.length === 0) return 0;
  let once = 0;
  // Counts are non-negative integers, so (c ^ 1) - 1 is negative exactly for c === 1: a
  // branch on it mispredicted for about every other word type.
  for (let i = 0; i < counts.length; i++) once += (((counts[i] as number) ^ 1) - 1) >>> 31;
  return once / counts.length;
}

/**
 * Yule's K without its conventional 10^4 factor: (sum_w c_w^2 - N) / N^2, in [0, 1).
 * Roughly the probability that two words drawn without replacement are the same word: high
 * for repetitive text, and much less length-dependent than the type-token ratio. 0 for no
 * words.
 */
export function yulesK(counts: ArrayLike<number>, wordCount: number): number {
  if (wordCount === 0) return 0;
  let sumSquares = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    sumSquares += c * c;
  }
  return (sumSquares - wordCount) / (wordCount * wordCount);
}

/** MATTR window length used by the signature. */
export const MATTR_WINDOW = 50;

/**
 * Moving-average type-token ratio (Covington & McFall 2010): the mean, over every window of
 * `window` consecutive words, of distinct words in the window / window. Length-robust where
 * plain TTR is not. Texts no longer than the window get their plain type-token ratio; 0 for
 * no words. O(N) with a sliding count table indexed by word id.
 *
 * @param ids word ids from `buildVocabulary`, in text order
 * @param typeCount number of distinct ids (every id is below it)
 */
export function movingAverageTtr(ids: ArrayLike<number>, typeCount: number, window: number = MATTR_WINDOW): number {
  const n = ids.length;
  if (n === 0) return 0;
  // Scratch reused across documents (and no closure per call): this runs once per document.
  if (windowCounts.length < typeCount) windowCounts = new Int32Array(Math.max(typeCount, 2 * windowCounts.length));
  const inWindow = windowCounts;
  inWindow.fill(0, 0, typeCount);
  let distinct = 0;
  const first = Math.min(n, window);
  // Counts are >= 0, so (count - 1) >>> 31 is 1 exactly when a count is 0: whether a word is
  // new to the window is close to a coin flip, and a branch on it mispredicted that often.
  for (let i = 0; i < first; i++) {
    const id = ids[i] as number;
    const c = inWindow[id] as number;
    distinct += (c - 1) >>> 31;
    inWindow[id] = c + 1;
  }
  if (n <= window) return distinct / n;
  let sum = distinct;
  for (let i = window; i < n; i++) {
    const added = ids[i] as number;
    const a = inWindow[added] as number;
    distinct += (a - 1) >>> 31;
    inWindow[added] = a + 1;
    const removed = ids[i - window] as number;
    const c = (inWindow[removed] as number) - 1;
    inWindow[removed] = c;
    distinct -= (c - 1) >>> 31;
    sum += distinct;
  }
  return sum / ((n - window + 1) * window);
}

/** Sliding-window counts of {@link movingAverageTtr}, indexed by word id; reused across calls. */
let windowCounts = new Int32Array(1024);

/**
 * Sentence length and burstiness. Human writers alternate short and long sentences; model
 * output is more uniform (low burstiness), which is one of the most cited signals of
 * machine text. Inputs are the per-sentence word counts from `tokenize`.
 *
 * Mean, standard deviation and burstiness read each length clipped to 100 words: crawled
 * text without terminators (menus, lists, tables, transcripts) would otherwise yield one
 * "sentence" of thousands of words, a missing-punctuation artefact rather than a style, and an
 * unbounded feature value.
 */

/** Sentence lengths above this count as this many words in mean, std and burstiness. */
export const SENTENCE_LENGTH_CLIP = 100;

function clipped(length: number): number {
  return length > SENTENCE_LENGTH_CLIP ? SENTENCE_LENGTH_CLIP : length;
}

/** Mean words per sentence, sum(min(L, 100)) / S, in [0, 100]; 0 for no sentences. */
export function meanSentenceLength(lengths: readonly number[]): number {
  if (lengths.length === 0) return 0;
  let sum = 0;
  for (const l of lengths) sum += clipped(l);
  return sum / lengths.length;
}

/**
 * Population standard deviation of words per sentence (lengths clipped to 100),
 * sqrt(sum((L - mean)^2) / S), in [0, 50]; 0 for no sentences.
 */
export function sentenceLengthStd(lengths: readonly number[]): number {
  if (lengths.length === 0) return 0;
  const mean = meanSentenceLength(lengths);
  let sq = 0;
  for (const l of lengths) sq += (clipped(l) - mean) * (clipped(l) - mean);
  return Math.sqrt(sq / lengths.length);
}

/**
 * Burstiness as the coefficient of variation of sentence length, std / mean; 0 for no
 * sentences (and for one sentence, whose std is 0). Scale-free, so a writer of long
 * sentences and one of short sentences compare on their variability alone.
 */
export function sentenceLengthCv(lengths: readonly number[]): number {
  const mean = meanSentenceLength(lengths);
  return mean === 0 ? 0 : sentenceLengthStd(lengths) / mean;
}

/** Sentences of at most this many words are "short" (fragments, dialogue, headlines). */
export const SHORT_SENTENCE_MAX = 5;
/** Sentences of at least this many words are "long" (run-ons, legal or academic prose). */
export const LONG_SENTENCE_MIN = 30;

/** Share of sentences with <= 5 words; 0 for no sentences. */
export function shortSentenceFraction(lengths: readonly number[]): number {
  if (lengths.length === 0) return 0;
  let short = 0;
  for (const l of lengths) if (l <= SHORT_SENTENCE_MAX) short++;
  return short / lengths.length;
}

/** Share of sentences with >= 30 words; 0 for no sentences. */
export function longSentenceFraction(lengths: readonly number[]): number {
  if (lengths.length === 0) return 0;
  let long = 0;
  for (const l of lengths) if (l >= LONG_SENTENCE_MIN) long++;
  return long / lengths.length;
}

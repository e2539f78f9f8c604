/**
 * Sentence length and burstiness. Human writers alternate short and long sentences; model
 * output is more uniform (low burstiness), which is one of the most cited signals of
 * machine text. Inputs are the per-sentence word counts from `tokenize`.
 */

/** Mean words per sentence, sum(L) / S; 0 for no sentences. */
export function meanSentenceLength(lengths: readonly number[]): number {
  if (lengths.length === 0) return 0;
  let sum = 0;
  for (const l of lengths) sum += l;
  return sum / lengths.length;
}

/** Population standard deviation of words per sentence, sqrt(sum((L - mean)^2) / S); 0 for none. */
export function sentenceLengthStd(lengths: readonly number[]): number {
  if (lengths.length === 0) return 0;
  const mean = meanSentenceLength(lengths);
  let sq = 0;
  for (const l of lengths) sq += (l - mean) * (l - mean);
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

/**
 * Document length, as the one count-like feature: ln(1 + N) for N words.
 * Every other feature is a rate, but several rates drift with length (type-token ratio,
 * compression ratio); giving the model the length lets it correct for that drift. The log
 * keeps a 100-word and a 100,000-word document within a factor of about 2.5.
 */
export function logWordCount(wordCount: number): number {
  return Math.log1p(wordCount);
}

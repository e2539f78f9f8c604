/**
 * Repetition of phrases and sentence openings. Older sampled models loop ("the the ...",
 * whole phrases recurring); chat models reuse openings ("This ...", "However, ...") and
 * fixed phrases. Human prose repeats fewer multi-word sequences. Inputs are word ids from
 * `buildVocabulary`, so n-grams compare as numbers, never as joined strings.
 */

/**
 * Share of word n-gram occurrences that repeat an earlier occurrence in the document:
 * (total n-grams - distinct n-grams) / total n-grams, in [0, 1); 0 when there is no n-gram.
 * N-grams run across sentence boundaries (the words are one stream).
 *
 * @param ids word ids in text order
 * @param typeCount number of distinct ids; an n-gram's key is its ids in base `typeCount`
 */
export function repeatedNgramFraction(ids: ArrayLike<number>, typeCount: number, n: number): number {
  const total = ids.length - n + 1;
  if (total <= 0) return 0;
  const seen = new Set<number | string>();
  // The base-V number is exact while V^n stays below 2^53; beyond that, join ids as text.
  const exact = Math.pow(Math.max(typeCount, 2), n) < Number.MAX_SAFE_INTEGER;
  for (let i = 0; i < total; i++) {
    if (exact) {
      let key = 0;
      for (let k = 0; k < n; k++) key = key * typeCount + (ids[i + k] as number);
      seen.add(key);
    } else {
      let key = String(ids[i]);
      for (let k = 1; k < n; k++) key += ',' + String(ids[i + k]);
      seen.add(key);
    }
  }
  return (total - seen.size) / total;
}

/**
 * Share of sentences whose first word also opens another sentence of the document:
 * |{s : count(first(s)) >= 2}| / S; 0 for fewer than two sentences.
 *
 * @param sentenceStarts index in `ids` of each sentence's first word
 */
export function repeatedSentenceStartFraction(ids: ArrayLike<number>, typeCount: number, sentenceStarts: readonly number[]): number {
  const s = sentenceStarts.length;
  if (s < 2) return 0;
  const opens = new Int32Array(typeCount);
  for (const start of sentenceStarts) {
    const id = ids[start] as number;
    opens[id] = (opens[id] as number) + 1;
  }
  let repeated = 0;
  for (const start of sentenceStarts) if ((opens[ids[start] as number] as number) >= 2) repeated++;
  return repeated / s;
}

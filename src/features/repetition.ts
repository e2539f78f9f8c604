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
 * Distinct n-grams are counted with an open-addressing table of n-gram start positions,
 * hashed on the n ids and compared id by id, so no key string or number is built.
 *
 * @param ids word ids in text order
 */
export function repeatedNgramFraction(ids: ArrayLike<number>, n: number): number {
  const total = ids.length - n + 1;
  if (total <= 0) return 0;
  let size = 16;
  while (size < 2 * total) size *= 2;
  const mask = size - 1;
  const slots = ngramSlots(size); // epoch + start position + 1, or below the epoch for an empty slot
  const epoch = ngramEpoch;
  ngramEpoch += total;
  let distinct = 0;
  for (let i = 0; i < total; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < n; k++) h = Math.imul(h ^ (ids[i + k] as number), 0x01000193);
    let slot = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const entry = (slots[slot] as number) - epoch;
      if (entry <= 0) {
        slots[slot] = epoch + i + 1;
        distinct++;
        break;
      }
      if (sameNgram(ids, entry - 1, i, n)) break;
      slot = (slot + 1) & mask;
    }
  }
  return (total - distinct) / total;
}

/**
 * Scratch table of {@link repeatedNgramFraction}, reused across calls. Each call stamps its
 * entries above `ngramEpoch`, so entries of earlier calls read as empty without clearing the
 * table (it runs twice per document; allocating and zeroing a table each time cost more).
 */
let ngramTable = new Int32Array(1024);
let ngramEpoch = 0;

/** The scratch table with at least `size` slots; cleared when the epoch would overflow. */
function ngramSlots(size: number): Int32Array {
  if (ngramTable.length < size) ngramTable = new Int32Array(size);
  // Entries are at most epoch + total <= epoch + size, so keep the epoch that far below 2^31.
  if (ngramEpoch > 0x7fffffff - 2 * size) {
    ngramTable.fill(0);
    ngramEpoch = 0;
  }
  return ngramTable;
}

function sameNgram(ids: ArrayLike<number>, a: number, b: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (ids[a + k] !== ids[b + k]) return false;
  return true;
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
  // A reused table, cleared over the ids in use: a typed array allocated per call cost more
  // than this whole function (its backing store lives outside the JS heap).
  if (opensScratch.length < typeCount) opensScratch = new Int32Array(Math.max(typeCount, 2 * opensScratch.length));
  const opens = opensScratch;
  opens.fill(0, 0, typeCount);
  for (const start of sentenceStarts) {
    const id = ids[start] as number;
    opens[id] = (opens[id] as number) + 1;
  }
  let repeated = 0;
  for (const start of sentenceStarts) if ((opens[ids[start] as number] as number) >= 2) repeated++;
  return repeated / s;
}

/** Sentence-opening counts per word id of {@link repeatedSentenceStartFraction}; grown on demand. */
let opensScratch = new Int32Array(1024);

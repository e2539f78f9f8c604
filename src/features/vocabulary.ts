/**
 * The document's vocabulary: each distinct word gets a small integer id in order of first
 * appearance, so that every later count (type frequencies, sliding windows, repeated
 * n-grams) runs over typed arrays instead of hashing strings again.
 */
export interface Vocabulary {
  /** Id of each word of the document, in order. */
  ids: Int32Array;
  /** The distinct words; `types[id]` is the word with that id. */
  types: string[];
  /** `counts[id]`: occurrences of `types[id]`. */
  counts: Int32Array;
}

/** Assigns ids to lower-cased words (one Map look-up per word) and counts them. */
export function buildVocabulary(words: readonly string[]): Vocabulary {
  const idOf = new Map<string, number>();
  const types: string[] = [];
  const ids = new Int32Array(words.length);
  let tally: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    let id = idOf.get(w);
    if (id === undefined) {
      id = types.length;
      idOf.set(w, id);
      types.push(w);
      tally.push(0);
    }
    ids[i] = id;
    tally[id] = (tally[id] as number) + 1;
  }
  const counts = Int32Array.from(tally);
  tally = [];
  return { ids, types, counts };
}

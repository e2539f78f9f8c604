/** The word before a document's first word. */
export const BOS = 0x9e3779b9;

/** Key of the bigram (prev, word) from their word hashes: never 0. */
export function bigramKey(prev: number, word: number): number {
  let x = (Math.imul(prev, 0x85ebca6b) ^ word) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x2c1b3c6d);
  x ^= x >>> 12;
  x = Math.imul(x, 0x297a2d39);
  x ^= x >>> 15;
  return x >>> 0 || 1;
}

/** Counts behind one word bigram LM, as plain arrays: what is built, saved and loaded. */
export interface BigramCountArrays {
  /** Tokens counted. */
  tokens: number;
  /** Word hash, count; one row per distinct word. */
  unigrams: { keys: Uint32Array; counts: Uint32Array };
  /** Context word hash, then [tokens after it, distinct words after it]. */
  contexts: { keys: Uint32Array; counts: Uint32Array };
  /** Bigram key (bigramKey), count. */
  bigrams: { keys: Uint32Array; counts: Uint32Array };
}

/**
 * Counts every bigram (and unigram) of `docs`, each a document's word hashes, BOS before each, on
 * top of `base`'s counts when given: the counts of base's documents and `docs` together (base's
 * keys first, in its order, then the new ones in the order met).
 */
export function countBigrams(docs: Iterable<Uint32Array>, base?: BigramCountArrays): BigramCountArrays {
  const uni = new Map<number, number>();
  const ctx = new Map<number, number>();
  const ctxTypes = new Map<number, number>();
  const bi = new Map<number, number>();
  let tokens = base?.tokens ?? 0;
  if (base) {
    base.unigrams.keys.forEach((k, i) => uni.set(k, base.unigrams.counts[i]!));
    base.contexts.keys.forEach((k, i) => {
      ctx.set(k, base.contexts.counts[i * 2]!);
      ctxTypes.set(k, base.contexts.counts[i * 2 + 1]!);
    });
    base.bigrams.keys.forEach((k, i) => bi.set(k, base.bigrams.counts[i]!));
  }
  for (const doc of docs) {
    let prev = BOS;
    for (const word of doc) {
      uni.set(word, (uni.get(word) ?? 0) + 1);
      ctx.set(prev, (ctx.get(prev) ?? 0) + 1);
      const key = bigramKey(prev, word);
      const seen = bi.get(key) ?? 0;
      if (seen === 0) ctxTypes.set(prev, (ctxTypes.get(prev) ?? 0) + 1);
      bi.set(key, seen + 1);
      tokens++;
      prev = word;
    }
  }
  const contexts = { keys: Uint32Array.from(ctx.keys()), counts: new Uint32Array(ctx.size * 2) };
  contexts.keys.forEach((k, i) => {
    contexts.counts[i * 2] = ctx.get(k)!;
    contexts.counts[i * 2 + 1] = ctxTypes.get(k)!;
  });
  return {
    tokens,
    unigrams: { keys: Uint32Array.from(uni.keys()), counts: Uint32Array.from(uni.values()) },
    contexts,
    bigrams: { keys: Uint32Array.from(bi.keys()), counts: Uint32Array.from(bi.values()) },
  };
}

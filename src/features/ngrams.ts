import { codeUnits } from './code-units.js';
import { FNV_PRIME, fmix32, fnvString, seededOffset } from './hash.js';

/** How the sparse n-gram input is built; recorded in the feature spec and the model card. */
export interface NgramSettings {
  /** Number of hash buckets, a power of two; every index is in [0, buckets). */
  buckets: number;
  /** Longest word n-gram: 1 gives unigrams, 2 unigrams and bigrams. At most 2. */
  wordMaxOrder: number;
  /** Shortest character n-gram. */
  charMinOrder: number;
  /** Longest character n-gram. */
  charMaxOrder: number;
  /** Only the first `maxWords` words feed word n-grams, so cost per document is bounded. */
  maxWords: number;
  /** Only the first `maxChars` UTF-16 code units feed character n-grams. */
  maxChars: number;
  /** Seed of the word n-gram hash namespace. */
  wordSeed: number;
  /** Seed of the character n-gram hash namespace. */
  charSeed: number;
}

const SPACE = 0x20;

/**
 * A growable buffer that {@link hashNgrams} writes into instead of allocating: a scorer that pools
 * each document's indices before reading the next one reuses it for every document. (A document's
 * indices are about 11 KB, outside the JS heap: allocated one per document, a scoring thread held
 * tens of MB of them awaiting a full garbage collection.)
 */
export class IdScratch {
  private ids = new Int32Array(4096);

  /** A view of the first `count` slots, grown (doubling) when too small; its contents are undefined. */
  take(count: number): Int32Array {
    if (this.ids.length < count) this.ids = new Int32Array(Math.max(count, 2 * this.ids.length));
    return this.ids.subarray(0, count);
  }
}

/** How many indices `hashNgrams` returns for this many words and characters. */
export function ngramCount(wordCount: number, charCount: number, settings: NgramSettings): number {
  const words = Math.min(wordCount, settings.maxWords);
  const chars = Math.min(charCount, settings.maxChars);
  let total = 0;
  for (let n = 1; n <= settings.wordMaxOrder; n++) total += Math.max(0, words - n + 1);
  for (let n = settings.charMinOrder; n <= settings.charMaxOrder; n++) total += Math.max(0, chars - n + 1);
  return total;
}

/**
 * Hash-bucket indices of the document's n-grams, word n-grams first. Duplicates are kept: the
 * model sums one embedding row per occurrence.
 *
 * - Word unigram w: FNV-1a over w's code units, from the word namespace's seeded offset.
 * - Word bigram (w1, w2): FNV-1a continued from w1's state over a space and then w2's code
 *   units, i.e. the FNV-1a of "w1 w2" (words contain no space, so this is unambiguous).
 * - Character n-gram, orders charMinOrder..charMaxOrder over the lower-cased normalised text,
 *   spaces and punctuation included: FNV-1a from the character namespace's seeded offset.
 *   Each position is hashed once, incrementally: the state after 3 code units is the 3-gram,
 *   one more step gives the 4-gram, and so on; no substring is created.
 *
 * Bucket of a state h: fmix32(h) & (buckets - 1).
 *
 * @param words lower-cased words from `tokenize`
 * @param text the normalised lower-cased text the words came from
 * @param scratch where to write the indices instead of a new array: the result is then a view of
 *   it, valid until the scratch's next use
 */
export function hashNgrams(words: readonly string[], text: string, settings: NgramSettings, scratch?: IdScratch): Int32Array {
  const { buckets, wordMaxOrder, charMinOrder, charMaxOrder } = settings;
  if (!Number.isInteger(Math.log2(buckets))) throw new RangeError(`buckets must be a power of two, got ${buckets}`);
  if (wordMaxOrder > 2) throw new RangeError(`wordMaxOrder must be at most 2, got ${wordMaxOrder}`);
  const mask = buckets - 1;
  const nWords = Math.min(words.length, settings.maxWords);
  const nChars = Math.min(text.length, settings.maxChars);
  const count = ngramCount(words.length, text.length, settings);
  const out = scratch ? scratch.take(count) : new Int32Array(count);
  let k = 0;

  if (wordMaxOrder === 2) {
    hashWords12(words, nWords, seededOffset(settings.wordSeed), mask, out);
    k = nWords > 0 ? 2 * nWords - 1 : 0;
  } else if (wordMaxOrder >= 1) {
    const wordStart = seededOffset(settings.wordSeed);
    for (let i = 0; i < nWords; i++) {
      const h = fnvString(wordStart, words[i] as string);
      out[k++] = fmix32(h) & mask;
      if (wordMaxOrder >= 2 && i + 1 < nWords) {
        const hb = fnvString(Math.imul(h ^ SPACE, FNV_PRIME) >>> 0, words[i + 1] as string);
        out[k++] = fmix32(hb) & mask;
      }
    }
  }

  const charStart = seededOffset(settings.charSeed);
  let i = 0;
  if (charMinOrder === 3 && charMaxOrder === 5) {
    i = hashChar345(text, nChars, charStart, mask, out, k);
    k += 3 * i;
  }
  for (; i + charMinOrder <= nChars; i++) {
    let h = charStart;
    const last = Math.min(charMaxOrder, nChars - i);
    for (let n = 1; n <= last; n++) {
      h = Math.imul(h ^ text.charCodeAt(i + n - 1), FNV_PRIME);
      if (n >= charMinOrder) out[k++] = bucketOf(h, mask);
    }
  }
  return out;
}

/**
 * Word unigrams and bigrams (wordMaxOrder 2), in the order of the generic loop: unigram i at
 * `out[2i]`, bigram (i, i+1) at `out[2i + 1]`. Each word's code units are read once and feed
 * two FNV states side by side: its unigram (from `start`) and the bigram that it ends (from
 * the previous word's state and a space). Reading a word's code units costs more than hashing
 * them, and the generic loop read every word twice.
 */
function hashWords12(words: readonly string[], nWords: number, start: number, mask: number, out: Int32Array): void {
  let prevState = 0; // unigram FNV state of the previous word
  for (let i = 0; i < nWords; i++) {
    const w = words[i] as string;
    let hu = start;
    let hb = Math.imul(prevState ^ SPACE, FNV_PRIME);
    for (let j = 0; j < w.length; j++) {
      const c = w.charCodeAt(j);
      hu = Math.imul(hu ^ c, FNV_PRIME);
      hb = Math.imul(hb ^ c, FNV_PRIME);
    }
    out[2 * i] = bucketOf(hu, mask);
    if (i > 0) out[2 * i - 1] = bucketOf(hb, mask);
    prevState = hu;
  }
}

/** fmix32(h) & mask, with fmix32 inlined by hand: it runs three times per character. */
function bucketOf(h: number, mask: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x & mask;
}

/**
 * The character 3-, 4- and 5-grams (the default orders) of every position whose 5-gram fits,
 * written from `out[k]` on in the same order as the generic loop; returns how many positions
 * it covered (the caller finishes the last ones). Why a special case: the five code units sit
 * in a sliding window of locals, so each is read once instead of up to five times, and the
 * loop over orders with its branch disappears; this was the costliest loop of the features.
 */
function hashChar345(text: string, nChars: number, start: number, mask: number, out: Int32Array, k: number): number {
  const positions = nChars - 4;
  if (positions <= 0) return 0;
  const units = codeUnits(text);
  let c1 = units[0]!;
  let c2 = units[1]!;
  let c3 = units[2]!;
  let c4 = units[3]!;
  for (let i = 0; i < positions; i++) {
    const c0 = c1;
    c1 = c2;
    c2 = c3;
    c3 = c4;
    c4 = units[i + 4]!;
    let h = Math.imul(start ^ c0, FNV_PRIME);
    h = Math.imul(h ^ c1, FNV_PRIME);
    h = Math.imul(h ^ c2, FNV_PRIME);
    out[k++] = bucketOf(h, mask);
    h = Math.imul(h ^ c3, FNV_PRIME);
    out[k++] = bucketOf(h, mask);
    h = Math.imul(h ^ c4, FNV_PRIME);
    out[k++] = bucketOf(h, mask);
  }
  return positions;
}

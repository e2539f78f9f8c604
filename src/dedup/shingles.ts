import { fmix32, FNV_OFFSET, FNV_PRIME } from '../features/hash.js';
import { normalise } from '../features/normalise.js';

/** A letter, mark or digit in any script: what words are made of (everything else separates them). */
const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u;
/** Per non-ASCII code point: its lower-case form, or '' when it separates words. */
const nonAsciiCache = new Map<number, string>();

function lowerOrSeparator(codePoint: number): string {
  let folded = nonAsciiCache.get(codePoint);
  if (folded === undefined) {
    const char = String.fromCodePoint(codePoint);
    folded = WORD_CHARACTER.test(char) ? char.toLowerCase() : '';
    if (nonAsciiCache.size < 65_536) nonAsciiCache.set(codePoint, folded);
  }
  return folded;
}

/**
 * The words of a text as near-duplicate detection sees them, each as a 32-bit hash: the text
 * goes through the detector's `normalise` (invisible characters removed, NFKC, homoglyphs folded,
 * whitespace collapsed), then is lower-cased, and every run of characters that are not letters,
 * marks or digits separates words (punctuation counts for nothing). A word's hash is FNV-1a over
 * its lower-cased UTF-16 code units, finished with MurmurHash3's fmix32. One pass, no substrings, no
 * array but the result.
 */
export function wordHashes(text: string): Uint32Array {
  return normalisedWordHashes(normalise(text));
}

/** {@link wordHashes} of a text `normalise` already returned. */
export function normalisedWordHashes(s: string): Uint32Array {
  const n = wordHashesInto(s);
  return wordScratch.slice(0, n);
}

/**
 * Per ASCII code unit: 0 when it separates words, else the code unit lower-cased. One load per
 * character instead of three range tests (a third of the time of the loop on English text).
 */
const ASCII_FOLD = Uint8Array.from({ length: 128 }, (_, c) =>
  c >= 0x41 && c <= 0x5a ? c | 0x20 : (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) ? c : 0,
);

/** The word hashes of normalised `s` into `wordScratch` (grown as needed); returns their count. */
function wordHashesInto(s: string): number {
  // A word takes a character and a separator after it (but the last): at most s.length / 2 + 1 words.
  if (wordScratch.length < (s.length >>> 1) + 1) wordScratch = new Uint32Array(s.length + 2);
  const out = wordScratch;
  let n = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      const folded = ASCII_FOLD[c]!;
      if (folded === 0) {
        if (inWord) {
          out[n++] = fmix32(h);
          h = FNV_OFFSET;
          inWord = false;
        }
        continue;
      }
      h = Math.imul(h ^ folded, FNV_PRIME);
      inWord = true;
      continue;
    }
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const folded = lowerOrSeparator(cp);
    if (folded === '') {
      if (inWord) {
        out[n++] = fmix32(h);
        h = FNV_OFFSET;
        inWord = false;
      }
      continue;
    }
    for (let k = 0; k < folded.length; k++) h = Math.imul(h ^ folded.charCodeAt(k), FNV_PRIME);
    inWord = true;
  }
  if (inWord) out[n++] = fmix32(h);
  return n;
}

/** Word hashes are gathered here (this thread's, reused), then copied out at their count. */
let wordScratch = new Uint32Array(1024);

/**
 * The hashes of a document's shingles: every run of `n` consecutive words (a text of fewer words
 * than `n` is one shingle of all of them; a text of no word has none). A shingle's hash chains its
 * word hashes through fmix32, so the same words in another order hash differently. Pure.
 */
export function shingleHashes(words: Uint32Array, n: number): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  return shingleHashesInto(words, n, new Uint32Array(Math.max(1, words.length - n + 1)));
}

/** {@link shingleHashes} of non-empty `words` into the start of `out` (long enough); returns that view. */
function shingleHashesInto(words: Uint32Array, n: number, out: Uint32Array): Uint32Array {
  const count = Math.max(1, words.length - n + 1);
  const width = Math.min(n, words.length);
  for (let i = 0; i < count; i++) {
    let h = 0x9e3779b9 ^ width;
    for (let j = i; j < i + width; j++) h = fmix32(Math.imul(h, 0x01000193) ^ words[j]!);
    out[i] = h;
  }
  return out.subarray(0, count);
}

/**
 * {@link shingleHashes} of the words of normalised `s` ({@link normalisedWordHashes}), the same
 * values, as a view of a buffer this thread reuses: read it before the next call. What the signer
 * uses, so that a document allocates no array for its words or shingles.
 */
export function normalisedShingleHashes(s: string, n: number): Uint32Array {
  const words = wordHashesInto(s);
  if (words === 0) return shingleScratch.subarray(0, 0);
  const count = Math.max(1, words - n + 1);
  if (shingleScratch.length < count) shingleScratch = new Uint32Array(2 * count);
  return shingleHashesInto(wordScratch.subarray(0, words), n, shingleScratch);
}

let shingleScratch = new Uint32Array(1024);

/**
 * The shingles of a text as strings (`n` lower-cased words joined by spaces, the same words and
 * boundaries as {@link wordHashes}): for measuring exact Jaccard similarity (tests, the benchmark),
 * not for the pipeline.
 */
export function shingleStrings(text: string, n: number): Set<string> {
  const words = normalise(text)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  if (words.length === 0) return new Set();
  const width = Math.min(n, words.length);
  const out = new Set<string>();
  for (let i = 0; i + width <= words.length; i++) out.add(words.slice(i, i + width).join(' '));
  return out;
}

/** Exact Jaccard similarity |a ∩ b| / |a ∪ b| of two sets (1 for two empty sets). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

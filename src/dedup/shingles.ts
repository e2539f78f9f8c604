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
 * its lower-cased UTF-16 code units, finished with MurmurHash3's fmix32. One pass, no substrings.
 */
export function wordHashes(text: string): Uint32Array {
  return normalisedWordHashes(normalise(text));
}

/** {@link wordHashes} of a text `normalise` already returned. */
export function normalisedWordHashes(s: string): Uint32Array {
  const out: number[] = [];
  let h = FNV_OFFSET;
  let inWord = false;
  const end = () => {
    if (inWord) out.push(fmix32(h));
    h = FNV_OFFSET;
    inWord = false;
  };
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) c |= 0x20;
      else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) {
        end();
        continue;
      }
      h = Math.imul(h ^ c, FNV_PRIME);
      inWord = true;
      continue;
    }
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const folded = lowerOrSeparator(cp);
    if (folded === '') {
      end();
      continue;
    }
    for (let k = 0; k < folded.length; k++) h = Math.imul(h ^ folded.charCodeAt(k), FNV_PRIME);
    inWord = true;
  }
  end();
  return Uint32Array.from(out);
}

/**
 * The hashes of a document's shingles: every run of `n` consecutive words (a text of fewer words
 * than `n` is one shingle of all of them; a text of no word has none). A shingle's hash chains its
 * word hashes through fmix32, so the same words in another order hash differently. Pure.
 */
export function shingleHashes(words: Uint32Array, n: number): Uint32Array {
  if (words.length === 0) return new Uint32Array(0);
  const count = Math.max(1, words.length - n + 1);
  const width = Math.min(n, words.length);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x9e3779b9 ^ width;
    for (let j = i; j < i + width; j++) h = fmix32(Math.imul(h, 0x01000193) ^ words[j]!);
    out[i] = h;
  }
  return out;
}

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

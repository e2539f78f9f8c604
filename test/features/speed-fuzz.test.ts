import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../../src/random.js';
import { normalise } from '../../src/features/normalise.js';
import { countPunctuation, type PunctuationCounts } from '../../src/features/punctuation.js';
import { deflateRatioEstimate } from '../../src/features/compression.js';
import { characterStats, type CharacterStats } from '../../src/features/character.js';
import { hapaxRatio, movingAverageTtr } from '../../src/features/lexical-diversity.js';
import { wordLengthStats } from '../../src/features/word-length.js';
import { hashNgrams } from '../../src/features/ngrams.js';
import { fmix32, fnvString, seededOffset } from '../../src/features/hash.js';
import { FEATURE_SPEC } from '../../src/features/spec.js';

// Random documents against straightforward versions of code that was rewritten for speed.

const ALPHABET = 'aaaaeeettnnss  .,;:!?\'"-()[]{}09AZ\t\n\r\x00\x1f\x7f\x80\xa0é’“—\u200bа';

function randomText(random: () => number, maxLen: number): string {
  const len = Math.floor(random() * maxLen);
  let s = '';
  for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return s;
}

/** countPunctuation as it was: a switch over every code unit, counts in an object. */
function referencePunctuation(text: string): PunctuationCounts {
  const isAlnum = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c >= 0x80;
  const counts: PunctuationCounts = { commas: 0, semicolons: 0, colons: 0, brackets: 0, quotes: 0, dashes: 0, hyphens: 0, exclamations: 0, questions: 0 };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) continue;
    switch (c) {
      case 0x2c: counts.commas++; break;
      case 0x3b: counts.semicolons++; break;
      case 0x3a: counts.colons++; break;
      case 0x28: case 0x29: case 0x5b: case 0x5d: case 0x7b: case 0x7d: counts.brackets++; break;
      case 0x22: counts.quotes++; break;
      case 0x21: counts.exclamations++; break;
      case 0x3f: counts.questions++; break;
      case 0x27:
      case 0x2d: {
        const inside = i > 0 && i + 1 < n && isAlnum(text.charCodeAt(i - 1)) && isAlnum(text.charCodeAt(i + 1));
        if (c === 0x27) {
          if (!inside) counts.quotes++;
        } else if (inside) counts.hyphens++;
        else counts.dashes++;
        break;
      }
      default: break;
    }
  }
  return counts;
}

// deflateRatioEstimate as it was before it read a copy of the code units (commit 4b0d634).
const HASH_BITS = 13;
const HASH_SIZE = 1 << HASH_BITS;
const MIN_MATCH = 4;
const MAX_MATCH = 258;
const WINDOW = 32768;
const MAX_CHAIN = 4;
const BLOCK_HEADER_BITS = 17;
const BITS_PER_TABLE_ENTRY = 4;
const LENGTH_SYMBOL_BITS = 7;
const DISTANCE_SYMBOL_BITS = 5;

const head = new Int32Array(HASH_SIZE);
let prev = new Int32Array(4096);
let hashes = new Int32Array(4096);
let base = 0;
const literalCounts = new Int32Array(65536);
const usedLiterals = new Int32Array(65536);

function log2Floor(x: number): number {
  return 31 - Math.clz32(x);
}

function lengthExtraBits(len: number): number {
  if (len < 11 || len === 258) return 0;
  return Math.min(5, log2Floor(len - 3) - 2);
}

function distanceExtraBits(dist: number): number {
  return dist <= 4 ? 0 : log2Floor(dist - 1) - 1;
}

function referenceDeflateRatioEstimate(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  if (base > 0x7fffffff - n - 1) {
    head.fill(0);
    base = 0;
  }
  const epoch = base;
  base += n + 1;
  if (prev.length < n) prev = new Int32Array(Math.max(n, prev.length * 2));
  if (hashes.length < n) hashes = new Int32Array(Math.max(n, hashes.length * 2));
  // Every position is hashed exactly once (at the parse or inside a match), in order, so one
  // rolling pass reads each code unit once instead of four times.
  let window = 0;
  for (let p = 0; p < n; p++) {
    window = (window >>> 8) | ((text.charCodeAt(p) & 0xff) << 24);
    if (p >= MIN_MATCH - 1) hashes[p - MIN_MATCH + 1] = Math.imul(window, 0x9e3779b1) >>> (32 - HASH_BITS);
  }

  let literals = 0;
  let distinctLiterals = 0;
  let matchBits = 0;
  let i = 0;
  while (i < n) {
    let bestLen = 0;
    let bestDist = 0;
    if (i + MIN_MATCH <= n) {
      const h = hashes[i] as number;
      const last = (head[h] as number) - epoch; // position + 1 of this call, or <= 0: none
      let candidate = last > 0 ? last - 1 : -1;
      const limit = Math.min(MAX_MATCH, n - i);
      for (let chain = 0; chain < MAX_CHAIN && candidate >= 0 && i - candidate <= WINDOW; chain++) {
        // zlib's early out: a candidate can beat bestLen only if it also matches at bestLen.
        if (bestLen > 0 && text.charCodeAt(candidate + bestLen) !== text.charCodeAt(i + bestLen)) {
          candidate = (prev[candidate] as number) - 1;
          continue;
        }
        let len = 0;
        while (len < limit && text.charCodeAt(candidate + len) === text.charCodeAt(i + len)) len++;
        if (len > bestLen) {
          bestLen = len;
          bestDist = i - candidate;
          if (len === limit) break;
        }
        candidate = (prev[candidate] as number) - 1;
      }
      prev[i] = last > 0 ? last : 0;
      head[h] = epoch + i + 1;
    }
    if (bestLen >= MIN_MATCH) {
      matchBits += LENGTH_SYMBOL_BITS + lengthExtraBits(bestLen) + DISTANCE_SYMBOL_BITS + distanceExtraBits(bestDist);
      const end = i + bestLen;
      // Index the positions inside the match too, as zlib does, so later repeats find them.
      for (let j = i + 1; j < end && j + MIN_MATCH <= n; j++) {
        const hj = hashes[j] as number;
        const lastJ = (head[hj] as number) - epoch;
        prev[j] = lastJ > 0 ? lastJ : 0;
        head[hj] = epoch + j + 1;
      }
      i = end;
      continue;
    }
    const c = text.charCodeAt(i);
    if (literalCounts[c] === 0) usedLiterals[distinctLiterals++] = c;
    literalCounts[c] = (literalCounts[c] as number) + 1;
    literals++;
    i++;
  }
  let literalBits = 0;
  for (let k = 0; k < distinctLiterals; k++) {
    const c = usedLiterals[k] as number;
    const count = literalCounts[c] as number;
    literalBits += count * Math.log2(literals / count);
    literalCounts[c] = 0; // leave the scratch table clean for the next call
  }
  const tableBits = BITS_PER_TABLE_ENTRY * distinctLiterals;
  const bits = BLOCK_HEADER_BITS + tableBits + literalBits + matchBits + LENGTH_SYMBOL_BITS;
  return bits / 8 / n;
}

/** characterStats as it was: a branch per space and digit test. */
function referenceCharacterStats(text: string): CharacterStats {
  let digits = 0;
  let other = 0;
  let nonSpace = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x20) continue;
      nonSpace++;
      if (c >= 0x30 && c <= 0x39) digits++;
    } else if (c < 0xdc00 || c > 0xdfff) {
      nonSpace++;
      other++;
    }
  }
  if (nonSpace === 0) return { digitRatio: 0, nonAsciiRatio: 0 };
  return { digitRatio: digits / nonSpace, nonAsciiRatio: other / nonSpace };
}

/** movingAverageTtr by its definition: distinct ids in each window, averaged. */
function referenceMattr(ids: number[], window: number): number {
  if (ids.length === 0) return 0;
  if (ids.length <= window) return new Set(ids).size / ids.length;
  let sum = 0;
  for (let i = 0; i + window <= ids.length; i++) sum += new Set(ids.slice(i, i + window)).size;
  return sum / ((ids.length - window + 1) * window);
}

describe('speed rewrites agree with the plain versions on random documents', () => {
  it('movingAverageTtr, hapaxRatio and the long-word share of wordLengthStats', () => {
    const random = rng(27);
    for (let k = 0; k < 1000; k++) {
      const types = 1 + Math.floor(random() * 30);
      const ids = Array.from({ length: Math.floor(random() * 120) }, () => Math.floor(random() * types));
      const window = 1 + Math.floor(random() * 60);
      // Integer sums, so equal to the bit whenever the window means are computed alike.
      expect(movingAverageTtr(Int32Array.from(ids), types, window)).toBeCloseTo(referenceMattr(ids, window), 12);
      const words = ids.map((id) => 'x'.repeat(id));
      const long = words.filter((w) => w.length > 6).length;
      expect(wordLengthStats(words).longRatio).toBe(words.length === 0 ? 0 : long / words.length);
      const counts = ids.map((id) => id % 4);
      expect(hapaxRatio(Int32Array.from(counts))).toBe(counts.length === 0 ? 0 : counts.filter((c) => c === 1).length / counts.length);
    }
  });

  it('characterStats', () => {
    const random = rng(25);
    for (let k = 0; k < 5000; k++) {
      const t = randomText(random, 80) + (random() < 0.1 ? '😀' : '');
      expect(characterStats(t)).toEqual(referenceCharacterStats(t));
    }
  });

  it('hashNgrams character 3-5-grams: FNV-1a of each substring, seeded, fmix32, masked', () => {
    const random = rng(26);
    const settings = { ...FEATURE_SPEC.ngrams, buckets: FEATURE_SPEC.buckets, maxChars: 40 };
    const mask = settings.buckets - 1;
    const start = seededOffset(settings.charSeed);
    for (let k = 0; k < 2000; k++) {
      const t = randomText(random, 60);
      const got = hashNgrams([], t, settings);
      const want: number[] = [];
      const n = Math.min(t.length, settings.maxChars);
      for (let i = 0; i + settings.charMinOrder <= n; i++) {
        for (let len = settings.charMinOrder; len <= settings.charMaxOrder && i + len <= n; len++) {
          want.push(fmix32(fnvString(start, t.slice(i, i + len))) & mask);
        }
      }
      expect(Array.from(got)).toEqual(want);
    }
  });

  it('countPunctuation', () => {
    const random = rng(21);
    for (let k = 0; k < 5000; k++) {
      const t = randomText(random, 80);
      expect(countPunctuation(t)).toEqual(referencePunctuation(t));
    }
  });

  it('normalise of ASCII text (its fast path): whitespace and control runs to one space, trimmed', () => {
    const random = rng(22);
    for (let k = 0; k < 5000; k++) {
      // Mostly printable ASCII with single spaces, so the fast path is taken often.
      const t = randomText(random, 60).replace(/[^\x00-\x7f]/g, random() < 0.5 ? 'x' : ' ');
      const want = t.replace(/[\x00-\x20\x7f]+/g, ' ').replace(/^ | $/g, '');
      expect(normalise(t)).toBe(want);
    }
  });

  it('deflateRatioEstimate, including repetitive and non-ASCII text', () => {
    const random = rng(23);
    for (let k = 0; k < 3000; k++) {
      let t = randomText(random, 300);
      // Repeats make matches of every length, overlapping and at the end of the text.
      if (random() < 0.5) t = t.repeat(1 + Math.floor(random() * 4)) + t.slice(0, Math.floor(random() * t.length));
      expect(deflateRatioEstimate(t)).toBe(referenceDeflateRatioEstimate(t));
    }
  });

  it('hashNgrams word unigrams and bigrams: FNV-1a of w and of "w1 w2", seeded, fmix32, masked', () => {
    const random = rng(24);
    const settings = { ...FEATURE_SPEC.ngrams, buckets: FEATURE_SPEC.buckets };
    const mask = settings.buckets - 1;
    const start = seededOffset(settings.wordSeed);
    for (let k = 0; k < 2000; k++) {
      const words = Array.from({ length: Math.floor(random() * 12) }, () => randomText(random, 8).replace(/\s/g, '') || 'x');
      const got = hashNgrams(words, '', settings);
      const want: number[] = [];
      words.forEach((w, i) => {
        want.push(fmix32(fnvString(start, w)) & mask);
        if (i + 1 < words.length) want.push(fmix32(fnvString(start, `${w} ${words[i + 1]}`)) & mask);
      });
      expect(Array.from(got)).toEqual(want);
    }
  });
});

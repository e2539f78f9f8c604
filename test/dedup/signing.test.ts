// Signing a document gives the values it gave before it was made faster (bbaa95b): the keys of the
// fixture texts as main's build computed them (fixtures/dedup/signatures.json), and the word hashes,
// MinHash signatures and bottom-k samples of random inputs as plain reference implementations give them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEDUP } from '../../src/dedup/dedup-settings.js';
import { DocumentSigner } from '../../src/dedup/document-signer.js';
import { bottomK, MinHasher } from '../../src/dedup/minhash.js';
import { normalisedWordHashes, wordHashes } from '../../src/dedup/shingles.js';
import { fmix32, FNV_OFFSET, FNV_PRIME } from '../../src/features/hash.js';
import { normalise } from '../../src/features/normalise.js';
import { mulberry32, type Rng } from '../../src/random.js';
import { fixtureSources, keysRecord } from '../../scripts/make-dedup-signature-fixture.js';

/** MinHash value k, one permutation at a time, in BigInt: (a_k x + b_k) mod 2^32, its minimum's fmix32, low 16 bits. */
function referenceSignature(shingles: Uint32Array, length: number): number[] {
  return Array.from({ length }, (_, k) => {
    const a = BigInt((fmix32(0x5bd1e995 + 2 * k) | 1) >>> 0);
    const b = BigInt(fmix32(0x27d4eb2f + 2 * k + 1));
    let min = 0xffffffffn;
    for (const x of shingles) {
      const v = (a * BigInt(x) + b) % 0x100000000n;
      if (v < min) min = v;
    }
    return fmix32(Number(min)) & 0xffff;
  });
}

/** Word hashes code point by code point: a letter, mark or digit lower-cased alone joins the word (FNV-1a over UTF-16 units, then fmix32). */
function referenceWordHashes(s: string): number[] {
  const out: number[] = [];
  let h: number | undefined;
  for (const char of s) {
    if (/[\p{L}\p{M}\p{N}]/u.test(char)) {
      const lower = char.toLowerCase();
      h ??= FNV_OFFSET;
      for (let i = 0; i < lower.length; i++) h = Math.imul(h ^ lower.charCodeAt(i), FNV_PRIME);
    } else if (h !== undefined) {
      out.push(fmix32(h));
      h = undefined;
    }
  }
  if (h !== undefined) out.push(fmix32(h));
  return out;
}

/** The k smallest distinct values, ascending. */
const referenceBottomK = (xs: Uint32Array, k: number) => [...new Set(xs)].sort((a, b) => a - b).slice(0, k);

/** Characters of every kind the word splitter tells apart: ASCII, capitals, separators, other scripts, marks, surrogate pairs. */
const ALPHABET = [
  ...'abcxyzABCXYZ0129',
  ' ', ' ', ' ', '.', ',', "'", '-', '\n', '\t', '\u00a0', '\u200b',
  'Ä', 'ö', 'ß', 'Σ', 'ς', 'İ', 'ı', 'ǅ', 'ﬁ', '½', 'Ⅻ', '١', '中', '文', 'ж', 'Ж', '\u0301', '\u0308',
  '😀', '𝐛', '𝔉', '\ud800', '\udc00',
];

function randomText(random: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[Math.floor(random() * ALPHABET.length)]!;
  return s;
}

function randomSet(random: Rng, size: number, range: number): Uint32Array {
  return Uint32Array.from({ length: size }, () => (random() < 0.5 ? Math.floor(random() * range) : Math.floor(random() * 0x100000000)) >>> 0);
}

describe('signing gives the values main gave before it was made faster', () => {
  const fixture = JSON.parse(readFileSync('fixtures/dedup/signatures.json', 'utf8')) as {
    madeWith: string;
    settings: typeof DEFAULT_DEDUP;
    sources: { file: string; docs: ReturnType<typeof keysRecord>[] }[];
  };

  it('for the planted, multilingual and edge-case texts of the fixture', async () => {
    expect(fixture.madeWith).toMatch(/^main 1bba7fd/);
    expect(fixture.settings).toEqual({ ...DEFAULT_DEDUP, mode: 'near' });
    const signer = await DocumentSigner.create(fixture.settings);
    const sources = fixtureSources('.');
    expect(sources.map((s) => [s.file, s.texts.length])).toEqual(fixture.sources.map((s) => [s.file, s.docs.length]));
    for (const [i, { file, texts }] of sources.entries()) {
      // Twice over, the second time in reverse: what a scratch array kept from a longer text changes nothing.
      for (const order of [texts.keys(), [...texts.keys()].reverse()]) {
        for (const t of order) expect(keysRecord(signer.keys(texts[t]!)), `${file} #${t}`).toEqual(fixture.sources[i]!.docs[t]);
      }
    }
    // The fixture covers what it should: documents with a signature, some without, non-ASCII text.
    const docs = fixture.sources.flatMap((s) => s.docs);
    expect(docs.filter((d) => d.signature === null).length).toBe(2);
    expect(docs.filter((d) => d.sample && d.sample.length === 256).length).toBeGreaterThan(0);
  });
});

describe('signing against plain reference implementations, on random inputs', () => {
  it('word hashes: code point by code point, whatever the scratch array last held', () => {
    const random = mulberry32(5);
    // Short and long texts mixed (the scratch array grows past 1024 words, then serves short ones), and
    // texts of one-character words (the most words a text of its length can hold).
    const texts = Array.from({ length: 400 }, (_, i) => randomText(random, i % 10 === 0 ? 3000 + Math.floor(random() * 3000) : Math.floor(random() * 200)));
    texts.push('b.'.repeat(2049) + 'c', 'x'.repeat(5000), '', ' ');
    // Texts of one-letter words, each four times as long as the last: whatever the scratch array's size
    // when they start, one of them has more words than a scratch array grown for less than one word
    // every two characters holds.
    for (let words = 1000; words <= 256_000; words *= 4) texts.push('a '.repeat(words));
    for (const [i, text] of texts.entries()) {
      expect([...normalisedWordHashes(text)], `text ${i}`).toEqual(referenceWordHashes(text));
      expect([...wordHashes(text)], `text ${i}, normalised`).toEqual(referenceWordHashes(normalise(text)));
    }
    // What a call returned is its own: the next call leaves it as it was.
    const held = normalisedWordHashes('one two three');
    normalisedWordHashes('four five six seven');
    expect([...held]).toEqual(referenceWordHashes('one two three'));
  });

  it('MinHash signatures: every permutation, lengths not a multiple of four, sets with repeats', () => {
    const random = mulberry32(6);
    for (const length of [1, 2, 3, 4, 5, 7, 8, 60, 61, 63]) {
      const hasher = new MinHasher(length);
      for (let trial = 0; trial < 8; trial++) {
        const set = randomSet(random, Math.floor(random() * 300), 1000);
        expect([...hasher.signature(set)], `length ${length}, ${set.length} shingles`).toEqual(referenceSignature(set, length));
      }
      // Extreme values: 0 and 2^32 - 1 (the sum a x + b past 2^32), and the empty set.
      const extremes = Uint32Array.from([0, 0xffffffff, 0x80000000, 1]);
      expect([...hasher.signature(extremes)]).toEqual(referenceSignature(extremes, length));
      expect([...hasher.signature(new Uint32Array(0))]).toEqual(referenceSignature(new Uint32Array(0), length));
    }
  });

  it('bottom-k samples: the k smallest distinct values, whatever the scratch array last held', () => {
    const random = mulberry32(7);
    const sizes = [0, 1, 5, 255, 256, 257, 1023, 1024, 1025, 5000, 3, 700, 12_000, 40, 2];
    for (const size of sizes) {
      for (const k of [1, 16, 256]) {
        const set = randomSet(random, size, size * 2 + 1);
        const sample = bottomK(set, k);
        expect([...sample], `${size} values, k ${k}`).toEqual(referenceBottomK(set, k));
        // The input is left as it was (the sort works on a copy).
        expect(set.length).toBe(size);
      }
    }
    const held = bottomK(Uint32Array.from([5, 1, 3]), 2);
    bottomK(randomSet(random, 3000, 10), 256);
    expect([...held]).toEqual([1, 3]);
  });
});

import { describe, expect, it } from 'vitest';
import { fmix32, FNV_OFFSET, FNV_PRIME } from '../../src/features/hash.js';
import { normalise } from '../../src/features/normalise.js';
import { jaccard, normalisedShingleHashes, shingleHashes, shingleStrings, wordHashes } from '../../src/dedup/shingles.js';

/** FNV-1a then fmix32 of a word, as wordHashes documents it. */
const wordHash = (w: string) => {
  let h = FNV_OFFSET;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), FNV_PRIME);
  return fmix32(h);
};

describe('wordHashes', () => {
  it('lower-cases, and counts punctuation and whitespace as separators only', () => {
    expect([...wordHashes('The cat, the CAT!  sat.')]).toEqual(['the', 'cat', 'the', 'cat', 'sat'].map(wordHash));
    expect([...wordHashes("don't stop")]).toEqual(['don', 't', 'stop'].map(wordHash));
  });

  it('sees through the normalisation the detector uses (invisible characters, fullwidth forms, homoglyphs)', () => {
    expect(wordHashes('ｃａｔ s\u200Bat')).toEqual(wordHashes('cat sat'));
    expect(wordHashes('Ѕat')).toEqual(wordHashes('sat')); // Cyrillic capital DZE folds to S
  });

  it('keeps letters and digits of other scripts, lower-cased', () => {
    expect([...wordHashes('Ärger 42 Öl')]).toEqual(['ärger', '42', 'öl'].map(wordHash));
    expect(wordHashes('...!?')).toHaveLength(0);
  });
});

describe('shingleHashes', () => {
  const words = Uint32Array.from([1, 2, 3, 4, 5, 6]);

  it('has one shingle per run of n words, and one of all the words of a shorter text', () => {
    expect(shingleHashes(words, 5)).toHaveLength(2);
    expect(shingleHashes(words, 1)).toHaveLength(6);
    expect(shingleHashes(Uint32Array.from([1, 2]), 5)).toHaveLength(1);
    expect(shingleHashes(new Uint32Array(0), 5)).toHaveLength(0);
  });

  it('hashes the same words in another order differently, and the same words the same', () => {
    const [a, b] = shingleHashes(Uint32Array.from([1, 2, 3, 1, 2, 3]), 3);
    expect(shingleHashes(Uint32Array.from([1, 2, 3]), 3)[0]).toBe(a);
    expect(shingleHashes(Uint32Array.from([3, 2, 1]), 3)[0]).not.toBe(a);
    expect(b).not.toBe(a);
  });
});

describe('shingleStrings and jaccard', () => {
  it('measure the exact Jaccard similarity of two texts', () => {
    // 6 words: shingles of 3 are {a b c, b c d, c d e, d e f}; changing the last word changes one of 4.
    const x = shingleStrings('A b c d e f', 3);
    const y = shingleStrings('a b, c d e g', 3);
    expect([...x]).toEqual(['a b c', 'b c d', 'c d e', 'd e f']);
    expect(jaccard(x, y)).toBe(3 / 5);
    expect(jaccard(new Set(), new Set())).toBe(1);
  });

  it('agree with the hashes on the number of distinct shingles', () => {
    const text = 'one two three four five six seven one two three four five';
    expect(new Set(shingleHashes(wordHashes(text), 5)).size).toBe(shingleStrings(text, 5).size);
  });
});

describe('normalisedShingleHashes', () => {
  it('gives the shingle hashes of the text\'s word hashes, for short, long and non-ASCII texts', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `Word${i % 97} ${i % 5 ? 'and' : 'Ärger,'}`).join(' ');
    for (const text of ['', '...', 'one', 'The cat, the CAT!  sat.', 'Ärger 42 Öl — ｃａｔ', long]) {
      const normal = normalise(text);
      for (const n of [1, 3, 5]) expect([...normalisedShingleHashes(normal, n)]).toEqual([...shingleHashes(wordHashes(text), n)]);
    }
  });
});

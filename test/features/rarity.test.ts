import { describe, expect, it } from 'vitest';
import { rarityStats } from '../../src/features/rarity.js';
import { buildFrequencyTable, referenceFrequencies, zipfByHash } from '../../src/features/reference-frequencies.js';
import { FNV_OFFSET, fnvString } from '../../src/features/hash.js';
import { buildVocabulary } from '../../src/features/vocabulary.js';

describe('reference frequency table', () => {
  it('merges case variants and computes Zipf = log10(count / total * 1e9)', () => {
    const t = buildFrequencyTable([
      { word: 'Dog', count: 300 },
      { word: 'dog', count: 700 },
      { word: 'cat', count: 999_000 },
    ]);
    // total 1e6; dog = 1000 -> log10(1000 / 1e6 * 1e9) = log10(1e6) = 6
    expect(t.totalCount).toBe(1_000_000);
    expect(t.zipf.get('dog')).toBeCloseTo(6, 12);
    expect(t.zipf.has('Dog')).toBe(false);
  });

  it('loads SUBTLEX-US lazily into a lower-cased table', () => {
    const t = referenceFrequencies();
    expect(referenceFrequencies()).toBe(t); // loaded once
    expect(t.zipf.size).toBeGreaterThan(60_000);
    expect(t.zipf.size).toBeLessThanOrEqual(74_286);
    expect(t.zipf.has('I')).toBe(false); // keys are lower-cased
    expect(t.zipf.get('the') as number).toBeGreaterThan(7);
    expect(t.zipf.get('i') as number).toBeGreaterThan(7); // "I" is listed capitalised
    expect(t.zipf.get('zymurgy') as number).toBeLessThan(2);
  });

  it('finds every listed word through the hash index with its Zipf value', () => {
    const t = referenceFrequencies();
    let mismatches = 0;
    for (const [word, z] of t.zipf) {
      const found = zipfByHash(t, fnvString(FNV_OFFSET, word) | 0);
      // Float32 storage: equal to about 7 significant digits; a hash collision would differ more
      if (found === undefined || Math.abs(found - z) > 1e-5) mismatches++;
    }
    expect(mismatches).toBeLessThanOrEqual(2); // at most a collision pair or so in 74k words
    expect(zipfByHash(t, fnvString(FNV_OFFSET, 'qxzvbnotaword') | 0)).toBeUndefined();
  });
});

describe('rarity', () => {
  // total 1e9, so Zipf = log10(count): the 8, cat 6, dog 3, aardvark 2
  const table = buildFrequencyTable([
    { word: 'the', count: 1e8 },
    { word: 'cat', count: 1e6 },
    { word: 'dog', count: 1e3 },
    { word: 'aardvark', count: 100 },
    { word: 'filler', count: 1e9 - 1e8 - 1e6 - 1e3 - 100 },
  ]);

  it('computes the four statistics by hand', () => {
    // words: the the cat dog's aardvark zebra 42 -> "42" has a digit: 6 eligible
    // found: the(8) the(8) cat(6) dog's->dog(3) aardvark(2) = 5; zebra missing
    // mean Zipf = (8 + 8 + 6 + 3 + 2) / 5 = 27/5; OOV = 1/6
    // rare (< 3): aardvark = 1/6; common (>= 6): the, the, cat = 3/6
    const v = buildVocabulary(['the', 'the', 'cat', "dog's", 'aardvark', 'zebra', '42']);
    const s = rarityStats(v.types, v.counts, v.hashes, table);
    expect(s.meanZipf).toBeCloseTo(27 / 5, 9);
    expect(s.oovRate).toBeCloseTo(1 / 6, 12);
    expect(s.rareRate).toBeCloseTo(1 / 6, 12);
    expect(s.commonRate).toBeCloseTo(3 / 6, 12);
  });

  it('is 0 without eligible words', () => {
    for (const words of [[], ['42', '3.5']]) {
      const v = buildVocabulary(words);
      expect(rarityStats(v.types, v.counts, v.hashes, table)).toEqual({ meanZipf: 0, oovRate: 0, rareRate: 0, commonRate: 0 });
    }
  });

  it('rates everyday words as more frequent than technical ones on the real list', () => {
    const everyday = buildVocabulary('i think we should go home now and eat'.split(' '));
    const technical = buildVocabulary('immunohistochemical pretreatment leuprolide microdose antagonist'.split(' '));
    const real = referenceFrequencies();
    expect(rarityStats(everyday.types, everyday.counts, everyday.hashes, real).meanZipf).toBeGreaterThan(
      rarityStats(technical.types, technical.counts, technical.hashes, real).meanZipf,
    );
    expect(rarityStats(technical.types, technical.counts, technical.hashes, real).oovRate).toBeGreaterThan(0.3);
  });
});

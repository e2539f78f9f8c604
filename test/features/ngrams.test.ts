import { describe, expect, it } from 'vitest';
import { FEATURE_SPEC, hashNgrams, ngramCount, type NgramSettings } from '../../src/features/index.js';
import { FNV_OFFSET, fmix32, fnvString, seededOffset } from '../../src/features/hash.js';

const settings: NgramSettings = FEATURE_SPEC.ngrams;
const mask = settings.buckets - 1;

describe('hash', () => {
  it('is 32-bit FNV-1a (published test vectors)', () => {
    expect(fnvString(FNV_OFFSET, '')).toBe(0x811c9dc5);
    expect(fnvString(FNV_OFFSET, 'a')).toBe(0xe40c292c);
    expect(fnvString(FNV_OFFSET, 'foobar')).toBe(0xbf9cf968);
  });

  it('continues a hash incrementally: FNV("ab") then "c" equals FNV("abc")', () => {
    expect(fnvString(fnvString(FNV_OFFSET, 'ab'), 'c')).toBe(fnvString(FNV_OFFSET, 'abc'));
  });

  it('fmix32 is MurmurHash3\'s finaliser (0 stays 0, outputs are 32-bit unsigned)', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
    expect(fmix32(0xffffffff)).toBeGreaterThanOrEqual(0);
  });
});

describe('hashNgrams', () => {
  const words = ['the', 'cat', 'sat'];
  const text = 'the cat sat';

  it('emits word unigrams and bigrams, then character 3- to 5-grams', () => {
    // words: 3 unigrams + 2 bigrams; chars (11): 9 3-grams + 8 4-grams + 7 5-grams
    expect(ngramCount(3, 11, settings)).toBe(3 + 2 + 9 + 8 + 7);
    const out = hashNgrams(words, text, settings);
    expect(out.length).toBe(29);
    const word = (s: string) => fmix32(fnvString(seededOffset(settings.wordSeed), s)) & mask;
    const char = (s: string) => fmix32(fnvString(seededOffset(settings.charSeed), s)) & mask;
    // order: the, "the cat", cat, "cat sat", sat
    expect([...out.subarray(0, 5)]).toEqual([word('the'), word('the cat'), word('cat'), word('cat sat'), word('sat')]);
    // position 0: "the", "the ", "the c"; position 1: "he ", "he c", "he ca"
    expect([...out.subarray(5, 11)]).toEqual([char('the'), char('the '), char('the c'), char('he '), char('he c'), char('he ca')]);
    // the last position emits only its 3-gram
    expect(out[28]).toBe(char('sat'));
  });

  it('separates the word and character namespaces', () => {
    const asWord = hashNgrams(['abc'], '', settings)[0];
    const asChars = hashNgrams([], 'abc', settings)[0];
    expect(asWord).not.toBe(asChars);
  });

  it('is deterministic and keeps every index in [0, buckets)', () => {
    const longWords = Array.from({ length: 600 }, (_, i) => `token${(i * 7919) % 1000}`);
    const longText = longWords.join(' ');
    const a = hashNgrams(longWords, longText, settings);
    const b = hashNgrams(longWords, longText, settings);
    expect(a).toEqual(b);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(settings.buckets);
    // distinct n-grams land in distinct buckets, bar rare collisions: 600 words give
    // 600 + 599 distinct word n-grams alone
    expect(new Set(a).size).toBeGreaterThan(1500);
  });

  it('caps the words and characters it reads', () => {
    const capped: NgramSettings = { ...settings, maxWords: 10, maxChars: 50 };
    const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
    const text = words.join(' ');
    const out = hashNgrams(words, text, capped);
    // 10 unigrams + 9 bigrams + (48 + 47 + 46) character n-grams of the first 50 characters
    expect(out.length).toBe(10 + 9 + 48 + 47 + 46);
    expect(out).toEqual(hashNgrams(words.slice(0, 10), text.slice(0, 50), capped));
  });

  it('honours the orders and rejects bucket counts that are not powers of two', () => {
    const small: NgramSettings = { ...settings, wordMaxOrder: 1, charMinOrder: 3, charMaxOrder: 4 };
    expect(hashNgrams(['a', 'b'], 'abcd', small).length).toBe(2 + 2 + 1);
    expect(() => hashNgrams(['a'], 'abc', { ...settings, buckets: 1000 })).toThrow(/power of two/);
  });

  it('returns an empty array for empty input', () => {
    expect(hashNgrams([], '', settings).length).toBe(0);
    expect(hashNgrams(['ab'], 'ab', settings).length).toBe(1); // one unigram, no 3-gram
  });
});

import { describe, expect, it } from 'vitest';
import { hapaxRatio, movingAverageTtr, typeTokenRatio, yulesK } from '../../src/features/lexical-diversity.js';
import { buildVocabulary } from '../../src/features/vocabulary.js';
import { tokenize } from '../../src/features/tokenize.js';
import { EXAMPLE } from './example.js';

const vocab = (text: string) => buildVocabulary(tokenize(text.toLowerCase()).words);

describe('vocabulary', () => {
  it('assigns ids in order of first appearance and counts', () => {
    const v = vocab('b a b c b');
    expect(v.types).toEqual(['b', 'a', 'c']);
    expect([...v.ids]).toEqual([0, 1, 0, 2, 0]);
    expect([...v.counts]).toEqual([3, 1, 1]);
  });

  it('keeps words apart and hashes each type once', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `w${i % 1234}`);
    const v = buildVocabulary(words);
    expect(v.types.length).toBe(1234);
    expect(v.types[v.ids[4321] as number]).toBe(words[4321]);
    expect([...v.counts].reduce((a, b) => a + b, 0)).toBe(5000);
    expect(v.hashes.length).toBe(1234);
  });
});

describe('lexical diversity', () => {
  const v = vocab(EXAMPLE);

  it('type-token ratio = V / N = 9 / 11', () => {
    expect(typeTokenRatio(v.types.length, v.ids.length)).toBeCloseTo(9 / 11, 12);
  });

  it('hapax ratio = V1 / V = 7 / 9', () => {
    expect(hapaxRatio(v.counts)).toBeCloseTo(7 / 9, 12);
  });

  it("Yule's K = (sum c^2 - N) / N^2 = (2^2 + 2^2 + 7*1 - 11) / 121 = 4 / 121", () => {
    expect(yulesK(v.counts, v.ids.length)).toBeCloseTo(4 / 121, 12);
  });

  it('MATTR with a window of 5 averages the distinct counts of the 7 windows', () => {
    // windows: [the cat sat the cat]=3, [cat sat the cat ran]=4, then five windows of 5 distinct
    // words each: (3 + 4 + 5*5) / (7 windows * 5) = 32 / 35
    expect(movingAverageTtr(v.ids, v.types.length, 5)).toBeCloseTo(32 / 35, 12);
  });

  it('MATTR of a text shorter than the window is its type-token ratio', () => {
    expect(movingAverageTtr(v.ids, v.types.length, 50)).toBeCloseTo(9 / 11, 12);
  });

  it('is 0 for no words and bounded for one word', () => {
    const empty = vocab('');
    expect([typeTokenRatio(0, 0), hapaxRatio(empty.counts), yulesK(empty.counts, 0), movingAverageTtr(empty.ids, 0)]).toEqual([0, 0, 0, 0]);
    const one = vocab('word');
    expect([typeTokenRatio(1, 1), hapaxRatio(one.counts), yulesK(one.counts, 1), movingAverageTtr(one.ids, 1)]).toEqual([1, 1, 0, 1]);
  });

  it('ranks a repetitive text as less diverse than a varied one', () => {
    const repetitive = vocab('the same words the same words the same words again');
    const varied = vocab('every single token here differs from all of its neighbours');
    expect(yulesK(repetitive.counts, repetitive.ids.length)).toBeGreaterThan(yulesK(varied.counts, varied.ids.length));
    expect(movingAverageTtr(repetitive.ids, repetitive.types.length, 5)).toBeLessThan(movingAverageTtr(varied.ids, varied.types.length, 5));
  });
});

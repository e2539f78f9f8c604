import { describe, expect, it } from 'vitest';
import { characterStats, contractionRate } from '../../src/features/character.js';
import { buildVocabulary } from '../../src/features/vocabulary.js';
import { logWordCount } from '../../src/features/length.js';

describe('character features', () => {
  it('digit ratio = digits / non-space characters', () => {
    // "in 2024, 3 cats" -> non-space: i n 2 0 2 4 , 3 c a t s = 12; digits 5
    expect(characterStats('in 2024, 3 cats').digitRatio).toBeCloseTo(5 / 12, 12);
    expect(characterStats('')).toEqual({ digitRatio: 0, nonAsciiRatio: 0 });
    expect(characterStats('   ')).toEqual({ digitRatio: 0, nonAsciiRatio: 0 });
  });

  it('non-ASCII ratio counts characters, an astral emoji once', () => {
    // "café 😀 ok": non-space c a f é 😀 o k = 7 characters, é and 😀 non-ASCII: 2/7
    expect(characterStats('café 😀 ok').nonAsciiRatio).toBeCloseTo(2 / 7, 12);
    expect(characterStats('plain 1').nonAsciiRatio).toBe(0);
  });

  it('contraction rate = words with an inner apostrophe / words', () => {
    // don't, it's, don't of 6 words: 3/6
    const v = buildVocabulary(["don't", 'do', "it's", 'fine', "don't", 'now']);
    expect(contractionRate(v.types, v.counts)).toBe(0.5);
    expect(contractionRate([], [])).toBe(0);
  });

  it('log word count = ln(1 + N)', () => {
    expect(logWordCount(0)).toBe(0);
    expect(logWordCount(Math.E - 1)).toBeCloseTo(1, 12);
    expect(logWordCount(99)).toBeCloseTo(Math.log(100), 12);
  });
});

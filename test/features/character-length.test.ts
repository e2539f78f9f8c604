import { describe, expect, it } from 'vitest';
import { contractionRate, digitRatio, nonAsciiRatio } from '../../src/features/character.js';
import { logWordCount } from '../../src/features/length.js';

describe('character features', () => {
  it('digit ratio = digits / non-space characters', () => {
    // "in 2024, 3 cats" -> non-space: i n 2 0 2 4 , 3 c a t s = 12; digits 5
    expect(digitRatio('in 2024, 3 cats')).toBeCloseTo(5 / 12, 12);
    expect(digitRatio('')).toBe(0);
    expect(digitRatio('   ')).toBe(0);
  });

  it('non-ASCII ratio counts characters, an astral emoji once', () => {
    // "café 😀 ok": non-space c a f é 😀 o k = 7 characters, é and 😀 non-ASCII: 2/7
    expect(nonAsciiRatio('café 😀 ok')).toBeCloseTo(2 / 7, 12);
    expect(nonAsciiRatio('plain')).toBe(0);
    expect(nonAsciiRatio('')).toBe(0);
  });

  it('contraction rate = words with an inner apostrophe / words', () => {
    expect(contractionRate(["don't", 'do', "it's", 'fine'])).toBe(0.5);
    expect(contractionRate([])).toBe(0);
  });

  it('log word count = ln(1 + N)', () => {
    expect(logWordCount(0)).toBe(0);
    expect(logWordCount(Math.E - 1)).toBeCloseTo(1, 12);
    expect(logWordCount(99)).toBeCloseTo(Math.log(100), 12);
  });
});

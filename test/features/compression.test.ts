import { describe, expect, it } from 'vitest';
import { deflateRatio, deflateRatioEstimate } from '../../src/features/compression.js';
import { mulberry32 as rng } from '../../src/random.js';

const SYLLABLES = ['ka', 'lo', 'mi', 'tre', 'son', 'vu', 'pel', 'dar', 'in', 'os', 'be', 'ta', 'rum', 'ne', 'gi', 'fo'];

/** ~900 characters of words drawn from a vocabulary of `vocabularySize` invented words. */
function textWithVocabulary(vocabularySize: number, seed: number): string {
  const next = rng(seed);
  const vocabulary = Array.from({ length: vocabularySize }, () => {
    let w = '';
    const syllables = 1 + Math.floor(next() * 3);
    for (let i = 0; i < syllables; i++) w += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    return w;
  });
  let text = '';
  while (text.length < 900) text += (text ? ' ' : '') + vocabulary[Math.floor(next() * vocabulary.length)];
  return text;
}

function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((xi, i) => {
    const yi = y[i] as number;
    sxy += (xi - mx) * (yi - my);
    sxx += (xi - mx) ** 2;
    syy += (yi - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe('deflateRatioEstimate', () => {
  it('costs a text with no match as header + table + literal entropy', () => {
    // "abab": too short for a 4-unit match; 4 literals, a and b twice each: 4 * 1 bit
    // bits = header 17 + table 2 * 4 + literals 4 + end of block 7 = 36 -> 4.5 bytes / 4
    expect(deflateRatioEstimate('abab')).toBeCloseTo(4.5 / 4, 12);
  });

  it('costs a match as its length and distance symbols', () => {
    // "abcdabcd": literals a b c d (4 * log2(4) = 8 bits), then one match of length 4 at
    // distance 4: 7 + 0 extra + 5 + 0 extra = 12 bits
    // bits = 17 + 4 * 4 + 8 + 12 + 7 = 60 -> 7.5 bytes / 8
    expect(deflateRatioEstimate('abcdabcd')).toBeCloseTo(7.5 / 8, 12);
  });

  it('is 0 for empty text and does not depend on earlier calls', () => {
    expect(deflateRatioEstimate('')).toBe(0);
    const text = textWithVocabulary(40, 7);
    const first = deflateRatioEstimate(text);
    deflateRatioEstimate(textWithVocabulary(400, 8));
    deflateRatioEstimate(text + text);
    expect(deflateRatioEstimate(text)).toBe(first);
  });

  it('rates repetitive text as more compressible than varied text', () => {
    const looping = 'the model said the same thing again and '.repeat(20);
    expect(deflateRatioEstimate(looping)).toBeLessThan(0.2);
    expect(deflateRatioEstimate(textWithVocabulary(300, 1))).toBeGreaterThan(deflateRatioEstimate(textWithVocabulary(10, 1)));
  });

  it('tracks the real zlib deflate ratio', () => {
    const texts = [5, 10, 20, 40, 80, 160, 320, 640].flatMap((v) => [1, 2, 3].map((seed) => textWithVocabulary(v, v * 10 + seed)));
    const exact = texts.map(deflateRatio);
    const estimate = texts.map(deflateRatioEstimate);
    expect(pearson(exact, estimate)).toBeGreaterThan(0.95);
    estimate.forEach((e, i) => expect(Math.abs(e - (exact[i] as number))).toBeLessThan(0.15));
  });
});

describe('deflateRatio', () => {
  it('is compressed bytes / UTF-8 bytes, 0 for empty text', () => {
    expect(deflateRatio('')).toBe(0);
    const repeated = 'abc'.repeat(300);
    expect(deflateRatio(repeated)).toBeLessThan(0.05);
  });
});

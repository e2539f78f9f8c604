import { describe, expect, it } from 'vitest';
import { wordLengthStats } from '../../src/features/word-length.js';
import {
  longSentenceFraction, meanSentenceLength, sentenceLengthCv, sentenceLengthStd, shortSentenceFraction,
} from '../../src/features/sentence-length.js';
import { tokenize } from '../../src/features/tokenize.js';
import { EXAMPLE } from './example.js';

describe('word length', () => {
  it('computes mean, std and long-word share on the example', () => {
    // lengths: the3 cat3 sat3 the3 cat3 ran3 a1 dog3 barked6 loudly6 today5
    // sum = 39, mean = 39/11; sum of squares = 7*9 + 1 + 36 + 36 + 25 = 161
    // var = 161/11 - (39/11)^2 = (1771 - 1521) / 121 = 250/121, std = sqrt(250)/11
    // no word is longer than 6 characters
    const s = wordLengthStats(tokenize(EXAMPLE.toLowerCase()).words);
    expect(s.mean).toBeCloseTo(39 / 11, 12);
    expect(s.std).toBeCloseTo(Math.sqrt(250) / 11, 12);
    expect(s.longRatio).toBe(0);
  });

  it('counts words longer than 6 characters as long', () => {
    // "extraordinary"(13) and "letters"(7) are long, "sixsix"(6) is not: 2 / 4
    expect(wordLengthStats(['extraordinary', 'letters', 'sixsix', 'a']).longRatio).toBe(0.5);
  });

  it('clips very long "words" (URLs, blobs) at 30 characters in mean and std', () => {
    // lengths 2 and 500 read as 2 and 30: mean 16, std 14
    const s = wordLengthStats(['ab', 'x'.repeat(500)]);
    expect(s.mean).toBe(16);
    expect(s.std).toBe(14);
    expect(s.longRatio).toBe(0.5);
  });

  it('is 0 for no words and has std 0 for one word', () => {
    expect(wordLengthStats([])).toEqual({ mean: 0, std: 0, longRatio: 0 });
    expect(wordLengthStats(['word'])).toEqual({ mean: 4, std: 0, longRatio: 0 });
  });
});

describe('sentence length', () => {
  const lengths = tokenize(EXAMPLE.toLowerCase()).sentenceLengths; // [3, 3, 5]

  it('computes mean, std and burstiness on the example', () => {
    // mean = 11/3; deviations -2/3, -2/3, 4/3; var = (4/9 + 4/9 + 16/9) / 3 = 8/9
    // std = sqrt(8)/3; cv = (sqrt(8)/3) / (11/3) = sqrt(8)/11
    expect(meanSentenceLength(lengths)).toBeCloseTo(11 / 3, 12);
    expect(sentenceLengthStd(lengths)).toBeCloseTo(Math.sqrt(8) / 3, 12);
    expect(sentenceLengthCv(lengths)).toBeCloseTo(Math.sqrt(8) / 11, 12);
  });

  it('counts short (<= 5 words) and long (>= 30 words) sentences', () => {
    expect(shortSentenceFraction(lengths)).toBe(1); // 3, 3, 5 are all short
    expect(longSentenceFraction(lengths)).toBe(0);
    // 5 is short, 6 is neither, 30 and 31 are long: short 1/4, long 2/4
    expect(shortSentenceFraction([5, 6, 30, 31])).toBe(0.25);
    expect(longSentenceFraction([5, 6, 30, 31])).toBe(0.5);
  });

  it('gives burstiness 0 for uniform sentences and more for varied ones', () => {
    expect(sentenceLengthCv([10, 10, 10])).toBe(0);
    expect(sentenceLengthCv([2, 20, 5, 30])).toBeGreaterThan(0.5);
  });

  it('clips run-on "sentences" at 100 words', () => {
    // [10, 5000] reads as [10, 100]: mean 55, std 45, cv 45/55
    expect(meanSentenceLength([10, 5000])).toBe(55);
    expect(sentenceLengthStd([10, 5000])).toBe(45);
    expect(sentenceLengthCv([10, 5000])).toBeCloseTo(45 / 55, 12);
    expect(longSentenceFraction([10, 5000])).toBe(0.5);
  });

  it('is 0 without sentences and for one sentence', () => {
    for (const f of [meanSentenceLength, sentenceLengthStd, sentenceLengthCv, shortSentenceFraction, longSentenceFraction]) {
      expect(f([])).toBe(0);
    }
    expect(sentenceLengthStd([7])).toBe(0);
    expect(sentenceLengthCv([7])).toBe(0);
  });
});

// The bounded parts of the statistics: HyperLogLog's error is what it states, and the tail sample's
// estimates of vocabulary and entropy are unbiased within their stated standard errors.
import { describe, expect, it } from 'vitest';
import { DistinctCounter, distinctCount, HLL_RELATIVE_ERROR } from '../../src/diversity/distinct-sketch.js';
import { joinKey } from '../../src/diversity/type-key.js';
import { unigramEntropy, vocabularySize, WordCounter } from '../../src/diversity/word-counts.js';
import { mulberry32 } from '../../src/random.js';

/** A random 53-bit key, as its halves. */
function randomHalves(random: () => number): [number, number] {
  return [Math.floor(random() * 2 ** 32), Math.floor(random() * 2 ** 21)];
}

function randomKey(random: () => number): number {
  return joinKey(...randomHalves(random));
}

describe('distinct counting', () => {
  it('is exact up to its limit', () => {
    const counter = new DistinctCounter(100);
    for (let i = 0; i < 300; i++) counter.add(i % 100, 7);
    expect(distinctCount(counter.sketch())).toEqual({ count: 100, exact: true });
  });

  it('estimates within its stated relative error above it (0.81% at p = 14)', () => {
    expect(HLL_RELATIVE_ERROR).toBeCloseTo(0.0081, 4);
    const random = mulberry32(7);
    const errors: number[] = [];
    for (const n of [5_000, 20_000, 100_000, 400_000]) {
      for (let trial = 0; trial < 5; trial++) {
        const counter = new DistinctCounter();
        for (let i = 0; i < n; i++) counter.add(...randomHalves(random));
        const { count, exact } = distinctCount(counter.sketch());
        expect(exact).toBe(false);
        errors.push((count - n) / n);
      }
    }
    const rms = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length);
    // 20 estimates: their root-mean-square error is within a factor 1.6 of the stated one (chi-square, 19 d.f., p ~ 0.001).
    expect(rms).toBeLessThan(1.6 * HLL_RELATIVE_ERROR);
    expect(Math.max(...errors.map(Math.abs))).toBeLessThan(4 * HLL_RELATIVE_ERROR);
  });
});

describe('the tail sample', () => {
  /**
   * A corpus shaped like English against the reference (measured on the shared corpora: 4-5% of words
   * outside it, in types seen a few times each): 200 head types of 1,000 words each, then tail types
   * seen 1 (70%), 2 (20%) or 3-10 times (10%).
   */
  function englishLike(tailTypes: number, capacity: number, random: () => number): { counter: WordCounter; words: number; entropy: number } {
    const counter = new WordCounter(capacity);
    const counts: number[] = [];
    for (let i = 1; i <= 200; i++) {
      counter.addHead(i, 1000);
      counts.push(1000);
    }
    for (let i = 0; i < tailTypes; i++) {
      const u = random();
      const c = u < 0.7 ? 1 : u < 0.9 ? 2 : 3 + Math.floor(random() * 8);
      counter.addTail(randomKey(random), c);
      counts.push(c);
    }
    const words = counts.reduce((s, c) => s + c, 0);
    const entropy = Math.log2(words) - counts.reduce((s, c) => s + c * Math.log2(c), 0) / words;
    return { counter, words, entropy };
  }

  it('is exact while every tail type fits', () => {
    const { counter, words, entropy } = englishLike(500, 1000, mulberry32(1));
    const c = counter.counts();
    expect(c.tailShift).toBe(0);
    expect(vocabularySize(c)).toEqual({ value: 700, standardError: 0, exact: true });
    const h = unigramEntropy(c, words);
    expect(h.value).toBeCloseTo(entropy, 10);
    expect(h.standardError).toBe(0);
  });

  it('estimates vocabulary and entropy within their standard errors once sampled', () => {
    const random = mulberry32(2);
    const z: number[] = [];
    for (let trial = 0; trial < 40; trial++) {
      const { counter, words, entropy } = englishLike(20_000, 2_000, random);
      const c = counter.counts();
      expect(c.tailShift).toBeGreaterThan(0);
      const v = vocabularySize(c);
      const h = unigramEntropy(c, words);
      z.push((v.value - 20_200) / v.standardError, (h.value - entropy) / h.standardError);
    }
    // Standardised errors: mean near 0 and spread near 1 if the estimates are unbiased and their errors right.
    const mean = z.reduce((s, x) => s + x, 0) / z.length;
    const sd = Math.sqrt(z.reduce((s, x) => s + (x - mean) ** 2, 0) / (z.length - 1));
    expect(Math.abs(mean)).toBeLessThan(0.4);
    expect(sd).toBeGreaterThan(0.6);
    expect(sd).toBeLessThan(1.5);
  });
});

import { describe, expect, it } from 'vitest';
import {
  differenceInterval,
  minSampleToDemonstrate,
  normalQuantile,
  rateWithInterval,
  wilsonInterval,
  zForConfidence,
} from '../../src/evaluation/index.js';

describe('wilsonInterval', () => {
  // Published 95% Wilson intervals: Newcombe (1998), Stat Med 17:857, Table I (method 3),
  // and the textbook 0/10 and 5/10 cases.
  it.each([
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('k=%i n=%i gives [%f, %f]', (k, n, lo, hi) => {
    const [lower, upper] = wilsonInterval(k, n);
    expect(lower).toBeCloseTo(lo, 4);
    expect(upper).toBeCloseTo(hi, 4);
  });

  it('is exactly 0 or 1 at the ends and mirrors k → n - k', () => {
    expect(wilsonInterval(10, 10)[1]).toBe(1);
    expect(wilsonInterval(10, 10)[0]).toBeCloseTo(1 - wilsonInterval(0, 10)[1], 12);
    const [a, b] = wilsonInterval(3, 40);
    const [c, d] = wilsonInterval(37, 40);
    expect(a).toBeCloseTo(1 - d, 12);
    expect(b).toBeCloseTo(1 - c, 12);
  });

  it('knows nothing with n = 0', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });

  it('narrows with a larger z less than with more data', () => {
    const [lo95, hi95] = wilsonInterval(5, 10);
    const [lo99, hi99] = wilsonInterval(5, 10, 2.575829);
    expect(hi99 - lo99).toBeGreaterThan(hi95 - lo95);
  });

  it('rejects k outside [0, n]', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(/between 0 and n/);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
  });
});

describe('differenceInterval', () => {
  it("matches Newcombe's (1998) method 10 on his worked examples", () => {
    const cases: Array<[[number, number], [number, number], [number, number]]> = [
      [[56, 70], [48, 80], [0.0524, 0.3339]],
      [[9, 10], [3, 10], [0.1705, 0.809]],
      [[6, 7], [2, 7], [0.0582, 0.8062]],
      [[5, 56], [0, 29], [-0.0381, 0.1926]],
    ];
    for (const [[ka, na], [kb, nb], [lower, upper]] of cases) {
      const [l, u] = differenceInterval({ k: ka, n: na }, { k: kb, n: nb });
      expect(l).toBeCloseTo(lower, 4);
      expect(u).toBeCloseTo(upper, 4);
    }
  });

  it('knows nothing when either side has no trials', () => {
    expect(differenceInterval({ k: 0, n: 0 }, { k: 3, n: 10 })).toEqual([-1, 1]);
  });
});

describe('rateWithInterval', () => {
  it('carries counts, rate and interval', () => {
    expect(rateWithInterval(5, 10)).toMatchObject({ k: 5, n: 10, rate: 0.5 });
    expect(rateWithInterval(0, 0).rate).toBe(0);
  });
});

describe('minSampleToDemonstrate', () => {
  it('is the n where zero errors first give an upper bound at the target (≈ 3.84/target)', () => {
    // 1.959964² · 0.999 / 0.001 = 3837.6 → 3838
    expect(minSampleToDemonstrate(0.001)).toBe(3838);
    expect(wilsonInterval(0, 3838)[1]).toBeLessThanOrEqual(0.001);
    expect(wilsonInterval(0, 3837)[1]).toBeGreaterThan(0.001);
    expect(minSampleToDemonstrate(0)).toBe(Infinity);
  });
});

describe('normalQuantile', () => {
  it('matches standard normal tables', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    // Acklam's approximation is good to ~1e-9 relative: compare to the 16-digit value.
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6);
    expect(zForConfidence(0.95)).toBeCloseTo(1.959964, 6);
    expect(zForConfidence(0.9)).toBeCloseTo(1.644854, 6);
  });

  it('rejects probabilities outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { candidateProbability, sCurveHalf } from '../../src/dedup/dedup-settings.js';
import { bandKey, bottomK, estimateJaccard, MinHasher, sampleJaccard } from '../../src/dedup/minhash.js';
import { fmix32 } from '../../src/features/hash.js';

/** Two sets of shingle hashes with exactly `shared` elements in common out of `union`. */
function setsWithJaccard(shared: number, union: number, seed: number): [Uint32Array, Uint32Array] {
  const all = Array.from({ length: union }, (_, i) => fmix32(seed * 1_000_003 + i));
  const onlyA = Math.floor((union - shared) / 2);
  return [Uint32Array.from(all.slice(0, shared + onlyA)), Uint32Array.from([...all.slice(0, shared), ...all.slice(shared + onlyA)])];
}

describe('MinHasher', () => {
  const hasher = new MinHasher(256);

  it('gives identical sets identical signatures, whatever the order or repeats', () => {
    const [a] = setsWithJaccard(50, 100, 1);
    const shuffled = Uint32Array.from([...a].reverse().concat([a[0]!, a[1]!]));
    expect(hasher.signature(shuffled)).toEqual(hasher.signature(a));
    expect(estimateJaccard(hasher.signature(a), hasher.signature(shuffled))).toBe(1);
  });

  it('estimates the Jaccard similarity of two sets within a few standard errors', () => {
    // 256 values: the standard error at J is sqrt(J (1 - J) / 256), at most 0.031.
    for (const [shared, union] of [[0, 200], [50, 200], [100, 200], [160, 200], [190, 200]] as const) {
      const errors = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
        const [a, b] = setsWithJaccard(shared, union, seed);
        return estimateJaccard(hasher.signature(a), hasher.signature(b)) - shared / union;
      });
      const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
      expect(Math.abs(mean), `J = ${shared / union}`).toBeLessThan(0.04);
      for (const e of errors) expect(Math.abs(e)).toBeLessThan(0.12);
    }
  });

  it('is the same in every instance (fixed seeds)', () => {
    const [a] = setsWithJaccard(10, 40, 9);
    expect(new MinHasher(256).signature(a)).toEqual(hasher.signature(a));
  });
});

describe('bandKey', () => {
  it('is equal for signatures that agree on the band, and differs between bands and between values', () => {
    const x = Uint16Array.from({ length: 12 }, (_, i) => i * 7);
    const y = Uint16Array.from(x);
    y[11] = 999; // band 2 of 3 (rows 4) differs
    const key = (s: Uint16Array, band: number) => {
      const out = new Uint32Array(2);
      bandKey(s, band, 4, out, 0);
      return [...out];
    };
    expect(key(x, 0)).toEqual(key(y, 0));
    expect(key(x, 1)).toEqual(key(y, 1));
    expect(key(x, 2)).not.toEqual(key(y, 2));
    expect(key(x, 0)).not.toEqual(key(x, 1));
  });
});

describe('the S-curve', () => {
  it('crosses 0.5 where sCurveHalf says', () => {
    for (const [bands, rows] of [[14, 8], [20, 6], [9, 13]] as const) {
      expect(candidateProbability(sCurveHalf(bands, rows), bands, rows)).toBeCloseTo(0.5, 10);
    }
    // datatrove's 14 bands of 8: half the pairs at about 0.685 are candidates.
    expect(sCurveHalf(14, 8)).toBeCloseTo(0.685, 3);
  });
});

describe('bottom-k samples', () => {
  it('keep the k smallest distinct values, and measure the Jaccard similarity of small sets exactly', () => {
    expect([...bottomK(Uint32Array.from([9, 3, 3, 7, 1, 12]), 3)]).toEqual([1, 3, 7]);
    const [a, b] = setsWithJaccard(90, 120, 4);
    expect(sampleJaccard(bottomK(a, 256), bottomK(b, 256), 256)).toBe(90 / 120);
  });

  it('are the k smallest distinct values in order, for sets of any size and spread', () => {
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    for (const [n, spread] of [[0, 1], [1, 1], [300, 50], [5000, 2 ** 32], [20_000, 2 ** 20]] as const) {
      const values = Uint32Array.from({ length: n }, () => next() % spread);
      const expected = [...new Set(values)].sort((a, b) => a - b).slice(0, 256);
      expect([...bottomK(values, 256)]).toEqual(expected);
    }
  });

  it('estimate it for sets larger than the sample', () => {
    const errors = [1, 2, 3, 4, 5, 6].map((seed) => {
      const [a, b] = setsWithJaccard(1600, 2000, seed);
      return sampleJaccard(bottomK(a, 256), bottomK(b, 256), 256) - 0.8;
    });
    for (const e of errors) expect(Math.abs(e)).toBeLessThan(0.1);
    expect(Math.abs(errors.reduce((s, e) => s + e, 0) / errors.length)).toBeLessThan(0.04);
  });
});

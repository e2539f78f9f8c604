import { describe, expect, it } from 'vitest';
import { packBatch } from '../../src/classifier/batch-inputs.js';
import { poolBags } from '../../src/classifier/index.js';
import { poolFeatureBags } from '../../src/classifier/pool-vectors.js';
import { mulberry32 } from '../../src/classifier/prng.js';
import type { FeatureVector } from '../../src/features/index.js';

const DENSE = 3;

/** Random vectors over `buckets` buckets: an empty bag, repeats, and bags longer than `maxSparse`. */
function vectors(buckets: number, seed: number): FeatureVector[] {
  const random = mulberry32(seed);
  const lengths = [0, 1, 5, 40, 64, 100, 7];
  return lengths.map((n) => ({
    dense: Float32Array.from({ length: DENSE }, () => random()),
    sparse: Int32Array.from({ length: n }, (_, i) => (i % 9 === 8 ? 3 : Math.floor(random() * buckets))),
  }));
}

describe('poolFeatureBags', () => {
  it.each([
    [1, 'mean'],
    [1, 'sum'],
    [2, 'mean'],
    [3, 'mean'],
    [3, 'sum'],
  ] as const)('equals the packed batch through poolBags bit for bit (width %i, %s)', (dim, pooling) => {
    const buckets = 97;
    const maxSparse = 64;
    const random = mulberry32(dim * 11);
    const table = Float32Array.from({ length: (buckets + 1) * dim }, () => random() * 2 - 1);
    const vs = vectors(buckets, dim);
    const packed = packBatch(vs, DENSE, maxSparse);
    const expected = poolBags(table, dim, packed.sparse, { batch: packed.size, maxLen: packed.width }, pooling);
    const pooled = poolFeatureBags(table, dim, vs, maxSparse, pooling);
    expect(Array.from(pooled)).toEqual(Array.from(expected));
    // Sanity: the empty bag pools to zeros, the others do not.
    expect(Array.from(pooled.slice(0, dim))).toEqual(new Array(dim).fill(0));
    expect(pooled[dim]).not.toBe(0);
  });

  it('truncates bags at maxSparse', () => {
    const table = Float32Array.from([0, 1, 10]); // buckets 0 and 1 at rows 1 and 2
    const v = { dense: new Float32Array(DENSE), sparse: Int32Array.from([0, 0, 1, 1]) };
    expect(Array.from(poolFeatureBags(table, 1, [v], 2, 'sum'))).toEqual([2]);
    expect(Array.from(poolFeatureBags(table, 1, [v], 4, 'mean'))).toEqual([5.5]);
  });

  it('refuses a bucket the table has no row for', () => {
    const table = new Float32Array(4 * 2); // 3 buckets of width 2
    const bad = (b: number) => [{ dense: new Float32Array(DENSE), sparse: Int32Array.from([0, b]) }];
    expect(() => poolFeatureBags(table, 2, bad(3), 10, 'mean')).toThrow(RangeError);
    expect(() => poolFeatureBags(table, 2, bad(-1), 10, 'mean')).toThrow(/outside the table's 3 buckets/);
    expect(() => poolFeatureBags(new Float32Array(4), 1, bad(3), 10, 'mean')).toThrow(RangeError);
  });
});

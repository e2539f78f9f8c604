import { describe, expect, it } from 'vitest';
import { embeddingBag, poolBags, selectBackend } from '../../src/classifier/index.js';
import { tf } from '../../src/classifier/tf.js';
import { mulberry32 } from '../../src/classifier/prng.js';

/** The textbook formulation, in tfjs kernels: gather rows, zero the padding, sum (and divide). */
function referenceBag(table: tf.Tensor2D, ids: tf.Tensor2D, pooling: 'sum' | 'mean'): tf.Tensor {
  const rows = tf.gather(table, ids);
  const mask = tf.cast(tf.notEqual(ids, 0), 'float32');
  const sum = tf.sum(tf.mul(rows, tf.expandDims(mask, 2)), 1);
  return pooling === 'sum' ? sum : tf.div(sum, tf.maximum(tf.sum(mask, 1, true), 1));
}

function fixture() {
  const random = mulberry32(7);
  const rows = 50, dim = 3, batch = 4, maxLen = 6;
  const table = Float32Array.from({ length: rows * dim }, () => random() * 2 - 1);
  // Row 2 is all padding (empty bag); row 1 repeats an id; padding sits mid-row too.
  const ids = Int32Array.from([5, 9, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 49, 7, 0, 8, 0, 0, 7]);
  return { rows, dim, batch, maxLen, table, ids };
}

describe('embedding bag', () => {
  it.each(['sum', 'mean'] as const)('pools like gather + masked %s, with padding contributing nothing', async (pooling) => {
    await selectBackend('cpu');
    const f = fixture();
    const pooled = poolBags(f.table, f.dim, f.ids, { batch: f.batch, maxLen: f.maxLen }, pooling);
    const expected = tf.tidy(() =>
      referenceBag(tf.tensor2d(f.table, [f.rows, f.dim]), tf.tensor2d(f.ids, [f.batch, f.maxLen], 'int32'), pooling).dataSync(),
    );
    for (let i = 0; i < expected.length; i++) expect(pooled[i]).toBeCloseTo(expected[i]!, 6);
    // The empty bag pools to zeros, whatever row 0 holds.
    expect(Array.from(pooled.slice(1 * f.dim, 2 * f.dim))).toEqual([0, 0, 0]);
    const rowZeroChanged = Float32Array.from(f.table);
    rowZeroChanged.fill(100, 0, f.dim);
    expect(poolBags(rowZeroChanged, f.dim, f.ids, { batch: f.batch, maxLen: f.maxLen }, pooling)).toEqual(pooled);
  });

  it('has the gradient of the gather formulation, and none for the padding row', async () => {
    await selectBackend('cpu');
    const f = fixture();
    const ids = tf.tensor2d(f.ids, [f.batch, f.maxLen], 'int32');
    const upstream = tf.tensor2d(Float32Array.from({ length: f.batch * f.dim }, (_, i) => (i % 5) - 2), [f.batch, f.dim]);
    const table = tf.tensor2d(f.table, [f.rows, f.dim]);
    const ours = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(embeddingBag(t, ids, 'mean'), upstream)))(table).dataSync();
    const reference = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(referenceBag(t as tf.Tensor2D, ids, 'mean'), upstream)))(table).dataSync();
    for (let i = 0; i < ours.length; i++) expect(ours[i]).toBeCloseTo(reference[i]!, 6);
    expect(Array.from(ours.slice(0, f.dim))).toEqual([0, 0, 0]);
  });

  it('refuses ids outside the table', () => {
    const f = fixture();
    const bad = Int32Array.from(f.ids);
    bad[0] = f.rows;
    expect(() => poolBags(f.table, f.dim, bad, { batch: f.batch, maxLen: f.maxLen }, 'sum')).toThrow(RangeError);
  });
});

describe('embedding bag width-2 fast path', () => {
  it('returns exactly what the generic loop returns', () => {
    const random = mulberry32(11);
    const rows = 1000, batch = 8, maxLen = 40;
    const table2 = Float32Array.from({ length: rows * 2 }, () => random() - 0.5);
    // The same rows, padded to width 3 with a zero column, go through the generic loop.
    const table3 = new Float32Array(rows * 3);
    for (let r = 0; r < rows; r++) table3.set(table2.subarray(2 * r, 2 * r + 2), 3 * r);
    const ids = Int32Array.from({ length: batch * maxLen }, (_, i) => (i % maxLen < 5 + (i % 7) * 4 ? Math.floor(random() * rows) : 0));
    for (const pooling of ['sum', 'mean'] as const) {
      const fast = poolBags(table2, 2, ids, { batch, maxLen }, pooling);
      const generic = poolBags(table3, 3, ids, { batch, maxLen }, pooling);
      for (let b = 0; b < batch; b++) {
        expect(fast[2 * b]).toBe(generic[3 * b]);
        expect(fast[2 * b + 1]).toBe(generic[3 * b + 1]);
      }
    }
  });
});

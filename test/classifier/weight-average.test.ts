import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/classifier/index.js';
import { tf } from '../../src/classifier/tf.js';
import { WeightAverage } from '../../src/classifier/weight-average.js';

const values = (v: tf.Variable) => Array.from(v.dataSync());

describe('WeightAverage', () => {
  beforeAll(async () => {
    await selectBackend('cpu');
  });

  it('averages with the warm-up decay min(decay, (1 + t) / (10 + t)) and leaves the live values alone', async () => {
    const v = tf.variable(tf.tensor1d([0, 10]));
    const average = new WeightAverage([v], 0.5);
    // Hand-computed: step 1 uses min(0.5, 2/11) = 2/11, step 2 uses min(0.5, 3/12) = 0.25.
    v.assign(tf.tensor1d([11, 21]));
    average.update();
    const d1 = 2 / 11;
    const after1 = [0 * d1 + 11 * (1 - d1), 10 * d1 + 21 * (1 - d1)];
    v.assign(tf.tensor1d([1, 1]));
    average.update();
    const expected = after1.map((s) => s * 0.25 + 1 * 0.75);

    const seen = await average.withAveraged(() => values(v));
    expect(seen[0]).toBeCloseTo(expected[0]!, 5);
    expect(seen[1]).toBeCloseTo(expected[1]!, 5);
    expect(values(v)).toEqual([1, 1]);
    average.dispose();
    v.dispose();
  });

  it('caps the decay at the configured value once warmed up', async () => {
    const v = tf.variable(tf.scalar(0));
    const average = new WeightAverage([v], 0.9);
    for (let t = 0; t < 200; t++) average.update(); // shadow stays 0 while v is 0
    v.assign(tf.scalar(1));
    average.update();
    expect((await average.withAveraged(() => values(v)))[0]).toBeCloseTo(0.1, 6);
    average.dispose();
    v.dispose();
  });

  it('puts the live values back when the callback throws', async () => {
    const v = tf.variable(tf.tensor1d([3]));
    const average = new WeightAverage([v], 0.9);
    v.assign(tf.tensor1d([5]));
    await expect(average.withAveraged(() => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(values(v)).toEqual([5]);
    average.dispose();
    v.dispose();
  });

  it('rejects a decay outside (0, 1)', () => {
    const v = tf.variable(tf.scalar(0));
    expect(() => new WeightAverage([v], 1)).toThrow(/decay/);
    expect(() => new WeightAverage([v], 0)).toThrow(/decay/);
    v.dispose();
  });
});

import { describe, expect, it } from 'vitest';
import { exampleWeights } from '../../src/classifier/example-weights.js';

const ex = (source: string, synthetic: boolean) => ({ source, synthetic });

describe('exampleWeights', () => {
  // source a: 2 human, 2 synthetic; source b: 1 human, 5 synthetic
  const examples = [ex('a', false), ex('a', false), ex('a', true), ex('a', true), ex('b', false), ...Array.from({ length: 5 }, () => ex('b', true))];

  it('label: each label weighs half the whole loss', () => {
    const { weights, classWeights } = exampleWeights(examples, 'label');
    expect(classWeights.human).toBeCloseTo(10 / 6, 6);
    expect(classWeights.synthetic).toBeCloseTo(10 / 14, 6);
    expect(weights[0]).toBeCloseTo(10 / 6, 6);
    expect(weights[9]).toBeCloseTo(10 / 14, 6);
  });

  it('source: each label weighs half of each source, so no source leans to one label', () => {
    const { weights } = exampleWeights(examples, 'source');
    const sum = (source: string, synthetic: boolean) => examples.reduce((s, e, i) => s + (e.source === source && e.synthetic === synthetic ? weights[i]! : 0), 0);
    for (const source of ['a', 'b']) expect(sum(source, false)).toBeCloseTo(sum(source, true), 5);
    expect(sum('a', false) + sum('a', true)).toBeCloseTo(4, 5);
    expect(sum('b', false) + sum('b', true)).toBeCloseTo(6, 5);
    expect(weights[4]).toBeCloseTo(3, 6); // b's one human text: 6 / (2 * 1)
    expect(weights[5]).toBeCloseTo(0.6, 6); // b's synthetic texts: 6 / (2 * 5)
  });

  it('source: a source with one label keeps the global label weight', () => {
    const { weights } = exampleWeights([ex('a', false), ex('a', true), ex('m', true), ex('m', true)], 'source');
    expect(weights[2]).toBeCloseTo(4 / 6, 6);
    expect(weights[0]).toBeCloseTo(1, 6);
  });
});

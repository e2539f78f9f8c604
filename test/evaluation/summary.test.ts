import { describe, expect, it } from 'vitest';
import { evaluateByGenerator, evaluateScores, groupIndices } from '../../src/evaluation/index.js';

const T = true;
const F = false;

describe('evaluateScores', () => {
  const scores = [0.9, 0.8, 0.6, 0.4, 0.3, 0.1];
  const labels = [T, T, F, T, F, F];

  it('reports every metric on the whole sample', () => {
    const summary = evaluateScores(scores, labels);
    expect(summary).toMatchObject({ n: 6, nSynthetic: 3, nHuman: 3 });
    // Synthetic 0.9, 0.8, 0.4 vs human 0.6, 0.3, 0.1: 3 + 3 + 2 = 8 of 9 pairs.
    expect(summary.auroc).toBeCloseTo(8 / 9, 12);
    expect(summary.tprAtFpr['0.01']).toBeCloseTo(2 / 3, 12);
    expect(summary.fprAtTpr['0.9']).toBeCloseTo(1 / 3, 12);
    // (0.01 + 0.04 + 0.36 + 0.36 + 0.09 + 0.01) / 6
    expect(summary.brier).toBeCloseTo(0.87 / 6, 12);
    expect(summary.ece).toBeGreaterThan(0);
    expect(summary.byGroup).toBeUndefined();
  });

  it('reports null, not NaN, for ranking metrics of a one-class group', () => {
    const summary = evaluateScores(scores, labels, ['a', 'a', 'a', 'b', 'a', 'a']);
    expect(Object.keys(summary.byGroup!)).toEqual(['a', 'b']);
    const b = summary.byGroup!.b!;
    expect(b.n).toBe(1);
    expect(b.auroc).toBeNull();
    expect(b.tprAtFpr['0.05']).toBeNull();
    expect(b.fprAtTpr['0.9']).toBeNull();
    expect(b.brier).toBeCloseTo(0.36, 12);
    expect(summary.byGroup!.a!.auroc).toBe(1);
    expect(JSON.stringify(summary)).not.toContain('NaN');
  });

  it('rejects groups of the wrong length', () => {
    expect(() => evaluateScores(scores, labels, ['a'])).toThrow(/one per score/);
  });
});

describe('evaluateByGenerator', () => {
  it("evaluates each generator's synthetic documents against all human documents", () => {
    const scores = [0.9, 0.3, 0.8, 0.5, 0.1];
    const labels = [T, T, F, F, F];
    const generators = ['gpt-4', 'llama', null, null, null];
    const byGenerator = evaluateByGenerator(scores, labels, generators);
    expect(Object.keys(byGenerator)).toEqual(['gpt-4', 'llama']);
    expect(byGenerator['gpt-4']).toMatchObject({ n: 4, nSynthetic: 1, nHuman: 3, auroc: 1 });
    // 0.3 beats only 0.1 of the human scores 0.8, 0.5, 0.1.
    expect(byGenerator.llama!.auroc).toBeCloseTo(1 / 3, 12);
  });
});

describe('groupIndices', () => {
  it('lists indices per key in order of first appearance', () => {
    expect([...groupIndices(['x', 'y', 'x'])]).toEqual([
      ['x', [0, 2]],
      ['y', [1]],
    ]);
  });
});

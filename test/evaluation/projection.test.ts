import { describe, expect, it } from 'vitest';
import { projectSyntheticShare } from '../../src/evaluation/index.js';

describe('projectSyntheticShare', () => {
  it('grows prevalence by a fraction of what is still human and mixes the human shard', () => {
    const rows = projectSyntheticShare({ leak: 0.1, prevalence: 0.5, generations: 3, growth: 0.5 });
    // p: 0.5, 0.75, 0.875. Share: 0.05/0.55, 0.075/0.325, 0.0875/0.2125.
    // Cumulative: 0.05/0.55, 0.125/0.875, 0.2125/1.0875.
    const expected = [
      [0, 0.5, 0.05 / 0.55, 0.05 / 0.55],
      [1, 0.75, 0.075 / 0.325, 0.125 / 0.875],
      [2, 0.875, 0.0875 / 0.2125, 0.2125 / 1.0875],
    ];
    expect(rows).toHaveLength(3);
    rows.forEach((row, i) => {
      const [generation, prevalence, share, cumulative] = expected[i]!;
      expect(row.generation).toBe(generation);
      expect(row.prevalence).toBeCloseTo(prevalence!, 12);
      expect(row.syntheticShare).toBeCloseTo(share!, 12);
      expect(row.cumulativeSyntheticShare).toBeCloseTo(cumulative!, 12);
    });
  });

  it('stays flat with fixed prevalence and counts lost human data', () => {
    const rows = projectSyntheticShare({ leak: 0.1, prevalence: 0.5, generations: 4, humanLoss: 0.5 });
    // 0.05 / (0.05 + 0.5·0.5)
    for (const row of rows) {
      expect(row.prevalence).toBe(0.5);
      expect(row.syntheticShare).toBeCloseTo(0.05 / 0.3, 12);
    }
  });

  it('keeps the pool clean with a perfect filter and equals prevalence with no filter', () => {
    expect(projectSyntheticShare({ leak: 0, prevalence: 0.3, generations: 2, growth: 0.2 }).every((r) => r.syntheticShare === 0)).toBe(true);
    const unfiltered = projectSyntheticShare({ leak: 1, prevalence: 0.3, generations: 2, growth: 0.2 });
    for (const row of unfiltered) expect(row.syntheticShare).toBeCloseTo(row.prevalence, 12);
  });

  it('rejects a non-integer number of generations and rates outside [0, 1]', () => {
    expect(() => projectSyntheticShare({ leak: 0.1, prevalence: 0.5, generations: 0 })).toThrow(/generations/);
    expect(() => projectSyntheticShare({ leak: 1.1, prevalence: 0.5, generations: 2 })).toThrow(/leak/);
  });
});

import { describe, expect, it } from 'vitest';
import { confusionRates, threeWayConfusion } from '../../src/evaluation/index.js';

const T = true;
const F = false;

describe('threeWayConfusion', () => {
  const scores = [0.1, 0.5, 0.8, 0.2, 0.3, 0.7, 0.9];
  const labels = [F, F, F, T, T, T, T];

  it('counts each true class by route, with the router boundaries (score = low is uncertain, score = high synthetic)', () => {
    const table = threeWayConfusion(scores, labels, { low: 0.3, high: 0.7 });
    expect(table).toEqual({
      human: { human: 1, uncertain: 1, synthetic: 1 },
      synthetic: { human: 1, uncertain: 1, synthetic: 2 },
    });
  });

  it('derives leak-through, human loss, human pass and the uncertain rate', () => {
    const rates = confusionRates(threeWayConfusion(scores, labels, { low: 0.3, high: 0.7 }));
    expect(rates.leakThrough).toBeCloseTo(1 / 4, 12);
    expect(rates.humanLoss).toBeCloseTo(1 / 3, 12);
    expect(rates.humanPass).toBeCloseTo(1 / 3, 12);
    expect(rates.uncertain).toBeCloseTo(2 / 7, 12);
  });

  it('reports null rates for an absent class', () => {
    const rates = confusionRates(threeWayConfusion([0.1], [F], { low: 0.5, high: 0.5 }));
    expect(rates.leakThrough).toBeNull();
    expect(rates.humanPass).toBe(1);
  });

  it('rejects low > high', () => {
    expect(() => threeWayConfusion(scores, labels, { low: 0.8, high: 0.2 })).toThrow(/low <= high/);
  });
});

import { describe, expect, it } from 'vitest';
import { chooseDefaultThresholds } from '../../src/classifier/index.js';

describe('default thresholds', () => {
  it('keeps at most 5% of synthetic below low and 1% of human at or above high', () => {
    const human = Array.from({ length: 200 }, (_, i) => i / 400); // 0 .. 0.4975
    const synthetic = Array.from({ length: 100 }, (_, i) => 0.3 + i / 200); // 0.3 .. 0.795
    const scores = [...human, ...synthetic];
    const labels = [...human.map(() => false), ...synthetic.map(() => true)];
    const { low, high } = chooseDefaultThresholds(scores, labels);
    expect(synthetic.filter((s) => s < low).length).toBeLessThanOrEqual(5);
    expect(synthetic.filter((s) => s < low).length).toBe(5); // and not needlessly lower
    expect(human.filter((s) => s >= high).length).toBeLessThanOrEqual(2);
    expect(human.filter((s) => s >= high).length).toBe(2);
    expect(low).toBeLessThanOrEqual(high);
  });

  it('collapses the uncertain band when the rules cross', () => {
    // Separated dev scores: low (5th percentile of synthetic, 0.8) lies above high (just over 0.3).
    const scores = [0.1, 0.2, 0.3, 0.8, 0.85, 0.9];
    const labels = [false, false, false, true, true, true];
    const { low, high } = chooseDefaultThresholds(scores, labels);
    expect(low).toBe(high);
    expect(high).toBeGreaterThan(0.3);
    expect(high).toBeLessThan(0.3001);
  });
});

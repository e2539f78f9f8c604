import { describe, expect, it } from 'vitest';
import { chooseDefaultThresholds, chooseThresholdsForEveryPart } from '../../src/classifier/index.js';

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

  it('holds the rule on every dev part, where the pool would spend one part\'s budget on another', () => {
    // Part A, hard: 20 synthetic at 0.05 .. 1.00, 20 human at 0 .. 0.38. Part B, easy: 100
    // synthetic at 0.900 .. 0.999, 100 human at 0 .. 0.099.
    const synA = Array.from({ length: 20 }, (_, i) => (i + 1) / 20);
    const humA = Array.from({ length: 20 }, (_, i) => i / 50);
    const synB = Array.from({ length: 100 }, (_, i) => 0.9 + i / 1000);
    const humB = Array.from({ length: 100 }, (_, i) => i / 1000);
    const scores = [...synA, ...humA, ...synB, ...humB];
    const labels = [...synA.map(() => true), ...humA.map(() => false), ...synB.map(() => true), ...humB.map(() => false)];

    // Pooled: the 6th of 120 synthetic (k = 6) is A's 0.35, so 6 of A's 20 (30%) go human; the
    // second-largest of 120 human is A's 0.36, so 1 of A's 20 (5%) goes synthetic.
    const pooled = chooseDefaultThresholds(scores, labels);
    expect(pooled.low).toBe(7 / 20);
    expect(synA.filter((x) => x < pooled.low).length).toBe(6);
    expect(humA.filter((x) => x >= pooled.high).length).toBe(1);

    // Per part: A's own low (k = 1: 0.10) and A's own high (just above its largest human, 0.38).
    const perPart = chooseThresholdsForEveryPart(scores, labels, [40, 200]);
    expect(perPart.low).toBe(2 / 20);
    expect(perPart.high).toBeGreaterThan(19 / 50);
    expect(perPart.high).toBeLessThan(19 / 50 + 1e-12);
    for (const [syn, hum] of [[synA, humA], [synB, humB]] as const) {
      expect(syn.filter((x) => x < perPart.low).length).toBeLessThanOrEqual(Math.floor(0.05 * syn.length));
      expect(hum.filter((x) => x >= perPart.high).length).toBeLessThanOrEqual(Math.floor(0.01 * hum.length));
    }
    // One part is the pooled rule.
    expect(chooseThresholdsForEveryPart(scores, labels, [240])).toEqual(pooled);
  });

  it('lets a part with one label bound only its own side, and checks the parts cover the scores', () => {
    const scores = [0.2, 0.9, 0.1, 0.3, 0.6];
    const labels = [false, true, false, false, false];
    // Part 1 (0.2 human, 0.9 synthetic) gives low 0.9 and high just above 0.2; part 2, human
    // only, raises high to just above its largest score, 0.6. Then low > high: both become high.
    const t = chooseThresholdsForEveryPart(scores, labels, [2, 3]);
    expect(t.high).toBeGreaterThan(0.6);
    expect(t.high).toBeLessThan(0.6 + 1e-12);
    expect(t.low).toBe(t.high);
    expect(chooseThresholdsForEveryPart(scores, labels, [5]).high).toBe(t.high);
    expect(() => chooseThresholdsForEveryPart(scores, labels, [2, 2])).toThrow(/parts cover 4 scores, not 5/);
  });
});

import { describe, expect, it } from 'vitest';
import { confusionRates, threeWayConfusion, tuneThresholds, wilsonInterval } from '../../src/evaluation/index.js';

/** 600 human documents scoring 0.000..0.599 and 600 synthetic scoring 0.400..0.999 (step 0.001). */
function overlappingSample(): { scores: number[]; labels: boolean[] } {
  const scores: number[] = [];
  const labels: boolean[] = [];
  for (let i = 0; i < 600; i++) {
    scores.push(i / 1000);
    labels.push(false);
    scores.push((400 + i) / 1000);
    labels.push(true);
  }
  return { scores, labels };
}

describe('tuneThresholds', () => {
  it('meets both targets with the smallest uncertain band', () => {
    const { scores, labels } = overlappingSample();
    const result = tuneThresholds(scores, labels, { maxLeak: 0.05, maxHumanLoss: 0.05 });
    // 5% of 600 = 30 documents may leak: the synthetic ones at 0.400..0.429, so low sits
    // between 0.429 and 0.430; symmetrically 30 human documents 0.570..0.599 may be lost.
    expect(result.low).toBeCloseTo(0.4295, 9);
    expect(result.high).toBeCloseTo(0.5695, 9);
    expect(result.leakThrough).toMatchObject({ k: 30, n: 600 });
    expect(result.humanLoss).toMatchObject({ k: 30, n: 600 });
    // 0.430..0.569 of each class: 140 + 140 of 1200.
    expect(result.uncertain).toMatchObject({ k: 280, n: 1200 });
    expect(result.feasible).toBe(true);

    // Check with the router's own rule, independently of the tuner's bookkeeping.
    const rates = confusionRates(threeWayConfusion(scores, labels, result));
    expect(rates.leakThrough).toBeLessThanOrEqual(0.05);
    expect(rates.humanLoss).toBeLessThanOrEqual(0.05);
    // One step further in either direction would break a target.
    const wider = confusionRates(threeWayConfusion(scores, labels, { low: 0.4305, high: result.high }));
    expect(wider.leakThrough).toBeGreaterThan(0.05);
  });

  it('warns that meeting a target on the sample is not demonstrating it', () => {
    const { scores, labels } = overlappingSample();
    const result = tuneThresholds(scores, labels, { maxLeak: 0.05, maxHumanLoss: 0.05 });
    expect(result.leakThrough.ci95[1]).toBeGreaterThan(0.05);
    expect(result.warnings.some((w) => /Observed leak-through 5%.*upper bound/.test(w))).toBe(true);
  });

  it("with criterion 'upper-bound' keeps the Wilson upper bounds under the targets, as loosely as possible", () => {
    const { scores, labels } = overlappingSample();
    const result = tuneThresholds(scores, labels, { maxLeak: 0.05, maxHumanLoss: 0.05, criterion: 'upper-bound' });
    const { k } = result.leakThrough;
    expect(wilsonInterval(k, 600)[1]).toBeLessThanOrEqual(0.05);
    expect(wilsonInterval(k + 1, 600)[1]).toBeGreaterThan(0.05);
    expect(result.low).toBeLessThan(0.4295);
    expect(result.feasible).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('places thresholds between observed scores, never on one', () => {
    const { scores, labels } = overlappingSample();
    const result = tuneThresholds(scores, labels, { maxLeak: 0.1, maxHumanLoss: 0.02 });
    expect(scores).not.toContain(result.low);
    expect(scores).not.toContain(result.high);
  });

  it('collapses the uncertain band to one cut when the targets cross', () => {
    // Separable: human 0.00..0.29, synthetic 0.70..0.99 (300 each). Any cut in the gap has no errors.
    const scores = [...Array.from({ length: 300 }, (_, i) => i / 1000), ...Array.from({ length: 300 }, (_, i) => 0.7 + i / 1000)];
    const labels = [...scores.slice(0, 300).map(() => false), ...scores.slice(300).map(() => true)];
    const result = tuneThresholds(scores, labels, { maxLeak: 0.02, maxHumanLoss: 0.02 });
    expect(result.low).toBe(result.high);
    expect(result.low).toBeCloseTo((0.299 + 0.7) / 2, 12);
    expect(result.uncertain.k).toBe(0);
    expect(result.leakThrough.k).toBe(0);
    expect(result.humanLoss.k).toBe(0);
    expect(result.feasible).toBe(true);
  });

  it('refuses a target the sample is too small to demonstrate, with the numbers', () => {
    // 300 synthetic documents cannot show a leak-through of 0.1%: even 0 leaks leaves a
    // Wilson upper bound of 3.84 / 303.84 = 1.26%, and 3,838 documents would be needed.
    const scores = [...Array.from({ length: 300 }, (_, i) => i / 1000), ...Array.from({ length: 300 }, (_, i) => 0.5 + i / 1000)];
    const labels = [...scores.slice(0, 300).map(() => false), ...scores.slice(300).map(() => true)];
    const result = tuneThresholds(scores, labels, { maxLeak: 0.001, maxHumanLoss: 0.05 });
    expect(result.feasible).toBe(false);
    const warning = result.warnings.find((w) => w.startsWith('Leak-through target'));
    expect(warning).toBeDefined();
    expect(warning).toContain('0.1%');
    expect(warning).toContain('300 labeled synthetic');
    expect(warning).toContain('1.26%');
    expect(warning).toContain('3,838');
  });

  it("falls back to routing everything uncertain when no threshold meets a target ('upper-bound')", () => {
    const scores = [0.1, 0.2, 0.3, 0.7, 0.8, 0.9];
    const labels = [false, false, false, true, true, true];
    const result = tuneThresholds(scores, labels, { maxLeak: 0.05, maxHumanLoss: 0.05, criterion: 'upper-bound' });
    expect(result.feasible).toBe(false);
    expect(result.low).toBeCloseTo(0.05, 12);
    expect(result.high).toBeCloseTo(0.95, 12);
    expect(result.uncertain.k).toBe(6);
    expect(result.warnings.join(' ')).toMatch(/every labeled document uncertain/);
  });

  it('is infeasible when a human document scores exactly 1 and no human loss is allowed', () => {
    const scores = [0, 0.2, 1, 0.9, 1];
    const labels = [false, false, false, true, true];
    const result = tuneThresholds(scores, labels, { maxLeak: 0.5, maxHumanLoss: 0 });
    expect(result.feasible).toBe(false);
    expect(result.warnings.join(' ')).toMatch(/No threshold keeps human loss within 0%/);
    expect(result.low).toBeLessThanOrEqual(result.high);
  });

  it('needs labeled documents of both classes', () => {
    expect(() => tuneThresholds([0.1, 0.2], [false, false], { maxLeak: 0.1, maxHumanLoss: 0.1 })).toThrow(/both classes/);
  });
});

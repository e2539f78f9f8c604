import { describe, expect, it } from 'vitest';
import { auroc, fprAtTpr, mulberry32, operatingPointAtFpr, rocCurve, tprAtFpr } from '../../src/evaluation/index.js';

const T = true;
const F = false;

/** O(n²) definition of AUROC: share of (synthetic, human) pairs ordered correctly, ties 1/2. */
function pairwiseAuroc(scores: number[], labels: boolean[]): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!labels[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j]) continue;
      pairs++;
      sum += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  return sum / pairs;
}

describe('auroc', () => {
  it('is 1 for a perfect ranking and 0 for an inverted one', () => {
    expect(auroc([0.1, 0.2, 0.8, 0.9], [F, F, T, T])).toBe(1);
    expect(auroc([0.1, 0.2, 0.8, 0.9], [T, T, F, F])).toBe(0);
  });

  it('counts ties as 1/2', () => {
    // Pairs (synthetic, human): (0.8,0.5)=1 (0.8,0.2)=1 (0.5,0.5)=½ (0.5,0.2)=1 → 3.5/4.
    expect(auroc([0.8, 0.5, 0.5, 0.2], [T, T, F, F])).toBeCloseTo(0.875, 12);
    // Synthetic 0.9, 0.4, 0.4; human 0.4, 0.1: 2 + 1.5 + 1.5 = 5 of 6 pairs.
    expect(auroc([0.9, 0.4, 0.4, 0.4, 0.1], [T, T, T, F, F])).toBeCloseTo(5 / 6, 12);
    expect(auroc([0.5, 0.5, 0.5, 0.5], [F, T, F, T])).toBe(0.5);
  });

  it('agrees with the pairwise definition on random scores with many ties', () => {
    const rng = mulberry32(1);
    const scores = Array.from({ length: 300 }, () => Math.round(rng() * 20) / 20);
    const labels = scores.map((s) => rng() < 0.3 + 0.4 * s);
    expect(auroc(scores, labels)).toBeCloseTo(pairwiseAuroc(scores, labels), 12);
  });

  it('is null with one class only', () => {
    expect(auroc([0.1, 0.9], [T, T])).toBeNull();
    expect(auroc([0.1, 0.9], [F, F])).toBeNull();
  });

  it('rejects mismatched lengths, empty input and non-finite scores', () => {
    expect(() => auroc([0.1], [T, F])).toThrow(/differ in length/);
    expect(() => auroc([], [])).toThrow(/no scores/);
    expect(() => auroc([NaN, 0.2], [T, F])).toThrow(/index 0/);
  });
});

describe('rocCurve', () => {
  it('has one point per distinct score, tied scores grouped', () => {
    const points = rocCurve([0.9, 0.8, 0.8, 0.3], [T, T, F, F]);
    expect(points.map((p) => [p.fpr, p.tpr, p.threshold])).toEqual([
      [0, 0, Infinity],
      [0, 0.5, 0.9],
      [0.5, 1, 0.8],
      [1, 1, 0.3],
    ]);
  });

  it('is empty with one class only', () => {
    expect(rocCurve([0.2, 0.4], [F, F])).toEqual([]);
  });
});

describe('tprAtFpr and fprAtTpr', () => {
  // 10 human and 6 synthetic documents; by decreasing score:
  // 0.99 S, 0.97 S, 0.95 H, 0.93 S, 0.9 H, 0.85 S, 0.8 H, 0.7 H, 0.6 S+H, 0.5 H, 0.4 H, 0.3 S+H, 0.2 H, 0.1 H
  const human = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
  const synthetic = [0.99, 0.97, 0.93, 0.85, 0.6, 0.3];
  const scores = [...human, ...synthetic];
  const labels = [...human.map(() => F), ...synthetic.map(() => T)];

  it('finds the largest TPR with FPR at most the target', () => {
    expect(tprAtFpr(scores, labels, 0)).toBeCloseTo(2 / 6, 12); // stop before 0.95 H
    expect(tprAtFpr(scores, labels, 0.1)).toBeCloseTo(3 / 6, 12); // 1 FP allowed: down to 0.93
    expect(tprAtFpr(scores, labels, 0.2)).toBeCloseTo(4 / 6, 12); // 2 FP: down to 0.85
    expect(tprAtFpr(scores, labels, 1)).toBe(1);
    expect(operatingPointAtFpr(scores, labels, 0.1)?.threshold).toBe(0.93);
  });

  it('finds the smallest FPR with TPR at least the target', () => {
    expect(fprAtTpr(scores, labels, 0.5)).toBeCloseTo(0.1, 12); // 3 of 6 at 0.93, 1 FP
    expect(fprAtTpr(scores, labels, 0.8)).toBeCloseTo(0.5, 12); // 5 of 6 needs 0.6: 5 FP
    expect(fprAtTpr(scores, labels, 0.9)).toBeCloseTo(0.8, 12); // all 6 need 0.3: 8 FP
    expect(fprAtTpr(scores, labels, 0)).toBe(0);
  });

  it('cannot split a tie between a human and a synthetic document', () => {
    // The 0.9 group holds one of each: taking it costs FPR 0.5.
    const s = [0.9, 0.9, 0.5, 0.1];
    const l = [T, F, T, F];
    expect(tprAtFpr(s, l, 0.4)).toBe(0);
    expect(tprAtFpr(s, l, 0.5)).toBe(1);
  });

  it('is null with one class only', () => {
    expect(tprAtFpr([0.1, 0.2], [T, T], 0.05)).toBeNull();
    expect(fprAtTpr([0.1, 0.2], [F, F], 0.9)).toBeNull();
  });

  it('rejects targets outside [0, 1]', () => {
    expect(() => tprAtFpr(scores, labels, 1.5)).toThrow(RangeError);
  });
});

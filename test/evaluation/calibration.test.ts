import { describe, expect, it } from 'vitest';
import { brierScore, expectedCalibrationError, reliabilityBins } from '../../src/evaluation/index.js';

const T = true;
const F = false;

describe('brierScore', () => {
  it('is the mean squared error of the probability', () => {
    // (0.9-1)² + (0.2-0)² + (0.6-0)² + (0.4-1)² = 0.01 + 0.04 + 0.36 + 0.36 = 0.77
    expect(brierScore([0.9, 0.2, 0.6, 0.4], [T, F, F, T])).toBeCloseTo(0.77 / 4, 12);
  });

  it('is 0 for certain correct predictions and 1 for certain wrong ones', () => {
    expect(brierScore([1, 0], [T, F])).toBe(0);
    expect(brierScore([0, 1], [T, F])).toBe(1);
  });

  it('rejects values that are not probabilities', () => {
    expect(() => brierScore([1.2], [T])).toThrow(/\[0, 1\]/);
  });
});

describe('reliabilityBins', () => {
  it('puts values on an edge in the upper bin and 1 in the last bin', () => {
    const bins = reliabilityBins([0.3, 1, 0.0999], [T, T, F], 10);
    expect(bins).toHaveLength(10);
    expect(bins[3]!.count).toBe(1);
    expect(bins[9]!.count).toBe(1);
    expect(bins[0]!.count).toBe(1);
    expect(bins[5]).toMatchObject({ count: 0, meanProbability: null, observedRate: null });
    // 0.57 * 100 is 56.99999999999999 in floating point; it still belongs to bin 57.
    expect(reliabilityBins([0.57], [T], 100)[57]!.count).toBe(1);
  });

  it('reports the mean probability and the observed synthetic rate per bin', () => {
    const bins = reliabilityBins([0.15, 0.15, 0.12], [T, F, F], 10);
    expect(bins[1]!.meanProbability).toBeCloseTo(0.14, 12);
    expect(bins[1]!.observedRate).toBeCloseTo(1 / 3, 12);
  });
});

describe('expectedCalibrationError', () => {
  it('weights each bin gap by the bin size', () => {
    // bin0: {0.05:F} gap 0.05; bin1: {0.15:F, 0.15:T} gap 0.35 ×2; bin8: {0.85:T ×2} gap 0.15 ×2; bin9: {0.95:T} gap 0.05
    // (0.05 + 0.70 + 0.30 + 0.05) / 6 = 1.1 / 6
    const probs = [0.05, 0.15, 0.15, 0.85, 0.85, 0.95];
    const labels = [F, F, T, T, T, T];
    expect(expectedCalibrationError(probs, labels)).toBeCloseTo(1.1 / 6, 12);
  });

  it('is 0 when every bin is calibrated and depends on the number of bins', () => {
    expect(expectedCalibrationError([0.5, 0.5, 0.5, 0.5], [T, F, T, F])).toBe(0);
    // One bin: |mean(0.2, 0.8) - 1/2| = 0; ten bins: both bins off by 0.2.
    expect(expectedCalibrationError([0.2, 0.8], [T, F], 1)).toBeCloseTo(0, 12);
    expect(expectedCalibrationError([0.2, 0.8], [T, F], 10)).toBeCloseTo(0.8, 12);
  });

  it('rejects a non-integer bin count', () => {
    expect(() => expectedCalibrationError([0.5], [T], 0)).toThrow(/bins/);
  });
});

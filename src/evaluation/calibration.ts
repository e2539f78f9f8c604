import { assertProbabilities, assertScoresAndLabels } from './validate.js';

/**
 * Brier score: mean squared difference between the predicted probability of being
 * synthetic (0..1) and the label (1 synthetic, 0 human). 0 is perfect, 0.25 is what a
 * constant 0.5 scores; the unit is probability squared.
 */
export function brierScore(probs: readonly number[], labels: readonly boolean[]): number {
  assertScoresAndLabels(probs, labels);
  assertProbabilities(probs);
  let sum = 0;
  for (let i = 0; i < probs.length; i++) {
    const d = probs[i]! - (labels[i] ? 1 : 0);
    sum += d * d;
  }
  return sum / probs.length;
}

/** One equal-width probability bin of a reliability diagram. */
export interface ReliabilityBin {
  /** Inclusive lower edge, a probability 0..1. */
  lower: number;
  /** Upper edge, a probability 0..1 (exclusive, except 1 for the last bin). */
  upper: number;
  /** Documents whose predicted probability falls in the bin (a count). */
  count: number;
  /** Mean predicted probability (0..1) in the bin; `null` for an empty bin. */
  meanProbability: number | null;
  /** Fraction (0..1) of the bin's documents that are synthetic; `null` for an empty bin. */
  observedRate: number | null;
}

/**
 * Splits predictions into `bins` equal-width bins over [0, 1]: bin i holds probabilities in
 * [i/bins, (i+1)/bins), the last bin also holds 1.
 */
export function reliabilityBins(probs: readonly number[], labels: readonly boolean[], bins = 10): ReliabilityBin[] {
  assertScoresAndLabels(probs, labels);
  assertProbabilities(probs);
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins is ${bins}: expected a positive integer`);
  const count = new Array<number>(bins).fill(0);
  const probSum = new Array<number>(bins).fill(0);
  const positives = new Array<number>(bins).fill(0);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    // The small epsilon keeps values on an edge (0.57 * 100 = 56.99999999999999) in the upper bin.
    const b = Math.min(bins - 1, Math.floor(p * bins + 1e-9));
    count[b]!++;
    probSum[b]! += p;
    if (labels[i]) positives[b]!++;
  }
  return count.map((c, b) => ({
    lower: b / bins,
    upper: (b + 1) / bins,
    count: c,
    meanProbability: c === 0 ? null : probSum[b]! / c,
    observedRate: c === 0 ? null : positives[b]! / c,
  }));
}

/**
 * Expected calibration error: the bin-size-weighted mean of |mean predicted probability -
 * observed synthetic rate| over equal-width bins. A fraction 0..1; 0 is perfectly calibrated.
 */
export function expectedCalibrationError(probs: readonly number[], labels: readonly boolean[], bins = 10): number {
  const table = reliabilityBins(probs, labels, bins);
  let sum = 0;
  for (const bin of table) {
    if (bin.count === 0) continue;
    sum += bin.count * Math.abs(bin.meanProbability! - bin.observedRate!);
  }
  return sum / probs.length;
}

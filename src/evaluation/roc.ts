import { assertScoresAndLabels, countClasses } from './validate.js';

/**
 * One operating point of a detector: classify `score >= threshold` as synthetic.
 * `fpr` is the fraction (0..1) of human documents flagged, `tpr` the fraction (0..1) of
 * synthetic documents flagged.
 */
export interface RocPoint {
  fpr: number;
  tpr: number;
  /** Score threshold (same unit as the scores); `Infinity` for the point that flags nothing. */
  threshold: number;
  /** Human documents flagged at this threshold (a count). */
  falsePositives: number;
  /** Synthetic documents flagged at this threshold (a count). */
  truePositives: number;
}

/**
 * Area under the ROC curve, computed as the Mann-Whitney U statistic: the probability
 * (0..1) that a random synthetic document scores higher than a random human one, ties
 * counting 1/2. Uses average ranks, so it is exact with ties and O(n log n).
 *
 * @returns the AUROC, or `null` when the labels hold one class only (AUROC is undefined).
 */
export function auroc(scores: readonly number[], labels: readonly boolean[]): number | null {
  assertScoresAndLabels(scores, labels);
  const { synthetic: nPos, human: nNeg } = countClasses(labels);
  if (nPos === 0 || nNeg === 0) return null;

  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positiveRankSum = 0;
  // Walk groups of equal scores; each member gets the group's average rank (1-based),
  // which is what makes a tie count 1/2.
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let j = start; j <= end; j++) if (labels[order[j]!]) positiveRankSum += averageRank;
    start = end + 1;
  }
  const u = positiveRankSum - (nPos * (nPos + 1)) / 2;
  return u / (nPos * nNeg);
}

/**
 * The empirical ROC curve: one point per distinct score, from the threshold that flags
 * nothing `(0, 0, Infinity)` to the lowest score, which flags everything `(1, 1)`.
 * Equal scores are one group (one point), because no threshold can separate them.
 * Points are in order of decreasing threshold (non-decreasing fpr and tpr).
 *
 * @returns the points, or `[]` when the labels hold one class only.
 */
export function rocCurve(scores: readonly number[], labels: readonly boolean[]): RocPoint[] {
  assertScoresAndLabels(scores, labels);
  const { synthetic: nPos, human: nNeg } = countClasses(labels);
  if (nPos === 0 || nNeg === 0) return [];

  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Infinity, falsePositives: 0, truePositives: 0 }];
  let tp = 0;
  let fp = 0;
  for (let start = 0; start < order.length; ) {
    const threshold = scores[order[start]!]!;
    let end = start;
    while (end < order.length && scores[order[end]!] === threshold) {
      if (labels[order[end]!]) tp++;
      else fp++;
      end++;
    }
    points.push({ fpr: fp / nNeg, tpr: tp / nPos, threshold, falsePositives: fp, truePositives: tp });
    start = end;
  }
  return points;
}

/**
 * The largest true-positive rate (fraction 0..1 of synthetic documents flagged) reachable
 * by a threshold `score >= t` whose false-positive rate is at most `targetFpr` (fraction 0..1).
 * Only observed thresholds count: no interpolation between points, because a filter runs
 * one deterministic threshold.
 *
 * @returns the TPR, or `null` when the labels hold one class only.
 */
export function tprAtFpr(scores: readonly number[], labels: readonly boolean[], targetFpr: number): number | null {
  const point = operatingPointAtFpr(scores, labels, targetFpr);
  return point === null ? null : point.tpr;
}

/**
 * The ROC point behind {@link tprAtFpr}: highest TPR with FPR <= `targetFpr`; among equal
 * TPRs, the one with the lowest FPR.
 */
export function operatingPointAtFpr(
  scores: readonly number[],
  labels: readonly boolean[],
  targetFpr: number,
): RocPoint | null {
  assertTarget('targetFpr', targetFpr);
  const points = rocCurve(scores, labels);
  if (points.length === 0) return null;
  const nNeg = countClasses(labels).human;
  // Compare counts, not rates: fp / nNeg <= target can fail by rounding at exactly the target.
  const maxFalsePositives = Math.floor(targetFpr * nNeg + 1e-9);
  let best = points[0]!;
  for (const p of points) if (p.falsePositives <= maxFalsePositives && p.tpr > best.tpr) best = p;
  return best;
}

/**
 * The smallest false-positive rate (fraction 0..1 of human documents flagged) among
 * thresholds `score >= t` whose true-positive rate is at least `targetTpr` (fraction 0..1).
 *
 * @returns the FPR, or `null` when the labels hold one class only.
 */
export function fprAtTpr(scores: readonly number[], labels: readonly boolean[], targetTpr: number): number | null {
  assertTarget('targetTpr', targetTpr);
  const points = rocCurve(scores, labels);
  if (points.length === 0) return null;
  const nPos = countClasses(labels).synthetic;
  const minTruePositives = Math.ceil(targetTpr * nPos - 1e-9);
  let best: RocPoint | undefined;
  for (const p of points) if (p.truePositives >= minTruePositives && (best === undefined || p.fpr < best.fpr)) best = p;
  // The last point flags everything (tpr = 1), so some point always qualifies.
  return best!.fpr;
}

function assertTarget(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} is ${value}: expected a fraction in [0, 1]`);
}

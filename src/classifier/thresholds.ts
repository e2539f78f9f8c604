import type { Thresholds } from '../routing/thresholds.js';

export interface DefaultThresholdRule {
  /** Largest fraction (0..1) of synthetic dev documents allowed below `low` (routed human). @defaultValue 0.05 */
  maxSyntheticBelowLow?: number;
  /** Largest fraction (0..1) of human dev documents allowed at or above `high` (routed synthetic). @defaultValue 0.01 */
  maxHumanAtOrAboveHigh?: number;
}

export const DEFAULT_THRESHOLD_RULE: Required<DefaultThresholdRule> = {
  maxSyntheticBelowLow: 0.05,
  maxHumanAtOrAboveHigh: 0.01,
};

/**
 * Human-readable statement of the rule, stored in the card; `parts` > 1 when the rule was held on
 * each of several dev inputs (see {@link chooseThresholdsForEveryPart}).
 */
export function describeThresholdRule(rule: Required<DefaultThresholdRule>, parts = 1): string {
  return (
    `low: the largest score with at most ${rule.maxSyntheticBelowLow * 100}% of dev synthetic documents below it; ` +
    `high: the smallest score with at most ${rule.maxHumanAtOrAboveHigh * 100}% of dev human documents at or above it; ` +
    (parts > 1 ? `each held on every one of the ${parts} dev inputs (the lowest low and the highest high); ` : '') +
    `if low > high, both become high (no uncertain band)`
  );
}

/**
 * Choose default thresholds on dev scores (see {@link describeThresholdRule}). Candidates
 * are the observed scores, so the stated fractions hold exactly on the dev set.
 *
 * @param labels true = synthetic
 */
export function chooseDefaultThresholds(
  scores: ArrayLike<number>,
  labels: readonly boolean[],
  rule: DefaultThresholdRule = {},
): Thresholds {
  return chooseThresholdsForEveryPart(scores, labels, [scores.length], rule);
}

/**
 * Default thresholds that hold the rule on every part of dev (consecutive runs of `scores`,
 * `parts[i]` documents each; e.g. one per dev file): the lowest `low` and the highest `high` of
 * the parts' own choices. Pooled, a large part of easy text (2023 chat-model output, say) would
 * spend the leak-through budget that a smaller, harder part needs; this way no part's kind of
 * text gets more leak-through or human loss on dev than the rule allows. A part with one label
 * only bounds its own side.
 *
 * @param labels true = synthetic
 */
export function chooseThresholdsForEveryPart(
  scores: ArrayLike<number>,
  labels: readonly boolean[],
  parts: readonly number[],
  rule: DefaultThresholdRule = {},
): Thresholds {
  const r = { ...DEFAULT_THRESHOLD_RULE, ...rule };
  const covered = parts.reduce((a, b) => a + b, 0);
  if (covered !== scores.length) throw new RangeError(`parts cover ${covered} scores, not ${scores.length}`);
  let low = Infinity;
  let high = -Infinity;
  let start = 0;
  for (const size of parts) {
    const synthetic: number[] = [];
    const human: number[] = [];
    for (let i = start; i < start + size; i++) (labels[i] ? synthetic : human).push(scores[i]!);
    start += size;
    if (synthetic.length > 0) low = Math.min(low, lowThreshold(synthetic, r.maxSyntheticBelowLow));
    if (human.length > 0) high = Math.max(high, highThreshold(human, r.maxHumanAtOrAboveHigh));
  }
  if (low === Infinity || high === -Infinity) throw new RangeError('chooseDefaultThresholds needs dev documents of both labels');
  return low > high ? { low: high, high } : { low, high };
}

/**
 * low = the k-th smallest synthetic score, k = floor(L * n): exactly k synthetic lie strictly below
 * it (fewer with ties), so at most L of them are routed human.
 */
function lowThreshold(synthetic: number[], maxBelow: number): number {
  synthetic.sort((x, y) => x - y);
  const k = Math.floor(maxBelow * synthetic.length);
  return synthetic[Math.min(k, synthetic.length - 1)]!;
}

/**
 * high = just above the m-th largest human score, m = floor(H * n) + 1; at most floor(H * n) human
 * scores are >= high.
 */
function highThreshold(human: number[], maxAtOrAbove: number): number {
  human.sort((x, y) => x - y);
  const allowed = Math.floor(maxAtOrAbove * human.length);
  return Math.min(1, nextUp(human[human.length - 1 - allowed]!));
}

/** The smallest float64 above x, so `score >= high` excludes a score equal to x. */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return buf.getFloat64(0);
}

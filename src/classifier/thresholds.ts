/** Routing thresholds on the calibrated score: `< low` human, `>= high` synthetic, between uncertain. */
export interface Thresholds {
  low: number;
  high: number;
}

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

/** Human-readable statement of the rule, stored in the card. */
export function describeThresholdRule(rule: Required<DefaultThresholdRule>): string {
  return (
    `low: the largest score with at most ${rule.maxSyntheticBelowLow * 100}% of dev synthetic documents below it; ` +
    `high: the smallest score with at most ${rule.maxHumanAtOrAboveHigh * 100}% of dev human documents at or above it; ` +
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
  const r = { ...DEFAULT_THRESHOLD_RULE, ...rule };
  const synthetic: number[] = [];
  const human: number[] = [];
  for (let i = 0; i < scores.length; i++) (labels[i] ? synthetic : human).push(scores[i]!);
  if (synthetic.length === 0 || human.length === 0) throw new RangeError('chooseDefaultThresholds needs dev documents of both labels');
  synthetic.sort((x, y) => x - y);
  human.sort((x, y) => x - y);

  // low = the k-th smallest synthetic score, k = floor(L * n): exactly k synthetic lie strictly below it
  // (fewer with ties), so at most L of them are routed human.
  const k = Math.floor(r.maxSyntheticBelowLow * synthetic.length);
  const low = synthetic[Math.min(k, synthetic.length - 1)]!;

  // high = just above the m-th largest human score, m = floor(H * n) + 1; at most floor(H * n) human
  // scores are >= high.
  const allowed = Math.floor(r.maxHumanAtOrAboveHigh * human.length);
  const cut = human[human.length - 1 - allowed]!;
  const high = Math.min(1, nextUp(cut));

  return low > high ? { low: high, high } : { low, high };
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

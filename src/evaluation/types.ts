/** A closed interval `[lower, upper]` on the same scale as the estimate it belongs to. */
export type Interval = [number, number];

/**
 * A count of successes out of a number of trials, for example 3 leaked documents (`k`)
 * out of 300 labeled synthetic documents (`n`). Intervals are computed from counts, never
 * from a bare rate, because the width depends on `n`.
 */
export interface Proportion {
  /** Successes: a count, 0 <= k <= n. */
  k: number;
  /** Trials: a count, n >= 0. */
  n: number;
}

/** An observed rate with its counts and its 95% Wilson interval. All rates are fractions 0..1. */
export interface RateWithInterval extends Proportion {
  /** k / n, a fraction 0..1 (0 when n = 0). */
  rate: number;
  /** 95% Wilson score interval for the rate, fractions 0..1. */
  ci95: Interval;
}

/** A point estimate with a 95% interval, both fractions 0..1. */
export interface IntervalEstimate {
  estimate: number;
  ci95: Interval;
}

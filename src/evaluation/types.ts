import { z } from 'zod';

/** A closed interval `[lower, upper]` on the same scale as the estimate it belongs to. */
export const IntervalSchema = z.tuple([z.number(), z.number()]);
export type Interval = z.infer<typeof IntervalSchema>;

/**
 * A count of successes out of a number of trials, for example 3 leaked documents (`k`)
 * out of 300 labeled synthetic documents (`n`). Intervals are computed from counts, never
 * from a bare rate, because the width depends on `n`.
 */
export const ProportionSchema = z.object({
  /** Successes: a count, 0 <= k <= n. */
  k: z.number().int().nonnegative(),
  /** Trials: a count, n >= 0. */
  n: z.number().int().nonnegative(),
});
export type Proportion = z.infer<typeof ProportionSchema>;

/** An observed rate with its counts and its 95% Wilson interval. All rates are fractions 0..1. */
export const RateWithIntervalSchema = ProportionSchema.extend({
  /** k / n, a fraction 0..1 (0 when n = 0). */
  rate: z.number().min(0).max(1),
  /** 95% Wilson score interval for the rate, fractions 0..1. */
  ci95: IntervalSchema,
});
export type RateWithInterval = z.infer<typeof RateWithIntervalSchema>;

/** A point estimate with a 95% interval, both fractions 0..1. */
export const IntervalEstimateSchema = z.object({
  estimate: z.number(),
  ci95: IntervalSchema,
});
export type IntervalEstimate = z.infer<typeof IntervalEstimateSchema>;

import type { Interval, Proportion, RateWithInterval } from './types.js';

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959964;

/**
 * Wilson score interval for a binomial proportion k/n (Wilson 1927; recommended by
 * Newcombe 1998 and Brown, Cai & DasGupta 2001 over the Wald interval, which collapses to
 * [0, 0] when k = 0). Returns `[lower, upper]` as fractions 0..1.
 * With n = 0 nothing is known: `[0, 1]`.
 */
export function wilsonInterval(k: number, n: number, z: number = Z_95): Interval {
  if (!(n >= 0) || !Number.isFinite(n)) throw new RangeError(`n is ${n}: expected a count >= 0`);
  if (!(k >= 0 && k <= n)) throw new RangeError(`k is ${k}: expected a count between 0 and n = ${n}`);
  if (!(z > 0)) throw new RangeError(`z is ${z}: expected a positive number`);
  if (n === 0) return [0, 1];
  const z2 = z * z;
  const p = k / n;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 or k = n the bound is exactly 0 or 1; rounding would otherwise give -1e-17.
  const lower = k === 0 ? 0 : Math.max(0, centre - halfWidth);
  const upper = k === n ? 1 : Math.min(1, centre + halfWidth);
  return [lower, upper];
}

/** k/n with counts and a 95% Wilson interval; rate 0 when n = 0. */
export function rateWithInterval(k: number, n: number, z: number = Z_95): RateWithInterval {
  return { k, n, rate: n === 0 ? 0 : k / n, ci95: wilsonInterval(k, n, z) };
}

/** The Wilson interval of a {@link Proportion}. */
export function proportionInterval(p: Proportion, z: number = Z_95): Interval {
  return wilsonInterval(p.k, p.n, z);
}

/**
 * The smallest sample (a count of labeled documents) whose Wilson upper bound can fall to
 * `targetRate` (fraction 0..1) at all, which happens only when zero errors are observed:
 * z²/(n + z²) <= target  ⇔  n >= z²·(1 - target)/target. About 3.84/target at 95%.
 * Below this size no observation demonstrates the target. `Infinity` for target 0.
 */
export function minSampleToDemonstrate(targetRate: number, z: number = Z_95): number {
  if (!(targetRate >= 0 && targetRate <= 1)) throw new RangeError(`targetRate is ${targetRate}: expected a fraction in [0, 1]`);
  if (targetRate === 0) return Infinity;
  return Math.ceil((z * z * (1 - targetRate)) / targetRate - 1e-9);
}

/**
 * Interval for the difference a - b of two independent proportions (fractions -1..1): Newcombe's
 * hybrid score interval (Newcombe 1998, method 10), built from each proportion's Wilson interval.
 * Unlike a Wald interval it keeps its coverage near 0 and 1 and with small counts. With n = 0 for
 * either proportion nothing is known: `[-1, 1]`.
 */
export function differenceInterval(a: Proportion, b: Proportion, z: number = Z_95): Interval {
  if (a.n === 0 || b.n === 0) return [-1, 1];
  const pa = a.k / a.n;
  const pb = b.k / b.n;
  const [la, ua] = proportionInterval(a, z);
  const [lb, ub] = proportionInterval(b, z);
  const d = pa - pb;
  return [Math.max(-1, d - Math.sqrt((pa - la) ** 2 + (ub - pb) ** 2)), Math.min(1, d + Math.sqrt((ua - pa) ** 2 + (pb - lb) ** 2))];
}

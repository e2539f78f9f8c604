import { z } from 'zod';
import { rateWithInterval } from '../evaluation/intervals.js';
import type { Route } from '../routing/index.js';
import type { Label } from './labeled-docs.js';

const count = z.number().int().nonnegative();

/** Where the canaries of one label were routed. */
export const CanaryRoutesSchema = z.object({ n: count, toHuman: count, toUncertain: count, toSynthetic: count });
export type CanaryRoutes = z.infer<typeof CanaryRoutesSchema>;

/**
 * A run's (or a batch's) canaries by label and route. `notScored` counts, by label, canaries a stage
 * sent to a shard that is not a route (so they were never scored): they are in no rate, since the
 * crawl's documents sent there are not in the flagged rate either. Absent while zero.
 */
export const CanaryCountsSchema = z.object({
  synthetic: CanaryRoutesSchema,
  human: CanaryRoutesSchema,
  notScored: z.object({ synthetic: count, human: count }).optional(),
});
export type CanaryCounts = z.infer<typeof CanaryCountsSchema>;

/**
 * A rate measured on the canaries of one label: a fraction 0..1 with its 95% Wilson interval, or
 * both `null` when the run routed no canary of that label (n = 0): nothing was measured, which is
 * not a rate of 0.
 */
export const CanaryRateSchema = z.union([
  z.object({ rate: z.number(), ci95: z.tuple([z.number(), z.number()]) }),
  z.object({ rate: z.null(), ci95: z.null() }),
]);
export type CanaryRate = z.infer<typeof CanaryRateSchema>;

/** The manifest's `canaries` block. Rates are fractions 0..1 with 95% Wilson intervals. */
export const CanaryReportSchema = z.object({
  synthetic: CanaryRoutesSchema,
  human: CanaryRoutesSchema,
  /** Canaries of each label that a stage sent to no route (absent when none). */
  notScored: z.object({ synthetic: count, human: count }).optional(),
  /** Synthetic canaries routed human, out of synthetic canaries; null without synthetic canaries. */
  leakThrough: CanaryRateSchema,
  /** Human canaries routed synthetic, out of human canaries; null without human canaries. */
  humanLoss: CanaryRateSchema,
});
export type CanaryReport = z.infer<typeof CanaryReportSchema>;

const KEY: Record<Route, keyof Omit<CanaryRoutes, 'n'>> = { human: 'toHuman', uncertain: 'toUncertain', synthetic: 'toSynthetic' };

export function emptyCanaryCounts(): CanaryCounts {
  return { synthetic: emptyRoutes(), human: emptyRoutes() };
}

/** The sum of two canary counts. Pure. */
export function mergeCanaryCounts(a: CanaryCounts, b: CanaryCounts): CanaryCounts {
  const routes = (x: CanaryRoutes, y: CanaryRoutes): CanaryRoutes => ({
    n: x.n + y.n,
    toHuman: x.toHuman + y.toHuman,
    toUncertain: x.toUncertain + y.toUncertain,
    toSynthetic: x.toSynthetic + y.toSynthetic,
  });
  const out: CanaryCounts = { synthetic: routes(a.synthetic, b.synthetic), human: routes(a.human, b.human) };
  if (a.notScored || b.notScored) {
    const zero = { synthetic: 0, human: 0 };
    const x = a.notScored ?? zero;
    const y = b.notScored ?? zero;
    out.notScored = { synthetic: x.synthetic + y.synthetic, human: x.human + y.human };
  }
  return out;
}

/** Counts canaries by label and where they went during a run; mergeable across batches and workers. */
export class CanaryTally {
  private counts: CanaryCounts = emptyCanaryCounts();

  get synthetic(): CanaryRoutes {
    return this.counts.synthetic;
  }

  get human(): CanaryRoutes {
    return this.counts.human;
  }

  /** One canary of `label` that left the pipeline for `shard`: a route, or another shard (not scored). */
  add(label: Label, shard: string): void {
    if (shard in KEY) {
      const routes = this.counts[label];
      routes.n += 1;
      routes[KEY[shard as Route]] += 1;
      return;
    }
    this.counts.notScored ??= { synthetic: 0, human: 0 };
    this.counts.notScored[label] += 1;
  }

  /** Adds another tally's counts (e.g. a batch's). */
  merge(other: CanaryCounts): void {
    this.counts = mergeCanaryCounts(this.counts, other);
  }

  get total(): number {
    return this.counts.synthetic.n + this.counts.human.n + (this.counts.notScored ? this.counts.notScored.synthetic + this.counts.notScored.human : 0);
  }

  /** The counts as plain data (a copy). */
  toCounts(): CanaryCounts {
    return mergeCanaryCounts(emptyCanaryCounts(), this.counts);
  }

  report(): CanaryReport {
    return canaryReport(this.counts.synthetic, this.counts.human, this.counts.notScored);
  }
}

/** The manifest block from per-label route counts. */
export function canaryReport(synthetic: CanaryRoutes, human: CanaryRoutes, notScored?: CanaryCounts['notScored']): CanaryReport {
  return {
    synthetic: { ...synthetic },
    human: { ...human },
    ...(notScored ? { notScored: { ...notScored } } : {}),
    leakThrough: canaryRate(synthetic.toHuman, synthetic.n),
    humanLoss: canaryRate(human.toSynthetic, human.n),
  };
}

/** k of n canaries as a {@link CanaryRate}: null, not 0 with the interval [0, 1], when n = 0. */
export function canaryRate(k: number, n: number): CanaryRate {
  if (n === 0) return { rate: null, ci95: null };
  const { rate, ci95 } = rateWithInterval(k, n);
  return { rate, ci95 };
}

function emptyRoutes(): CanaryRoutes {
  return { n: 0, toHuman: 0, toUncertain: 0, toSynthetic: 0 };
}

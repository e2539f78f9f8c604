import { z } from 'zod';
import { ESTIMATE_ASSUMPTION, estimateContamination, NOT_IDENTIFIABLE_REASONS } from '../evaluation/prevalence.js';
import type { CanaryRoutes } from './canary-tally.js';

/** The crawl's routed counts (canaries excluded). */
export interface RoutedCounts {
  human: number;
  synthetic: number;
  uncertain: number;
}

const IntervalSchema = z.tuple([z.number(), z.number()]);

/** The manifest's `estimates` block. Every value is a fraction 0..1; intervals are joint 95%. */
export const RunEstimatesSchema = z.object({
  method: z.literal('rogan-gladen'),
  /** What "flagged" means for these estimates: not routed human. */
  flaggedMeans: z.literal('score >= low (routed synthetic or uncertain)'),
  /** Crawl documents flagged, out of crawl documents scored. */
  flaggedRate: z.object({ k: z.number(), n: z.number(), rate: z.number() }),
  /**
   * Synthetic prevalence of the crawl; `estimate` null (and `ci95` [0, 1]) when it cannot be
   * estimated, with `notIdentifiable` saying why (the warnings say what to do).
   */
  prevalence: z.object({ estimate: z.number().nullable(), ci95: IntervalSchema, notIdentifiable: z.enum(NOT_IDENTIFIABLE_REASONS).optional() }),
  /** Expected synthetic fraction of the human shard. */
  syntheticFractionInHuman: z.object({ estimate: z.number().nullable(), ci95: IntervalSchema }),
  warnings: z.array(z.string()),
  /** What every estimate here rests on: that the canaries represent the crawl's text. */
  assumption: z.string(),
});
export type RunEstimates = z.infer<typeof RunEstimatesSchema>;

/**
 * Prevalence of the crawl and synthetic fraction of its human shard from a run's counts and
 * its canaries, with the flagged cut at `low` (see `src/evaluation/prevalence.ts`). Needs at
 * least one scored crawl document and one canary of each label; otherwise returns the
 * uninformative intervals [0, 1] and says why.
 */
export function estimatesFromRun(counts: RoutedCounts, canaries: { synthetic: CanaryRoutes; human: CanaryRoutes }): RunEstimates {
  const total = counts.human + counts.synthetic + counts.uncertain;
  const notRoutedHuman = counts.synthetic + counts.uncertain;
  const flaggedRate = { k: notRoutedHuman, n: total, rate: total > 0 ? notRoutedHuman / total : 0 };
  const base = { method: 'rogan-gladen', flaggedMeans: 'score >= low (routed synthetic or uncertain)', flaggedRate, assumption: ESTIMATE_ASSUMPTION } as const;
  const missing: string[] = [];
  if (total === 0) missing.push('no crawl document was scored');
  if (canaries.synthetic.n === 0) missing.push('no synthetic canary was routed');
  if (canaries.human.n === 0) missing.push('no human canary was routed');
  if (missing.length > 0) {
    return {
      ...base,
      prevalence: { estimate: null, ci95: [0, 1], notIdentifiable: 'nothing-measured' },
      syntheticFractionInHuman: { estimate: null, ci95: [0, 1] },
      warnings: [`Prevalence cannot be estimated: ${missing.join('; ')}.`],
    };
  }
  const { prevalence, syntheticFractionInHuman } = estimateContamination({
    crawl: { notRoutedHuman, total },
    syntheticCanaries: { routedHuman: canaries.synthetic.toHuman, total: canaries.synthetic.n },
    humanCanaries: { routedHuman: canaries.human.toHuman, total: canaries.human.n },
  });
  return {
    ...base,
    prevalence: { estimate: prevalence.estimate, ci95: prevalence.ci95, ...(prevalence.notIdentifiable ? { notIdentifiable: prevalence.notIdentifiable } : {}) },
    syntheticFractionInHuman: { estimate: syntheticFractionInHuman.estimate, ci95: syntheticFractionInHuman.ci95 },
    // Without a prevalence, the prevalence's warning says all there is to say about the fraction too.
    warnings: [...prevalence.warnings, ...(prevalence.identifiable ? syntheticFractionInHuman.warnings : [])],
  };
}

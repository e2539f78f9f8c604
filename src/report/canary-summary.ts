import type { CanaryRate } from '../canaries/canary-tally.js';
import type { RunEstimates } from '../canaries/run-estimates.js';
import type { Interval } from '../evaluation/types.js';
import type { Manifest } from '../pipeline/manifest.js';
import { percentWithInterval } from './format.js';

/**
 * A canary rate as people read it: `2.1% [1.3%, 3.4%]`, or `n/a (no synthetic canaries)` when the
 * run routed no canary of `label`: with nothing measured, a 0% would be a false all-clear.
 */
export function formatCanaryRate(rate: CanaryRate, label: 'synthetic' | 'human'): string {
  return rate.rate === null ? `n/a (no ${label} canaries)` : percentWithInterval(rate.rate, rate.ci95);
}

/** Lines for the end-of-run summary when a run had canaries; empty otherwise. */
export function formatCanarySummary(manifest: Manifest): string {
  const { canaries: c, estimates: e } = manifest;
  if (!c) return '';
  const lines = [
    '',
    `canaries: ${c.synthetic.n} synthetic, ${c.human.n} human (not in the shards or counts above)`,
    `  leak-through (synthetic routed human): ${formatCanaryRate(c.leakThrough, 'synthetic')}${c.leakThrough.rate === null ? '' : ' (95% Wilson)'}`,
    `  human loss (human routed synthetic):   ${formatCanaryRate(c.humanLoss, 'human')}`,
  ];
  if (e) {
    lines.push(
      `  synthetic prevalence of the crawl:     ${formatEstimate(e, e.prevalence)}${e.prevalence.notIdentifiable ? '' : ' (Rogan-Gladen, joint 95%)'}`,
      `  synthetic fraction of the human shard: ${formatEstimate(e, e.syntheticFractionInHuman)}`,
      ...e.warnings.map((w) => `  note: ${w}`),
      '  assumes: the canaries represent the crawl (its human and its synthetic text are flagged as theirs are)',
    );
  }
  return lines.join('\n');
}

/** How a run's estimate reads: `2.1% [1.3%, 3.4%]`, or `not identifiable (reason)` when the prevalence is not. */
export function formatEstimate(estimates: RunEstimates, value: { estimate: number | null; ci95: Interval }): string {
  return estimates.prevalence.notIdentifiable ? `not identifiable (${estimates.prevalence.notIdentifiable})` : percentWithInterval(value.estimate, value.ci95);
}

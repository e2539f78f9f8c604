import type { CanaryRate } from '../canaries/canary-tally.js';
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
      `  synthetic prevalence of the crawl:     ${percentWithInterval(e.prevalence.estimate, e.prevalence.ci95)} (Rogan-Gladen, joint 95%)`,
      `  synthetic fraction of the human shard: ${percentWithInterval(e.syntheticFractionInHuman.estimate, e.syntheticFractionInHuman.ci95)}`,
      ...e.warnings.map((w) => `  note: ${w}`),
    );
  }
  return lines.join('\n');
}

import type { Manifest } from '../pipeline/manifest.js';
import { percentWithInterval } from './format.js';

/** Lines for the end-of-run summary when a run had canaries; empty otherwise. */
export function formatCanarySummary(manifest: Manifest): string {
  const { canaries: c, estimates: e } = manifest;
  if (!c) return '';
  const lines = [
    '',
    `canaries: ${c.synthetic.n} synthetic, ${c.human.n} human (not in the shards or counts above)`,
    `  leak-through (synthetic routed human): ${percentWithInterval(c.leakThrough.rate, c.leakThrough.ci95)} (95% Wilson)`,
    `  human loss (human routed synthetic):   ${percentWithInterval(c.humanLoss.rate, c.humanLoss.ci95)}`,
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

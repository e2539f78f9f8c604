import { rateWithInterval } from '../evaluation/intervals.js';
import type { Interval } from '../evaluation/types.js';
import type { Route } from '../routing/index.js';
import type { Label } from './labeled-docs.js';

/** Where the canaries of one label were routed. */
export interface CanaryRoutes {
  n: number;
  toHuman: number;
  toUncertain: number;
  toSynthetic: number;
}

/** The manifest's `canaries` block. Rates are fractions 0..1 with 95% Wilson intervals. */
export interface CanaryReport {
  synthetic: CanaryRoutes;
  human: CanaryRoutes;
  /** Synthetic canaries routed human, out of synthetic canaries. */
  leakThrough: { rate: number; ci95: Interval };
  /** Human canaries routed synthetic, out of human canaries. */
  humanLoss: { rate: number; ci95: Interval };
}

const KEY: Record<Route, keyof Omit<CanaryRoutes, 'n'>> = { human: 'toHuman', uncertain: 'toUncertain', synthetic: 'toSynthetic' };

/** Counts canaries by label and route during a run; mergeable across workers. */
export class CanaryTally {
  readonly synthetic: CanaryRoutes = emptyRoutes();
  readonly human: CanaryRoutes = emptyRoutes();

  add(label: Label, route: Route): void {
    const routes = this[label];
    routes.n += 1;
    routes[KEY[route]] += 1;
  }

  /** Adds another tally's counts (e.g. a queue worker's part). */
  merge(other: { synthetic: CanaryRoutes; human: CanaryRoutes }): void {
    for (const label of ['synthetic', 'human'] as const) {
      for (const key of ['n', 'toHuman', 'toUncertain', 'toSynthetic'] as const) this[label][key] += other[label][key];
    }
  }

  get total(): number {
    return this.synthetic.n + this.human.n;
  }

  report(): CanaryReport {
    return canaryReport(this.synthetic, this.human);
  }
}

/** The manifest block from per-label route counts. */
export function canaryReport(synthetic: CanaryRoutes, human: CanaryRoutes): CanaryReport {
  const leak = rateWithInterval(synthetic.toHuman, synthetic.n);
  const loss = rateWithInterval(human.toSynthetic, human.n);
  return {
    synthetic: { ...synthetic },
    human: { ...human },
    leakThrough: { rate: leak.rate, ci95: leak.ci95 },
    humanLoss: { rate: loss.rate, ci95: loss.ci95 },
  };
}

function emptyRoutes(): CanaryRoutes {
  return { n: 0, toHuman: 0, toUncertain: 0, toSynthetic: 0 };
}

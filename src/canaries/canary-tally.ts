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

/**
 * A rate measured on the canaries of one label: a fraction 0..1 with its 95% Wilson interval, or
 * both `null` when the run routed no canary of that label (n = 0): nothing was measured, which is
 * not a rate of 0.
 */
export type CanaryRate = { rate: number; ci95: Interval } | { rate: null; ci95: null };

/** The manifest's `canaries` block. Rates are fractions 0..1 with 95% Wilson intervals. */
export interface CanaryReport {
  synthetic: CanaryRoutes;
  human: CanaryRoutes;
  /** Synthetic canaries routed human, out of synthetic canaries; null without synthetic canaries. */
  leakThrough: CanaryRate;
  /** Human canaries routed synthetic, out of human canaries; null without human canaries. */
  humanLoss: CanaryRate;
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
  return {
    synthetic: { ...synthetic },
    human: { ...human },
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

import { routeScore, type Route } from '../routing/route.js';
import type { Thresholds } from '../routing/thresholds.js';
import { assertScoresAndLabels } from './validate.js';

/** How many documents of one true class went to each route (counts). */
export type RouteCounts = Record<Route, number>;

/**
 * Three-way confusion table: rows are the true class, columns the route the router chose
 * with the same rule as a real run (`score < low` human, `score >= high` synthetic).
 */
export interface ThreeWayConfusion {
  /** Documents labeled human, by route (counts). `human.synthetic` is lost human data. */
  human: RouteCounts;
  /** Documents labeled synthetic, by route (counts). `synthetic.human` is leak-through. */
  synthetic: RouteCounts;
}

/** Counts labeled documents by true class and route at the given thresholds. */
export function threeWayConfusion(
  scores: readonly number[],
  labels: readonly boolean[],
  thresholds: Thresholds,
): ThreeWayConfusion {
  assertScoresAndLabels(scores, labels);
  if (!(thresholds.low <= thresholds.high)) {
    throw new RangeError(`thresholds low=${thresholds.low} high=${thresholds.high}: expected low <= high`);
  }
  const table: ThreeWayConfusion = {
    human: { human: 0, uncertain: 0, synthetic: 0 },
    synthetic: { human: 0, uncertain: 0, synthetic: 0 },
  };
  for (let i = 0; i < scores.length; i++) {
    const row = labels[i] ? table.synthetic : table.human;
    row[routeScore(scores[i]!, thresholds)]++;
  }
  return table;
}

/** The rates users ask about, each a fraction 0..1 of the class named; `null` when that class is absent. */
export interface ConfusionRates {
  /** Synthetic documents routed human / synthetic documents. */
  leakThrough: number | null;
  /** Human documents routed synthetic / human documents. */
  humanLoss: number | null;
  /** Human documents routed human / human documents (the pass rate of the human shard). */
  humanPass: number | null;
  /** Documents routed uncertain / all documents. */
  uncertain: number;
}

/** Rates derived from a {@link ThreeWayConfusion}. */
export function confusionRates(table: ThreeWayConfusion): ConfusionRates {
  const nHuman = table.human.human + table.human.uncertain + table.human.synthetic;
  const nSynthetic = table.synthetic.human + table.synthetic.uncertain + table.synthetic.synthetic;
  const total = nHuman + nSynthetic;
  return {
    leakThrough: nSynthetic === 0 ? null : table.synthetic.human / nSynthetic,
    humanLoss: nHuman === 0 ? null : table.human.synthetic / nHuman,
    humanPass: nHuman === 0 ? null : table.human.human / nHuman,
    uncertain: total === 0 ? 0 : (table.human.uncertain + table.synthetic.uncertain) / total,
  };
}

import type { Thresholds } from './thresholds.js';

export const ROUTES = ['human', 'synthetic', 'uncertain'] as const;
/** Where a scored document goes. `rejected` is not a route: rejected records are never scored. */
export type Route = (typeof ROUTES)[number];

/** The routing decision: `score < low` human, `score >= high` synthetic, otherwise uncertain. */
export function routeScore(score: number, thresholds: Thresholds): Route {
  if (score < thresholds.low) return 'human';
  if (score >= thresholds.high) return 'synthetic';
  return 'uncertain';
}

import { routeScore, type Route } from '../../routing/route.js';
import type { StageDefinition } from '../stage.js';

/** Why a score went where it did, by route. */
export const ROUTE_REASONS: Record<Route, string> = {
  human: 'score-below-low',
  uncertain: 'score-between-thresholds',
  synthetic: 'score-at-or-above-high',
};

/**
 * Routes each scored document by the run's two thresholds: `score < low` human, `score >= high`
 * synthetic, between them uncertain (see `routeScore`). Adds the thresholds it used.
 */
export const routeStage: StageDefinition = {
  name: 'route',
  create({ settings }) {
    const { thresholds } = settings;
    return {
      process(docs) {
        return docs.map(({ metadata }) => {
          if (typeof metadata.score !== 'number') throw new Error('the route stage needs a score: the score stage must come before it');
          const route = routeScore(metadata.score, thresholds);
          return { action: 'route', shard: route, reason: ROUTE_REASONS[route], metadata: { thresholds } };
        });
      },
    };
  },
};

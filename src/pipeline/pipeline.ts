import type { StageDefinition } from './stage.js';
import { dedupStage } from './stages/dedup-stage.js';
import { routeStage } from './stages/route-stage.js';
import { scopeStage } from './stages/scope-stage.js';
import { scoreStage } from './stages/score-stage.js';

/**
 * The pipeline: every stage a document goes through, in order, under either executor. A stage that
 * routes a document takes it out of play; the last stage must route every document it gets. Adding a
 * stage is one file in stages/ and one line here.
 */
export const PIPELINE: readonly StageDefinition[] = [
  scopeStage,
  scoreStage,
  dedupStage,
  routeStage,
];

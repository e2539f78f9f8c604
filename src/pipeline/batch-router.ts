import type { CrawlDocument } from '../documents/types.js';
import { routeScore, type ModelRef, type Route, type Thresholds } from '../routing/index.js';
import { toRoutedRecord } from './provenance.js';

export interface RoutedDocument {
  route: Route;
  score: number;
  record: Record<string, unknown>;
}

/** `name@<first 12 hex digits of the hash>`: short, and changes whenever the weights do. */
export function modelLabel(model: ModelRef): string {
  return `${model.name}@${model.hash.slice(0, 12)}`;
}

/**
 * Routes a scored batch: pure, shared by the local and queue executors so both give the same
 * shards for the same input, model and thresholds.
 */
export function routeBatch(
  docs: readonly CrawlDocument[],
  scores: Float32Array,
  model: ModelRef,
  thresholds: Thresholds,
  idField = 'id',
): RoutedDocument[] {
  if (scores.length !== docs.length) {
    throw new Error(`scorer returned ${scores.length} scores for ${docs.length} documents`);
  }
  const label = modelLabel(model);
  return docs.map((doc, i) => {
    const score = scores[i]!;
    const route = routeScore(score, thresholds);
    const record = toRoutedRecord(doc, { score, route, model: label, thresholds, source: doc.source }, idField);
    return { route, score, record };
  });
}

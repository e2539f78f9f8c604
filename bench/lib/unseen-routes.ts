import type { LabeledDocument } from '../../src/classifier/index.js';
import { routeScore, type Thresholds } from '../../src/routing/index.js';
import type { UnseenSourceRoutes } from './detector-table.js';

/**
 * How many documents of each source and label go to each route at `thresholds`, with the
 * generators seen, sorted by source then label. Pure: `scores[i]` is the score of `docs[i]`.
 */
export function routesBySource(docs: readonly LabeledDocument[], scores: ArrayLike<number>, thresholds: Thresholds): UnseenSourceRoutes[] {
  const groups = new Map<string, UnseenSourceRoutes>();
  docs.forEach((doc, i) => {
    const source = doc.source ?? 'unknown';
    const key = `${source}\u0000${doc.label}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { source, label: doc.label, generators: [], n: 0, human: 0, uncertain: 0, synthetic: 0 }));
    g.n++;
    g[routeScore(scores[i]!, thresholds)]++;
    if (doc.generator && !g.generators.includes(doc.generator)) g.generators.push(doc.generator);
  });
  return [...groups.values()].sort((a, b) => a.source.localeCompare(b.source) || a.label.localeCompare(b.label));
}

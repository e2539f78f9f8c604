import { describe, expect, it } from 'vitest';
import type { LabeledDocument } from '../../src/classifier/index.js';
import { formatDetectorTable, type DetectorBenchResults } from '../../bench/lib/detector-table.js';
import { routesBySource } from '../../bench/lib/unseen-routes.js';

const doc = (source: string, label: 'human' | 'synthetic', generator?: string): LabeledDocument => ({ text: 'x', label, source, ...(generator ? { generator } : {}) });

describe('routes of never-trained-on sources', () => {
  const docs = [doc('blog', 'human'), doc('blog', 'human'), doc('qa', 'synthetic', 'gpt-4'), doc('qa', 'synthetic', 'Dolly'), doc('qa', 'synthetic', 'gpt-4'), doc('blog', 'human')];
  const scores = [0.1, 0.2, 0.95, 0.5, 0.85, 0.9];
  const routes = routesBySource(docs, scores, { low: 0.3, high: 0.8 });

  it('counts each source and label by route at the thresholds (score < low human, >= high synthetic)', () => {
    expect(routes).toEqual([
      { source: 'blog', label: 'human', generators: [], n: 3, human: 2, uncertain: 0, synthetic: 1 },
      { source: 'qa', label: 'synthetic', generators: ['gpt-4', 'Dolly'], n: 3, human: 0, uncertain: 1, synthetic: 2 },
    ]);
  });

  it('prints them as shares beside the rest of the benchmark table', () => {
    const run = { tree: '.', model: 'm', documents: 1, passes: 1, best: 1, median: 1 };
    const results: DetectorBenchResults = {
      card: { thresholds: { low: 0.3, high: 0.8 }, scope: null },
      main: {}, lengthCurves: {}, logfo: [], lodo: [], attacks: [], unseenRoutes: routes, fasttextDim: 10,
      throughput: { current: { ...run, rounds: [run] }, baseline: null },
    };
    const table = formatDetectorTable(results);
    expect(table).toContain('## Sources never trained on (extra/), routed at the default thresholds');
    expect(table).toMatch(/qa\s+synthetic\s+3\s+0\.0%\s+33\.3%\s+66\.7%\s+gpt-4, Dolly/);
    expect(table).toMatch(/blog\s+human\s+3\s+66\.7%\s+0\.0%\s+33\.3%\s+-/);
  });
});

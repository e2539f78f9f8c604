// stats --compare's 95% intervals, in a seeded simulation small enough for a test (the recorded run,
// bench/results/stats-coverage.json, is larger): pools of fixture documents, pairs of corpora drawn
// from them, the share of intervals holding the true difference. Per-word and per-window figures
// should cover at about 95%; type counts (vocabulary, distinct-n) are conservative (too wide).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusMeasurer } from '../../src/diversity/corpus-measurer.js';
import { simulateCoverage } from '../../bench/lib/coverage-simulation.js';

describe('stats --compare intervals', () => {
  it('cover the true difference at about their nominal 95% in a seeded simulation', () => {
    const measurer = corpusMeasurer();
    const rows = readFileSync('fixtures/labeled/train-small.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string });
    const pool = (label: string) => rows.filter((r) => r.label === label).map((r) => structuredClone(measurer.measure(r.text)));
    const { coverage } = simulateCoverage(measurer, { a: pool('human'), b: pool('synthetic') }, { pairs: 60, documents: 40, replicates: 60, truthDraws: 300, seed: 7 });
    const perWord = ['meanDocumentWords', 'mattr', 'tailShare', 'surprisalBitsPerToken', 'compressionRatio', 'entropyBitsPerWord'] as const;
    // 360 intervals: at 95% the pooled rate is within 0.92-0.98 nineteen times in twenty.
    const pooled = perWord.reduce((s, n) => s + coverage.normal[n], 0) / perWord.length;
    expect(pooled).toBeGreaterThan(0.9);
    expect(pooled).toBeLessThan(0.99);
    for (const n of perWord) expect(coverage.normal[n]).toBeGreaterThan(0.8);
    for (const n of ['vocabulary', 'distinct1', 'distinct2', 'distinct3'] as const) expect(coverage.normal[n]).toBeGreaterThan(0.9);
  }, 600_000);
});

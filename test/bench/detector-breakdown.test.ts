import { describe, expect, it } from 'vitest';
import type { LabeledDocument } from '../../src/classifier/index.js';
import { lastWords, lengthCurve, reportSet, taskOf } from '../../bench/lib/detector-breakdown.js';
import { formatDetectorTable, type DetectorBenchResults } from '../../bench/lib/detector-table.js';

const words = (n: number, w = 'word') => Array.from({ length: n }, () => w).join(' ');
const doc = (label: 'human' | 'synthetic', extra: Partial<LabeledDocument> = {}): LabeledDocument => ({ text: words(10), label, ...extra });

describe('detector benchmark breakdown', () => {
  // 4 human texts, 4 machine texts: gpt-4o polish (2), llama rewrite (2)
  const docs = [
    doc('human'), doc('human'), doc('human'), doc('human', { text: words(120) }),
    doc('synthetic', { generator: 'gpt-4o', task: 'polish' }), doc('synthetic', { generator: 'gpt-4o', task: 'polish', text: words(120) }),
    doc('synthetic', { generator: 'llama', task: 'rewrite' }), doc('synthetic', { generator: 'llama', task: 'rewrite' }),
  ];
  const scores = [0.1, 0.2, 0.5, 0.95, 0.9, 0.96, 0.05, 0.6];
  const r = reportSet(docs, scores, { low: 0.3, high: 0.8 });

  it('scores each generator and task against every human text', () => {
    // gpt-4o: 0.9, 0.96 vs human 0.1, 0.2, 0.5, 0.95 -> 7 of 8 pairs
    expect(r.byGenerator['gpt-4o']!.auroc).toBeCloseTo(7 / 8, 9);
    expect(r.byGenerator['gpt-4o']!.n).toBe(6);
    // llama: 0.05, 0.6 vs the same -> 0 + 3 of 4 = 3 of 8
    expect(r.byGenerator.llama!.auroc).toBeCloseTo(3 / 8, 9);
    expect(Object.keys(r.byTask)).toEqual(['polish', 'rewrite']);
    expect(r.byTask.rewrite!.routedHuman).toBe(0.5);
    expect(r.byTask.polish!.routedHuman).toBe(0);
  });

  it('routes at the thresholds: uncertain share, leak-through and human loss', () => {
    // human: 0.1 h, 0.2 h, 0.5 u, 0.95 s; synthetic: 0.9 s, 0.96 s, 0.05 h, 0.6 u
    expect(r.routes).toEqual({ uncertain: 2 / 8, leakThrough: 1 / 4, humanLoss: 1 / 4 });
  });

  it('bins by length and falls back to generation and human for documents without a task', () => {
    expect(r.byLength[0]).toMatchObject({ from: 0, to: 50, n: 6 });
    expect(r.byLength[2]).toMatchObject({ from: 100, to: 150, n: 2, auroc: 1 });
    expect(taskOf({ text: 'x', label: 'synthetic' })).toBe('generation');
    expect(taskOf({ text: 'x', label: 'human' })).toBe('human');
  });

  it('crops to the last words, and scores only documents long enough', async () => {
    expect(lastWords('a b c  d e', 2)).toBe('d e');
    expect(lastWords('a b', 5)).toBe('a b');
    const seen: string[][] = [];
    const curve = await lengthCurve(docs, async (t) => {
      seen.push(t);
      return t.map((x) => x.split(' ').length / 1000);
    });
    expect(curve[0]).toMatchObject({ words: 8, n: 8 });
    expect(curve.find((p) => p.words === 16)).toMatchObject({ n: 2 });
    expect(seen[0]!.every((t) => t.split(' ').length === 8)).toBe(true);
  });
});

describe('detector benchmark table', () => {
  const run = { tree: '.', model: 'm', documents: 1, passes: 1, best: 3000, median: 2600 };
  const metrics = (auroc: number, tpr: number) => ({ n: 10, nSynthetic: 5, auroc, tprAt1PctFpr: tpr, tprAt5PctFpr: tpr });
  const set = (auroc: number, tpr: number) => ({
    overall: metrics(auroc, tpr),
    routes: { uncertain: 0.3, leakThrough: 0.01, humanLoss: 0.01 },
    byGenerator: { 'gpt-4o': metrics(0.97, 0.7), 'llama-3-8b': metrics(0.85, 0.2) },
    byTask: { polish: { ...metrics(0.9, 0.3), routedHuman: 0.1 }, rewrite: { ...metrics(0.8, 0.1), routedHuman: 0.25 } },
    byLength: [{ from: 0, to: 50, n: 3, nSynthetic: 1, auroc: 0.7 }],
  });
  const results: DetectorBenchResults = {
    card: { thresholds: { low: 0.2, high: 0.9 }, scope: { languages: ['en'], minWords: 24 } },
    main: {
      'modern2024/test': { description: '', ours: set(0.96, 0.65), fasttext: metrics(0.9, 0.3) },
      'detect-corpus/test': { description: '', ours: set(0.91, 0.3), fasttext: metrics(0.7, 0.1) },
    },
    lengthCurves: { dev: [{ words: 8, n: 4, auroc: 0.6 }] },
    logfo: [{ name: 'claude', parts: { 'modern2024/test': { ours: metrics(0.84, 0.2), fasttext: metrics(0.7, 0.1) } }, trainDocuments: 9, epochsRun: 3, bestEpoch: 2 }],
    lodo: [],
    attacks: [{ set: 'modern2024/test', kind: 'emoji', characterLevel: true, changed: 10, ours: metrics(0.955, 0.6), oursDelta: -0.005, fasttext: metrics(0.8, 0.1), fasttextDelta: -0.1 }],
    unseenRoutes: [],
    throughput: { current: { ...run, rounds: [run] }, baseline: { ...run, tree: '/base', best: 5000, median: 4000, rounds: [run] } },
    fasttextDim: 10,
  };
  const table = formatDetectorTable(results);

  it('prints every target with met or NOT MET, never adjusting the bar', () => {
    expect(table).toMatch(/modern2024\/test\s+10\s+ours \(default\)\s+0\.960\s+65\.0%.*AUROC>=0\.95, TPR@1%>=60\.0%\s+met/);
    expect(table).toMatch(/issue 15: AUROC>=0\.9, TPR@1%>=40\.0%\s+NOT MET/);
    expect(table).toMatch(/issue 3: AUROC>=0\.95, TPR@1%>=60\.0%\s+NOT MET/);
    expect(table).toMatch(/llama-3-8b\s+5\s+0\.850\s+20\.0%\s+AUROC>=0\.9\s+NOT MET/);
    expect(table).toMatch(/rewrite\s+5\s+0\.800\s+10\.0%\s+25\.0%\s+routed human<=20\.0%\s+NOT MET/);
    expect(table).toMatch(/polish\s+5\s+0\.900\s+30\.0%\s+10\.0%\s+routed human<=20\.0%\s+met/);
    // uncertain 30% > 25%
    expect(table).toMatch(/modern2024\/test\s+30\.0%\s+1\.0%\s+1\.0%\s+uncertain<=25\.0%, leak<=5\.0%, loss<=2\.0%\s+NOT MET/);
    expect(table).toMatch(/claude\s+modern2024\/test\s+10\s+0\.840.*AUROC>=0\.85\s+NOT MET/);
    expect(table).toMatch(/emoji\s+10\s+0\.955\s+-0\.005.*\|diff\|<=0\.02\s+met/);
    expect(table).toMatch(/this tree\s+m\s+3,000\s+2,600\s+issue 15: median>=2,500\s+met/);
    expect(table).toMatch(/issue 3: median>=5,000\s+NOT MET/);
    expect(table).toContain('this tree / baseline: 0.65 (medians), 0.60 (best passes)');
    expect(table).toContain('card scope: languages en, minWords 24');
  });
});

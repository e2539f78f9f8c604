import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CanarySource } from '../../src/canaries/index.js';
import { runLocalFilter } from '../../src/executors/local/local-executor.js';
import type { Scorer } from '../../src/classifier/scorer.js';
import { readRunSummary, renderEvalReport, renderRunReport, type RunSummary } from '../../src/report/index.js';
import { renderInChromium } from './chromium.js';

/** Scores from the text: "machine" pushes the score up, so routes are known and spread out. */
const textScorer: Scorer = {
  async score(texts) {
    return Float32Array.from(texts.map((t, i) => Math.min(0.99, (t.includes('machine') ? 0.55 : 0.02) + ((t.length * 7 + i) % 40) / 100)));
  },
  async close() {},
};

describe('run report', () => {
  let dir: string;
  let run: RunSummary;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crawlsift-report-'));
    const input = join(dir, 'crawl.jsonl');
    const lines = Array.from({ length: 120 }, (_, i) => ({
      id: `d${i}`,
      url: `https://site${i % 3}.example/page/${i}`,
      text: `${i % 4 === 0 ? 'machine' : 'person'} wrote document ${i} ${'x'.repeat(i % 13)}`,
    }));
    writeFileSync(input, lines.map((l) => JSON.stringify(l)).join('\n') + '\n{"oops"\n');
    const canaries = [
      ...Array.from({ length: 10 }, (_, i) => ({ text: `machine canary ${i} </script><b>`, label: 'synthetic' as const })),
      ...Array.from({ length: 10 }, (_, i) => ({ text: `person canary ${i}`, label: 'human' as const })),
    ];
    await runLocalFilter({
      inputs: [input],
      outDir: join(dir, 'out'),
      model: { name: 'text-test', hash: 'a'.repeat(64) },
      thresholds: { low: 0.3, high: 0.6 },
      scorer: textScorer,
      canaries: new CanarySource(canaries, { rate: 0.25 }),
    });
    run = await readRunSummary(join(dir, 'out'));
  });

  it('summarises shards from the manifest and the shard files', () => {
    const { counts } = run.manifest;
    for (const route of ['human', 'synthetic', 'uncertain'] as const) {
      expect(run.histograms[route].reduce((a, b) => a + b, 0)).toBe(counts[route]);
    }
    expect([...run.bySource.keys()].sort()).toEqual(['site0.example', 'site1.example', 'site2.example']);
    const perSource = [...run.bySource.values()].reduce((a, c) => a + c.human + c.synthetic + c.uncertain, 0);
    expect(perSource).toBe(120);
  });

  it('renders in headless Chromium with no console errors and every chart drawn', async () => {
    const labels = Array.from({ length: 60 }, (_, i) => i % 2 === 0);
    const scores = labels.map((syn, i) => (syn ? 0.4 + (i % 11) / 20 : 0.05 + (i % 9) / 20));
    const html = renderRunReport({
      run,
      outDir: join(dir, 'out'),
      labeled: { scores, labels, thresholds: run.manifest.thresholds, files: ['labeled.jsonl'], sources: labels.map((_, i) => (i % 3 ? 'news' : 'wiki')) },
    });
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toContain('</script><b>');
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    const page = await renderInChromium(file, dir);
    expect(page.consoleErrors).toEqual([]);
    // Three shard histograms, the projection, the ROC curve and the labeled histogram.
    expect(page.chartsDrawn).toBe(6);
    expect(page.canvases.map((c) => c.id).sort()).toEqual(['hist-human', 'hist-synthetic', 'hist-uncertain', 'labeled-hist-labels', 'labeled-roc', 'projection-chart']);
    for (const canvas of page.canvases) expect(canvas.paintedPixels, canvas.id).toBeGreaterThan(1000);
    expect(statSync(page.screenshot).size).toBeGreaterThan(10_000);
    expect(readFileSync(file, 'utf8')).toContain('Rogan-Gladen');
  });
});

describe('renderEvalReport', () => {
  it('draws the ROC curve and per-label histograms for eval --report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crawlsift-eval-report-'));
    const labels = Array.from({ length: 80 }, (_, i) => (i % 2 ? 'synthetic' : 'human') as 'human' | 'synthetic');
    const scores = Float32Array.from(labels.map((l, i) => (l === 'synthetic' ? 0.35 + (i % 13) / 20 : (i % 17) / 30)));
    const html = renderEvalReport({ scores, labels, thresholds: { low: 0.3, high: 0.7 }, notes: ['model test@abc'] });
    const file = join(dir, 'eval.html');
    writeFileSync(file, html);
    const page = await renderInChromium(file, dir);
    expect(page.consoleErrors).toEqual([]);
    expect(page.chartsDrawn).toBe(2);
    for (const canvas of page.canvases) expect(canvas.paintedPixels, canvas.id).toBeGreaterThan(1000);
    expect(html).toMatch(/AUROC/);
  });
});

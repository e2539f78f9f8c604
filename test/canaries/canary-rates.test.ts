import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CanarySource, CanaryTally, canaryReport, type LabeledDoc } from '../../src/canaries/index.js';
import { runLocalFilter } from '../../src/executors/local/local-executor.js';
import type { Scorer } from '../../src/classifier/scorer.js';
import { formatCanarySummary, projectionFromRun, readRunSummary, renderRunReport } from '../../src/report/index.js';

const none = { n: 0, toHuman: 0, toUncertain: 0, toSynthetic: 0 };

/** "machine" scores 0.9, anything else 0.1. */
const keywordScorer: Scorer = {
  async score(texts) {
    return Float32Array.from(texts.map((t) => (t.includes('machine') ? 0.9 : 0.1)));
  },
  async close() {},
};

describe('canary rates of a label with no canaries', () => {
  it('are null, interval and all, not a 0% rate; the other label keeps its rate', () => {
    const tally = new CanaryTally();
    tally.add('human', 'human');
    tally.add('human', 'synthetic');
    const report = tally.report();
    expect(report.leakThrough).toEqual({ rate: null, ci95: null });
    expect(report.humanLoss.rate).toBe(0.5);
    expect(report.humanLoss.ci95).toHaveLength(2);
    expect(report.synthetic).toEqual(none);
    const noHuman = canaryReport({ n: 2, toHuman: 1, toUncertain: 0, toSynthetic: 1 }, none);
    expect(noHuman.humanLoss).toEqual({ rate: null, ci95: null });
    expect(noHuman.leakThrough.rate).toBe(0.5);
  });

  it('stay null when merged from parts that had none (as the queue finalizer merges batches)', () => {
    const merged = new CanaryTally();
    merged.merge({ synthetic: none, human: none });
    merged.merge({ synthetic: none, human: { n: 3, toHuman: 3, toUncertain: 0, toSynthetic: 0 } });
    const report = merged.report();
    expect(report.leakThrough).toEqual({ rate: null, ci95: null });
    expect(report.humanLoss.rate).toBe(0);
    expect(new CanaryTally().report()).toMatchObject({ leakThrough: { rate: null, ci95: null }, humanLoss: { rate: null, ci95: null } });
  });

  it('read n/a in the summary and the HTML report, and give no projection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crawlsift-canary-rates-'));
    const input = join(dir, 'crawl.jsonl');
    writeFileSync(input, ['plain one', 'machine two', 'plain three', 'plain four'].map((text, i) => JSON.stringify({ id: `c${i}`, text })).join('\n') + '\n');
    const onlyHuman: LabeledDoc[] = [{ text: 'plain human canary', label: 'human' }, { text: 'machine human canary', label: 'human' }];
    const out = join(dir, 'out');
    const manifest = await runLocalFilter({
      inputs: [input],
      outDir: out,
      model: { name: 'keywords', hash: '0'.repeat(64) },
      thresholds: { low: 0.3, high: 0.7 },
      scorer: keywordScorer,
      canaries: new CanarySource(onlyHuman, { rate: 1 }),
    });
    expect(manifest.canaries!.leakThrough).toEqual({ rate: null, ci95: null });
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).canaries.leakThrough).toEqual({ rate: null, ci95: null });
    expect(manifest.estimates!.prevalence).toEqual({ estimate: null, ci95: [0, 1], notIdentifiable: 'nothing-measured' });

    const summary = formatCanarySummary(manifest);
    expect(summary).toContain('leak-through (synthetic routed human): n/a (no synthetic canaries)\n');
    expect(summary).toMatch(/human loss \(human routed synthetic\): +50% \[/);
    expect(summary).not.toContain('0% [0%, 100%]');

    const run = await readRunSummary(out);
    expect(projectionFromRun(run)).toBeUndefined();
    const html = renderRunReport({ run, outDir: out });
    expect(html).toContain('<th scope="row">leak-through (synthetic canaries routed human)</th><td>n/a (no synthetic canaries)</td>');
    expect(html).not.toContain('0% [0%, 100%]');
  });
});

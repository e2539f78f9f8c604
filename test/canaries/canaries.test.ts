import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canaryLabel,
  CanarySource,
  CanaryTally,
  estimatesFromRun,
  mixCanaries,
  readLabeledDocs,
  type LabeledDoc,
} from '../../src/canaries/index.js';
import type { ReadItem } from '../../src/documents/types.js';
import { runLocalFilter } from '../../src/executors/local/local-executor.js';
import type { Scorer } from '../../src/classifier/scorer.js';
import { readShard } from '../helpers/shards.js';

const labeled = (label: 'human' | 'synthetic', text: string): LabeledDoc => ({ text, label });

/** Scores by keyword so routes are known in advance: "machine" 0.9, "maybe" 0.5, else 0.1. */
const keywordScorer: Scorer = {
  async score(texts) {
    return Float32Array.from(texts.map((t) => (t.includes('machine') ? 0.9 : t.includes('maybe') ? 0.5 : 0.1)));
  },
  async close() {},
};

describe('CanarySource', () => {
  it('inserts floor(N * rate) canaries, evenly, and cycles through the file', () => {
    const source = new CanarySource([labeled('human', 'a'), labeled('synthetic', 'b')], { rate: 0.25 });
    const after = Array.from({ length: 12 }, () => source.afterCrawlDocument().length);
    expect(after).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(source.count).toBe(3);
    expect(source.reuseWarning()).toMatch(/3 canaries were drawn from 2 labeled documents/);
    expect(new CanarySource([labeled('human', 'a')], { rate: 0.5 }).reuseWarning()).toBeUndefined();
  });

  it('gives rate 1/10 exactly one canary per ten documents and supports rates above 1', () => {
    const tenth = new CanarySource([labeled('human', 'a')], { rate: 0.1 });
    const total = Array.from({ length: 100 }, () => tenth.afterCrawlDocument().length).reduce((a, b) => a + b, 0);
    expect(total).toBe(10);
    const double = new CanarySource([labeled('human', 'a')], { rate: 2 });
    expect(double.afterCrawlDocument()).toHaveLength(2);
  });

  it('draws in a seeded order: same seed same order, each document once per cycle', () => {
    const docs = Array.from({ length: 6 }, (_, i) => labeled(i % 2 ? 'human' : 'synthetic', `t${i}`));
    const draw = (seed: number) => {
      const s = new CanarySource(docs, { rate: 1, seed });
      return Array.from({ length: 12 }, () => s.afterCrawlDocument()[0]!.text);
    };
    expect(draw(7)).toEqual(draw(7));
    expect(new Set(draw(7).slice(0, 6)).size).toBe(6);
    expect(draw(7).slice(6)).toEqual(draw(7).slice(0, 6));
  });

  it('marks canaries so canaryLabel finds them and not crawl documents', () => {
    const source = new CanarySource([labeled('synthetic', 'x')], { rate: 1 });
    const canary = source.afterCrawlDocument()[0]!;
    expect(canaryLabel(canary)).toBe('synthetic');
    expect(canaryLabel({ id: 'doc-1', text: 'x', record: { __crawlsiftCanary: 'human' }, source: { file: 'f' } })).toBeUndefined();
  });
});

describe('mixCanaries', () => {
  it('inserts after documents only, not after rejected records', async () => {
    async function* items(): AsyncGenerator<ReadItem> {
      yield { kind: 'document', document: { id: 'd1', text: 'one', record: {}, source: { file: 'f', line: 1 } } };
      yield { kind: 'rejected', rejected: { reason: 'malformed-json', file: 'f', line: 2, raw: '{' } };
      yield { kind: 'document', document: { id: 'd2', text: 'two', record: {}, source: { file: 'f', line: 3 } } };
    }
    const out: string[] = [];
    for await (const item of mixCanaries(items(), new CanarySource([labeled('human', 'c')], { rate: 0.5 }))) {
      out.push(item.kind === 'document' ? item.document.id : 'rejected');
    }
    expect(out).toEqual(['d1', 'rejected', 'd2', 'crawlsift-canary:0']);
  });
});

describe('CanaryTally', () => {
  it('reports routes per label with Wilson intervals on leak-through and human loss', () => {
    const tally = new CanaryTally();
    for (const route of ['human', 'synthetic', 'synthetic', 'uncertain'] as const) tally.add('synthetic', route);
    for (const route of ['human', 'human', 'synthetic'] as const) tally.add('human', route);
    const report = tally.report();
    expect(report.synthetic).toEqual({ n: 4, toHuman: 1, toUncertain: 1, toSynthetic: 2 });
    expect(report.human).toEqual({ n: 3, toHuman: 2, toUncertain: 0, toSynthetic: 1 });
    expect(report.leakThrough.rate).toBe(0.25);
    // Wilson 95% for 1/4, computed by hand: centre 0.3714, half-width 0.3082.
    expect(report.leakThrough.ci95[0]).toBeCloseTo(0.0456, 3);
    expect(report.leakThrough.ci95[1]).toBeCloseTo(0.6994, 3);
    expect(report.humanLoss.rate).toBeCloseTo(1 / 3, 10);
  });
});

describe('estimatesFromRun', () => {
  it('applies Rogan-Gladen with the flagged cut at low', () => {
    // q = 30/100 flagged; Se = 1 - 10/100 = 0.9; Sp = 95/100. p = (0.3 + 0.95 - 1)/(0.9 + 0.95 - 1) = 0.25/0.85.
    const est = estimatesFromRun(
      { human: 70, synthetic: 20, uncertain: 10 },
      { synthetic: { n: 100, toHuman: 10, toUncertain: 10, toSynthetic: 80 }, human: { n: 100, toHuman: 95, toUncertain: 3, toSynthetic: 2 } },
    );
    expect(est.flaggedRate).toEqual({ k: 30, n: 100, rate: 0.3 });
    expect(est.prevalence.estimate).toBeCloseTo(0.25 / 0.85, 10);
    // Synthetic share of the human shard: p·0.1 / (p·0.1 + (1 - p)·0.95).
    const p = 0.25 / 0.85;
    expect(est.syntheticFractionInHuman.estimate).toBeCloseTo((p * 0.1) / (p * 0.1 + (1 - p) * 0.95), 10);
    expect(est.prevalence.ci95[0]).toBeLessThan(p);
    expect(est.prevalence.ci95[1]).toBeGreaterThan(p);
  });

  it('says plainly when a label has no canaries', () => {
    const est = estimatesFromRun({ human: 5, synthetic: 0, uncertain: 0 }, { synthetic: { n: 0, toHuman: 0, toUncertain: 0, toSynthetic: 0 }, human: { n: 2, toHuman: 2, toUncertain: 0, toSynthetic: 0 } });
    expect(est.prevalence.estimate).toBeNull();
    expect(est.warnings.join(' ')).toMatch(/no synthetic canary/);
  });
});

describe('readLabeledDocs', () => {
  it('names the file and line of a bad record, with a CLI-facing code', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'crawlsift-labeled-')), 'x.jsonl');
    writeFileSync(file, '{"text":"a","label":"human"}\n{"text":"b","label":"robot"}\n');
    await expect(readLabeledDocs([file])).rejects.toMatchObject({ code: 'labeled-invalid', message: expect.stringMatching(/x\.jsonl:2:/) });
  });
});

describe('runLocalFilter with canaries', () => {
  it('routes canaries like documents, tallies them, and keeps them out of shards and counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crawlsift-canaries-'));
    const input = join(dir, 'crawl.jsonl');
    const crawl = ['plain one', 'machine two', 'maybe three', 'plain four', 'machine five', 'plain six'];
    writeFileSync(input, crawl.map((text, i) => JSON.stringify({ id: `c${i}`, text })).join('\n') + '\n{bad\n');
    const canaryDocs = [
      labeled('synthetic', 'machine s1'),
      labeled('synthetic', 'machine s2'),
      labeled('synthetic', 'maybe s3'),
      labeled('synthetic', 'plain s4 leaks'),
      labeled('human', 'plain h1'),
      labeled('human', 'plain h2'),
      labeled('human', 'machine h3 lost'),
    ];
    const out = join(dir, 'out');
    const manifest = await runLocalFilter({
      inputs: [input],
      outDir: out,
      model: { name: 'keywords', hash: '0'.repeat(64) },
      thresholds: { low: 0.3, high: 0.7 },
      scorer: keywordScorer,
      batchDocs: 3,
      canaries: new CanarySource(canaryDocs, { rate: 7 / 6 }),
    });
    // unscored: the shard the scope guard (issue 15) added; this run has no scope, so it is empty.
    expect(manifest.counts).toEqual({ read: 7, human: 3, synthetic: 2, uncertain: 1, unscored: 0, rejected: 1 });
    expect(manifest.canaries!.synthetic).toEqual({ n: 4, toHuman: 1, toUncertain: 1, toSynthetic: 2 });
    expect(manifest.canaries!.human).toEqual({ n: 3, toHuman: 2, toUncertain: 0, toSynthetic: 1 });
    expect(manifest.canaries!.leakThrough.rate).toBe(0.25);
    expect(manifest.estimates!.flaggedRate).toEqual({ k: 3, n: 6, rate: 0.5 });
    const written = ['human', 'synthetic', 'uncertain'].flatMap((s) => readShard(out, s));
    expect(written.map((r) => r.id).sort()).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
    expect(JSON.stringify(written)).not.toMatch(/crawlsift-canary|__crawlsiftCanary/);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).canaries).toEqual(manifest.canaries);
  });
});

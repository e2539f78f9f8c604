import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { readShard } from '../helpers/shards.js';

const SAMPLE = 'fixtures/sample-crawl.jsonl.gz';
const LABELED = 'fixtures/labeled/report-small.jsonl';

describe('crawlsift filter --canaries, then crawlsift report (end to end)', () => {
  let dir: string;
  let manifest: any;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crawlsift-report-cli-'));
    const result = await runCli(['filter', SAMPLE, '--out', join(dir, 'out'), '--canaries', LABELED, '--canary-rate', '0.2', '--threads', '1', '--json']);
    expect(result.code).toBe(0);
    manifest = JSON.parse(result.stdout);
  });

  it('keeps canaries out of shards and counts, and tallies them by route', () => {
    const lines = gunzipSync(readFileSync(SAMPLE)).toString('utf8').split('\n').filter(Boolean);
    const { counts, canaries } = manifest;
    expect(counts.read).toBe(lines.length);
    expect(counts.read).toBe(counts.human + counts.synthetic + counts.uncertain + counts.unscored + counts.rejected);
    // 240 readable documents at 0.2 canaries per document; those shorter than the default model's
    // scope are counted as not scored, the rest by route.
    const notScored = (canaries.notScored?.synthetic ?? 0) + (canaries.notScored?.human ?? 0);
    expect(canaries.synthetic.n + canaries.human.n + notScored).toBe(48);
    for (const label of ['synthetic', 'human']) {
      const c = canaries[label];
      expect(c.toHuman + c.toUncertain + c.toSynthetic).toBe(c.n);
    }
    expect(canaries.leakThrough.rate).toBeCloseTo(canaries.synthetic.toHuman / canaries.synthetic.n, 12);
    const canaryTexts = new Set(readFileSync(LABELED, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text));
    for (const shard of ['human', 'synthetic', 'uncertain']) {
      for (const record of readShard(join(dir, 'out'), shard)) expect(canaryTexts.has(record.text as string)).toBe(false);
    }
    expect(manifest.estimates.method).toBe('rogan-gladen');
    expect(manifest.estimates.prevalence.ci95).toHaveLength(2);
  });

  it('writes a self-contained HTML report with the ROC curve for --labeled', async () => {
    const file = join(dir, 'report.html');
    const result = await runCli(['report', join(dir, 'out'), '--labeled', LABELED, '-o', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    for (const id of ['hist-human', 'hist-synthetic', 'hist-uncertain', 'labeled-roc', 'zipf-shards']) expect(html).toContain(`<canvas id="${id}"`);
    expect(html).toContain('Corpus health per shard');
    expect(html).toContain('Rogan-Gladen');
  });

  it('measures each shard again for the corpus-health intervals, finding the manifest\'s figures', async () => {
    const { readRunSummary } = await import('../../src/report/read-run.js');
    const run = await readRunSummary(join(dir, 'out'), undefined, { replicates: 30 });
    const shards = Object.keys(manifest.diversity);
    expect(shards.length).toBeGreaterThan(0);
    // The report measures the routed shards again (RunSummary.health); unscored/ shows the run's figures only.
    for (const shard of shards.filter((s) => ['human', 'synthetic', 'uncertain'].includes(s))) {
      const again = run.health![shard as 'human']!;
      for (const figure of ['tailShare', 'entropyBitsPerWord', 'vocabulary', 'surprisalBitsPerToken'] as const) expect(again.figures[figure]).toBe(manifest.diversity[shard][figure]);
      const { value, ci95 } = again.intervals.tailShare;
      if (value !== null && manifest.diversity[shard].sampled.documents >= 2) expect(ci95).toHaveLength(2);
    }
  });

  it('says which directory lacks a manifest', async () => {
    const result = await runCli(['report', dir, '-o', join(dir, 'x.html')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/manifest\.json/);
  });
});

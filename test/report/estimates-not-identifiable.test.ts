// Issue 16: a crawl that is half machine text, with canaries from another corpus, printed
// 'synthetic prevalence of the crawl: 0% [0%, 1.87%]'. The counts below are that run's (filter on
// ../shared/data/modern/corpus.jsonl, --canaries detect-corpus/dev.jsonl --canary-rate 0.05).
import { describe, expect, it } from 'vitest';
import { CanaryTally } from '../../src/canaries/index.js';
import { emptyBatchResult } from '../../src/pipeline/batch-result.js';
import { buildManifest } from '../../src/pipeline/manifest.js';
import { formatCanarySummary, renderRunReport } from '../../src/report/index.js';
import { ESTIMATE_ASSUMPTION } from '../../src/evaluation/index.js';

type Routes = { n: number; toHuman: number; toUncertain: number; toSynthetic: number };

function manifestWith(counts: { human: number; synthetic: number; uncertain: number }, synthetic: Routes, human: Routes) {
  const canaries = new CanaryTally();
  canaries.merge({ synthetic, human });
  const result = { ...emptyBatchResult(), read: counts.human + counts.synthetic + counts.uncertain, canaries: canaries.toCounts() };
  result.shards = { ...result.shards, ...counts };
  return buildManifest({
    result,
    model: { name: 'default', hash: '310a2bfadf21'.padEnd(64, '0') },
    thresholds: { low: 0.1135, high: 0.9368 },
    inputs: ['crawl.jsonl'],
    outDir: 'out',
    shardFiles: { human: [], synthetic: [], uncertain: [], unscored: [], rejected: [] },
    executor: 'local',
    startedAt: new Date(0),
    finishedAt: new Date(17_800),
  });
}

const issueRunManifest = () =>
  manifestWith(
    { human: 1307, synthetic: 1227, uncertain: 768 },
    { n: 85, toHuman: 5, toUncertain: 63, toSynthetic: 17 },
    { n: 80, toHuman: 20, toUncertain: 60, toSynthetic: 0 },
  );

describe('a prevalence the canaries cannot identify', () => {
  it('is null with its reason and the assumption in the manifest, not a clamped 0 with a narrow interval', () => {
    const estimates = issueRunManifest().estimates!;
    expect(estimates.prevalence).toEqual({ estimate: null, ci95: [0, 1], notIdentifiable: 'crawl-flagged-below-human-canaries' });
    expect(estimates.syntheticFractionInHuman).toEqual({ estimate: null, ci95: [0, 1] });
    expect(estimates.assumption).toBe(ESTIMATE_ASSUMPTION);
    expect(estimates.warnings[0]).toMatch(/than the human canaries \(75%\), beyond sampling error/);
  });

  it('reads "not identifiable", why and what to do, in the end-of-run summary', () => {
    const summary = formatCanarySummary(issueRunManifest());
    expect(summary).toContain('  synthetic prevalence of the crawl:     not identifiable (crawl-flagged-below-human-canaries)\n');
    expect(summary).toContain('  synthetic fraction of the human shard: not identifiable (crawl-flagged-below-human-canaries)\n');
    expect(summary).toMatch(/note: The crawl is flagged less often \(60\.4%\) than the human canaries \(75%\).*Draw the canaries from the same kind of text as the crawl/);
    expect(summary).toContain('assumes: the canaries represent the crawl');
    expect(summary).not.toMatch(/prevalence of the crawl: +0% \[/);
  });

  it('reads the same in the HTML report, which states the assumption and projects nothing', () => {
    const html = renderRunReport({
      run: { manifest: issueRunManifest(), histograms: { human: [], synthetic: [], uncertain: [] }, bySource: new Map() },
      outDir: 'out',
    });
    expect(html).toContain('<th scope="row">synthetic prevalence of the crawl (Rogan-Gladen)</th><td>not identifiable (crawl-flagged-below-human-canaries)</td>');
    expect(html).toContain('The crawl is flagged less often (60.4%) than the human canaries (75%)');
    expect(html).toContain('Assumption: The canaries represent the crawl');
    expect(html).toContain('No projection: the synthetic prevalence of this crawl is not identifiable from its canaries');
  });

  it('states the assumption for an estimate that is identifiable too', () => {
    const built = manifestWith(
      { human: 700, synthetic: 200, uncertain: 100 },
      { n: 100, toHuman: 10, toUncertain: 20, toSynthetic: 70 },
      { n: 100, toHuman: 95, toUncertain: 5, toSynthetic: 0 },
    );
    expect(built.estimates!.prevalence.notIdentifiable).toBeUndefined();
    expect(built.estimates!.prevalence.estimate).toBeGreaterThan(0);
    expect(formatCanarySummary(built)).toMatch(/prevalence of the crawl: +\d+(\.\d+)?% \[.*\(Rogan-Gladen, joint 95%\)\n[\s\S]*assumes: the canaries represent the crawl/);
  });
});

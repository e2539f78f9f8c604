// crawlsift stats on fixture corpora: the figures of one corpus, --compare with intervals, the inputs
// after --compare kept apart from those before it, --json and --report.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const LABELED = 'fixtures/labeled/dev-small.jsonl';
let dir: string;
let human: string;
let synthetic: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crawlsift-stats-'));
  const rows = readFileSync(LABELED, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { label: string });
  human = join(dir, 'human.jsonl');
  synthetic = join(dir, 'synthetic.jsonl');
  writeFileSync(human, rows.filter((r) => r.label === 'human').map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(synthetic, rows.filter((r) => r.label === 'synthetic').map((r) => JSON.stringify(r)).join('\n') + '\n');
});

describe('crawlsift stats', () => {
  it('measures a corpus, with 95% intervals that hold the figure', async () => {
    const r = await runCli(['stats', human, '--json', '--replicates', '50']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.corpus.figures.documents).toBe(readFileSync(human, 'utf8').trim().split('\n').length);
    expect(out.compare).toBeUndefined();
    for (const name of ['tailShare', 'entropyBitsPerWord', 'surprisalBitsPerToken', 'mattr']) {
      const { value, ci95 } = out.corpus.intervals[name];
      expect(ci95[0]).toBeLessThanOrEqual(value);
      expect(ci95[1]).toBeGreaterThanOrEqual(value);
    }
  });

  it('--compare takes every input after it, and gives the differences with intervals', async () => {
    const r = await runCli(['stats', human, '--compare', synthetic, human, '--json', '--replicates', '50', '--seed', '3']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.corpus.inputs).toEqual([human]);
    expect(out.compare.inputs).toEqual([synthetic, human]);
    const d = out.differences.tailShare;
    expect(d.difference.value).toBeCloseTo(d.b - d.a, 12);
    expect(d.difference.ci95).toHaveLength(2);
    // Seeded: the same run gives the same intervals.
    const again = await runCli(['stats', human, '--compare', synthetic, human, '--json', '--replicates', '50', '--seed', '3']);
    expect(JSON.parse(again.stdout).differences).toEqual(out.differences);
  });

  it('prints a table and writes an HTML report with the Zipf plot', async () => {
    const report = join(dir, 'health.html');
    const r = await runCli(['stats', human, '--compare', synthetic, '--replicates', '30', '--report', report]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/tail share \(outside top 10k\)\s+\S+%/);
    expect(r.stdout).toMatch(/difference \(compared - corpus\)/);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('Rank-frequency (Zipf) plot');
    expect(html).toContain('"type":"logarithmic"');
  });

  it('refuses --compare without inputs after it, and no input before it', async () => {
    expect((await runCli(['stats', human, '--compare'])).stderr).toMatch(/--compare needs at least one input after it/);
    expect((await runCli(['stats', '--compare', human])).stderr).toMatch(/needs at least one input before --compare/);
  });
});

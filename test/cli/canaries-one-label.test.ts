import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const SAMPLE = 'fixtures/sample-crawl.jsonl.gz';
const LABELED = 'fixtures/labeled/report-small.jsonl';

describe('filter --canaries with human canaries only, then report', () => {
  it('gives leak-through null in manifest.json and n/a in the summary and the HTML report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crawlsift-canaries-one-label-'));
    const onlyHuman = join(dir, 'onlyhuman.jsonl');
    const lines = readFileSync(LABELED, 'utf8').split('\n').filter((l) => l.trim() !== '' && JSON.parse(l).label === 'human');
    writeFileSync(onlyHuman, lines.join('\n') + '\n');
    const out = join(dir, 'out');
    const filter = await runCli(['filter', SAMPLE, '--out', out, '--canaries', onlyHuman, '--canary-rate', '0.1', '--threads', '1']);
    expect(filter.code, filter.stderr).toBe(0);
    expect(filter.stdout).toContain('leak-through (synthetic routed human): n/a (no synthetic canaries)\n');
    expect(filter.stdout).not.toMatch(/leak-through.*0% \[0%, 100%\]/);

    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.canaries.synthetic.n).toBe(0);
    // 24 canaries drawn (10% of 240); one shorter than the default model's scope (48 words) is
    // counted as not scored, and the rates are measured on the scored ones.
    const scored = manifest.canaries.human.n;
    expect(scored + (manifest.canaries.notScored?.human ?? 0)).toBe(24);
    expect(scored).toBeGreaterThan(0);
    expect(manifest.canaries.leakThrough).toEqual({ rate: null, ci95: null });
    expect(manifest.canaries.humanLoss.rate).toBeCloseTo(manifest.canaries.human.toSynthetic / scored, 12);
    expect(manifest.canaries.humanLoss.ci95).toHaveLength(2);
    expect(manifest.estimates.prevalence).toEqual({ estimate: null, ci95: [0, 1], notIdentifiable: 'nothing-measured' });

    const report = await runCli(['report', out, '-o', join(dir, 'report.html')]);
    expect(report.code, report.stderr).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<td>n/a (no synthetic canaries)</td>');
    expect(html).not.toMatch(/leak-through[^<]*<\/th><td>0% \[0%, 100%\]/);
  });
});

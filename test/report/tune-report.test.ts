import { describe, expect, it } from 'vitest';
import { readThresholdsFile, thresholdsFileContent } from '../../src/report/thresholds-file.js';
import { buildTuneReport, formatTuneTable } from '../../src/report/tune-report.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** n documents of a label with scores spread evenly over [from, to]. */
function spread(label: 'human' | 'synthetic', n: number, from: number, to: number, source?: string) {
  return Array.from({ length: n }, (_, i) => ({ label, source, score: from + ((to - from) * i) / Math.max(1, n - 1) }));
}

describe('buildTuneReport', () => {
  const docs = [...spread('human', 200, 0, 0.6, 'news'), ...spread('synthetic', 200, 0.4, 1, 'news'), ...spread('human', 50, 0, 0.3, 'wiki')];
  const scores = docs.map((d) => d.score);

  it('meets the targets on the labeled data it was given', () => {
    const report = buildTuneReport(docs, scores, { maxLeak: 0.05, maxHumanLoss: 0.05 });
    const syn = docs.filter((d) => d.label === 'synthetic');
    const hum = docs.filter((d) => d.label === 'human');
    const leak = syn.filter((d) => d.score < report.overall.low).length / syn.length;
    const loss = hum.filter((d) => d.score >= report.overall.high).length / hum.length;
    expect(leak).toBeLessThanOrEqual(0.05);
    expect(loss).toBeLessThanOrEqual(0.05);
    expect(report.overall.leakThrough.rate).toBeCloseTo(leak, 12);
    expect(report.overall.humanLoss.rate).toBeCloseTo(loss, 12);
    expect(report.overall.low).toBeLessThanOrEqual(report.overall.high);
    expect(report.overall.feasible).toBe(true);
  });

  it('tunes per source and skips a source with one class, saying why', () => {
    const report = buildTuneReport(docs, scores, { maxLeak: 0.05, maxHumanLoss: 0.05 }, { bySource: true });
    expect(Object.keys(report.bySource!)).toEqual(['news', 'wiki']);
    expect(report.bySource!.wiki).toEqual({ skipped: 'only 0 synthetic and 50 human labeled documents: both classes are needed' });
    expect(formatTuneTable(report)).toMatch(/wiki: skipped, only 0 synthetic/);
  });

  it('says plainly that 300 synthetic documents cannot demonstrate L = 0.001', () => {
    const small = [...spread('human', 300, 0, 0.5), ...spread('synthetic', 300, 0.5, 1)];
    const report = buildTuneReport(small, small.map((d) => d.score), { maxLeak: 0.001, maxHumanLoss: 0.05 });
    expect(report.overall.feasible).toBe(false);
    const table = formatTuneTable(report);
    expect(table).toMatch(/Leak-through target 0\.1% cannot be demonstrated with 300 labeled synthetic documents/);
    expect(table).toMatch(/At least 3,838 labeled synthetic documents are needed/);
    expect(table).toMatch(/all .* (NOT MET|met, sample too small)/);
  });

  it('writes a thresholds file that filter --thresholds reads back', async () => {
    const report = buildTuneReport(docs, scores, { maxLeak: 0.05, maxHumanLoss: 0.05 });
    const path = join(mkdtempSync(join(tmpdir(), 'crawlsift-tune-')), 'thresholds.json');
    const tuned = { model: { name: 'm', hash: 'a'.repeat(64) }, labeledFiles: ['labeled.jsonl'], createdAt: new Date().toISOString() };
    writeFileSync(path, JSON.stringify(thresholdsFileContent(report, tuned)));
    expect((await readThresholdsFile(path)).thresholds).toEqual({ low: report.overall.low, high: report.overall.high });
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readThresholdsFile, thresholdsFileContent } from '../../src/report/thresholds-file.js';
import { summariseLeftOut } from '../../src/report/scope-left-out.js';
import { buildTuneReport } from '../../src/report/tune-report.js';

const MODEL = { name: 'm', hash: 'a'.repeat(64) };
const docs = [
  ...Array.from({ length: 40 }, (_, i) => ({ label: 'human' as const, source: i % 2 ? 'news' : 'wiki', score: i / 80 })),
  ...Array.from({ length: 40 }, (_, i) => ({ label: 'synthetic' as const, source: 'news', score: 0.4 + i / 70 })),
];
const report = buildTuneReport(docs, docs.map((d) => d.score), { maxLeak: 0.1, maxHumanLoss: 0.1 }, { bySource: true });

function write(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'crawlsift-thresholds-file-')), 'thresholds.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('the thresholds file', () => {
  it('reads back what tune writes, every field', async () => {
    const content = thresholdsFileContent(report, { model: MODEL, labeledFiles: ['a.jsonl'], createdAt: '2026-01-02T03:04:05.000Z' });
    expect(Object.keys(content)).toEqual(['thresholds', 'model', 'labeledFiles', 'createdAt', 'targets', 'labeled', 'result', 'bySource']);
    expect(content.bySource!.wiki).toEqual({ skipped: 'only 0 synthetic and 20 human labeled documents: both classes are needed' });
    expect(await readThresholdsFile(write(content))).toEqual(content);
  });

  it('records the labeled documents tune left out as unscored, and the scope that decided it', async () => {
    const decisions = docs.map((_, i) => (i % 10 === 0 ? { inScope: false as const, reason: i % 20 ? ('too-short' as const) : ('language' as const), language: 'de' } : { inScope: true as const }));
    const unscored = summariseLeftOut({ languages: ['en'], minWords: 48 }, docs, decisions);
    const withScope = buildTuneReport(docs, docs.map((d) => d.score), { maxLeak: 0.1, maxHumanLoss: 0.1 }, { unscored });
    const content = thresholdsFileContent(withScope, { model: MODEL, labeledFiles: ['a.jsonl'], createdAt: '2026-01-02T03:04:05.000Z' });
    expect(Object.keys(content)).toEqual(['thresholds', 'model', 'labeledFiles', 'createdAt', 'targets', 'labeled', 'unscored', 'result', 'bySource']);
    expect(await readThresholdsFile(write(content))).toEqual(content);
  });

  it('is not written with a model that is not a { name, sha256 hash }', () => {
    expect(() => thresholdsFileContent(report, { model: { name: 'm', hash: 'h' }, labeledFiles: ['a.jsonl'], createdAt: new Date().toISOString() })).toThrow(/hash/);
  });

  it('reads a bare { low, high } and a hand-written { thresholds } without a model', async () => {
    expect(await readThresholdsFile(write({ low: 0.2, high: 0.7 }))).toEqual({ thresholds: { low: 0.2, high: 0.7 } });
    expect(await readThresholdsFile(write({ thresholds: { low: 0.2, high: 0.7 } }))).toEqual({ thresholds: { low: 0.2, high: 0.7 } });
  });

  it.each([
    [{ low: 0.8, high: 0.2 }, 'thresholds: low must be <= high'],
    [{ thresholds: { low: 0.2, high: 1.5 } }, 'thresholds.high:'],
    [{ thresholds: { low: 0.2, high: 0.7 }, model: { name: 'm', hash: 'not-a-hash' } }, 'model.hash: must be a sha256'],
    [[0.2, 0.7], '(root):'],
  ])('refuses %j as thresholds-invalid, naming the file and the field', async (content, detail) => {
    const path = write(content);
    const error = await readThresholdsFile(path).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'thresholds-invalid' });
    expect((error as Error).message).toContain(`thresholds file ${path} must hold {"low": x, "high": y}`);
    expect((error as Error).message).toContain(detail);
  });

  it('tells a file that is not JSON from one that cannot be read', async () => {
    const notJson = write('{ "low": 0.2,');
    await expect(readThresholdsFile(notJson)).rejects.toMatchObject({ code: 'thresholds-invalid', message: expect.stringContaining(`thresholds file ${notJson} is not JSON`) });
    await expect(readThresholdsFile('/nonexistent/thresholds.json')).rejects.toMatchObject({ code: 'thresholds-unreadable', message: expect.stringContaining('cannot read thresholds file /nonexistent/thresholds.json') });
  });
});

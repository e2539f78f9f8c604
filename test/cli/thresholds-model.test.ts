import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const SAMPLE = 'fixtures/sample-crawl.jsonl.gz';
const DEFAULT_HASH: string = JSON.parse(readFileSync('classifiers/default/card.json', 'utf8')).modelHash;
const OTHER_HASH = 'e9ce' + '0'.repeat(60);
const tmp = () => mkdtempSync(join(tmpdir(), 'crawlsift-thr-model-'));

function thresholdsFile(dir: string, model: { name: string; hash: string } | undefined): string {
  const path = join(dir, 'thresholds.json');
  writeFileSync(path, JSON.stringify({ thresholds: { low: 0.3, high: 0.6 }, ...(model ? { model } : {}) }));
  return path;
}

describe('--thresholds tuned for another model', () => {
  it.each([
    ['filter', []],
    ['produce', ['--run', 'r1', '--redis', 'redis://127.0.0.1:1']],
  ])('%s refuses it naming both models, before reading any input or Redis', async (command, extra) => {
    const dir = tmp();
    const file = thresholdsFile(dir, { name: 'm1', hash: OTHER_HASH });
    const out = join(dir, 'out');
    const result = await runCli([command, SAMPLE, '--out', out, '--thresholds', file, ...extra]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`was tuned for model m1 (${OTHER_HASH.slice(0, 12)}), but this run uses default (${DEFAULT_HASH.slice(0, 12)})`);
    expect(result.stderr).toMatch(/--low and --high/);
    expect(existsSync(out)).toBe(false);
  });

  it('filter takes a file tuned for its own model, and a bare {low, high} one', async () => {
    for (const model of [{ name: 'default', hash: DEFAULT_HASH }, undefined]) {
      const dir = tmp();
      const result = await runCli(['filter', SAMPLE, '--out', join(dir, 'out'), '--thresholds', thresholdsFile(dir, model), '--threads', '1', '--json']);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).thresholds).toEqual({ low: 0.3, high: 0.6 });
    }
  });
});

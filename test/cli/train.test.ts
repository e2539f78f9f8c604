import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

// Training itself (and its summary) is covered once, end to end, in detector-e2e.test.ts.
const TRAIN = 'fixtures/labeled/train-small.jsonl';
const tmp = () => mkdtempSync(join(tmpdir(), 'crawlsift-train-'));

describe('crawlsift train: bad input exits 2 with one line', () => {
  it('names the file and line of an invalid labeled record and writes no model', async () => {
    const dir = tmp();
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"text": "fine", "label": "human"}\n\n{"text": 3, "label": "human"}\n');
    const out = join(dir, 'model');
    const result = await runCli(['train', '--data', bad, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^crawlsift train: ${bad}:3: field "text"`));
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses training data with one label only', async () => {
    const dir = tmp();
    const human = join(dir, 'human.jsonl');
    writeFileSync(human, Array.from({ length: 20 }, (_, i) => JSON.stringify({ id: `h${i}`, text: `Human text number ${i}.`, label: 'human' })).join('\n'));
    const result = await runCli(['train', '--data', human, '--out', join(dir, 'model')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/needs both labels/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [['train', '--out', 'x'], /at least one --data/],
    [['train', '--data', TRAIN], /needs --out/],
    [['train', TRAIN, '--out', 'x'], /--data <file>/],
    [['train', '--data', TRAIN, '--out', 'x', '--epochs', '0'], /--epochs must be an integer between 1 and 1000/],
    [['train', '--data', TRAIN, '--out', 'x', '--seed', 'abc'], /--seed must be an integer/],
    [['train', '--data', TRAIN, '--out', 'x', '--length-crops', '1.5'], /--length-crops must be an integer between 0 and 20/],
    [['train', '--data', TRAIN, '--out', 'x', '--embedding-dim', '0'], /--embedding-dim must be an integer between 1 and 16/],
    [['train', '--data', TRAIN, '--out', 'x', '--select-by', 'accuracy'], /--select-by must be auroc or loss \(got "accuracy"\)/],
    [['train', '--data', 'missing.jsonl', '--out', 'x'], /cannot read labeled data missing\.jsonl/],
    [['train', '--data', TRAIN, '--dev', 'fixtures/labeled/dev-small.jsonl', '--dev', 'missing-dev.jsonl', '--out', 'x'], /cannot read labeled data missing-dev\.jsonl/],
  ])('%j', async (args, message) => {
    const result = await runCli(args, { cwd: undefined });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

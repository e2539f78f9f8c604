import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('refuses an --out that is a file before training, and leaves the file alone', async () => {
    const dir = tmp();
    const file = join(dir, 'model.json');
    writeFileSync(file, 'not a directory\n');
    const result = await runCli(['train', '--data', TRAIN, '--out', file, '--log-level', 'info']);
    expect(result.code).toBe(2);
    // One line, and no epoch was logged: refused before training started.
    expect(result.stderr).toBe(`crawlsift train: cannot write the model into ${file}: it is a file, not a directory\n`);
    expect(readFileSync(file, 'utf8')).toBe('not a directory\n');
    const under = await runCli(['train', '--data', TRAIN, '--out', join(file, 'sub')]);
    expect(under.code).toBe(2);
    expect(under.stderr).toBe(`crawlsift train: cannot write the model into ${join(file, 'sub')}: ${file} is a file, not a directory\n`);
  });

  it('says that dev data held out of a tiny --data set lacks a label, and what to do', async () => {
    const dir = tmp();
    const tiny = join(dir, 'tiny.jsonl');
    writeFileSync(tiny, readFileSync(TRAIN, 'utf8').split('\n').slice(0, 4).join('\n') + '\n');
    const result = await runCli(['train', '--data', tiny, '--out', join(dir, 'model')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^crawlsift train: dev data needs both labels; got \d+ human and \d+ synthetic in the dev data held out of the training data \(10% of its 4 documents, by id hash, as no dev data was given\): give dev data \(--dev <labeled.jsonl>\) or more training data\n$/,
    );
    expect(existsSync(join(dir, 'model'))).toBe(false);
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

describe('crawlsift train: --dev that is a --data file', () => {
  it('warns on stderr, by device and inode (another path or a link to the file), and still trains', async () => {
    const dir = tmp();
    const link = join(dir, 'same-as-train.jsonl');
    symlinkSync(join(process.cwd(), TRAIN), link);
    const out = join(dir, 'model');
    const result = await runCli(['train', '--data', TRAIN, '--dev', 'fixtures/labeled/dev-small.jsonl', '--dev', link, '--out', out, '--epochs', '1', '--length-crops', '0']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `crawlsift: warning: --dev ${link} is the same file as --data ${TRAIN}: its documents are trained on and are the dev data too, ` +
        'so early stopping, calibration, the default thresholds and the dev metrics in the card are all too optimistic\n',
    );
    expect(existsSync(join(out, 'card.json'))).toBe(true);
  });

  it('does not warn for a --dev file of its own', async () => {
    const out = join(tmp(), 'model');
    const result = await runCli(['train', '--data', TRAIN, '--dev', 'fixtures/labeled/dev-small.jsonl', '--out', out, '--epochs', '1', '--length-crops', '0']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });
});

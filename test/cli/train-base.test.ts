import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/classifier/index.js';
import { runCli } from '../helpers/run-cli.js';

const TRAIN = resolve('fixtures/labeled/train-small.jsonl');
const DEV = resolve('fixtures/labeled/dev-small.jsonl');
const NEW = resolve('fixtures/labeled/report-small.jsonl');
const card = (dir: string) => JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8'));
const modelBytes = (dir: string) => ['model.json', 'weights.bin'].map((f) => readFileSync(join(dir, f)));

describe('crawlsift train --base (fine-tune)', () => {
  let dir: string;
  let base: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crawlsift-train-base-'));
    base = join(dir, 'base');
    const trained = await runCli(['train', '--data', TRAIN, '--dev', DEV, '--out', base, '--epochs', '1']);
    expect(trained.code, trained.stderr).toBe(0);
  }, 120_000);

  it('records the lineage: the base, the new data (hash, count) and the replay mix found from the base card', async () => {
    const out = join(dir, 'tuned');
    const result = await runCli(['train', '--base', base, '--data', NEW, '--out', out, '--replay-ratio', '1']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`fine-tuned from base (${card(base).modelHash.slice(0, 12)}) on 96 new documents`);
    const { lineage, training } = card(out);
    const docs = readFileSync(NEW, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const hash = createHash('sha256').update(docs.map((d) => `${JSON.stringify({ label: d.label, text: d.text })}\n`).join('')).digest('hex');
    expect(lineage).toEqual({
      base: { name: 'base', modelHash: card(base).modelHash },
      newData: { sha256: hash, documents: 96, human: 48, synthetic: 48, files: [{ path: NEW, sha256: createHash('sha256').update(readFileSync(NEW)).digest('hex'), documents: 96 }] },
      replay: { ratio: 1, documents: 96, from: [{ path: TRAIN, sha256: card(base).training.files[0].sha256, documents: 200 }], seed: 1 },
      // The replay is the base's training data: it rebuilds the base's class LMs, so replay documents are scored out of fold.
      // By default the new documents enter the class LMs, once each, scored in 5 folds.
      classLm: { replay: { scoredBy: 'out-of-fold', reason: expect.stringContaining('4 of its 5 folds') }, learnt: { documents: 96, weight: 1, folds: 5 } },
    });
    // The replay draw is half of each label, and named in the card's training files.
    expect(training.files.map((f: { path: string }) => f.path)).toEqual([NEW, `${TRAIN} (replay: 96 of 200 drawn with seed 1)`, DEV]);
    expect(training.train.human).toBe(48 + 48);
    expect(training.selectBy).toBe('last');
    expect(training.epochsRun).toBe(4);
    // The base's dev data, found from its card, calibrates and sets the default thresholds.
    expect(training.devSource).toBe(DEV);
  }, 120_000);

  it('gives byte-identical model files for the same seed and data, other files for another seed', async () => {
    const run = async (name: string, seed: string) => {
      const result = await runCli(['train', '--base', base, '--data', NEW, '--out', join(dir, name), '--seed', seed, '--epochs', '2']);
      expect(result.code, result.stderr).toBe(0);
      return modelBytes(join(dir, name));
    };
    const [a, b, c] = [await run('same-a', '3'), await run('same-b', '3'), await run('other', '4')];
    expect(a[0]!.equals(b[0]!) && a[1]!.equals(b[1]!)).toBe(true);
    expect(a[1]!.equals(c[1]!)).toBe(false);
    // It did learn something: the weights moved from the base's.
    expect(a[1]!.equals(modelBytes(base)[1]!)).toBe(false);
  }, 180_000);

  it('trains the dense layers and keeps the base\'s n-gram table', async () => {
    const out = join(dir, 'layers');
    const result = await runCli(['train', '--base', base, '--data', NEW, '--out', out, '--epochs', '1']);
    expect(result.code, result.stderr).toBe(0);
    expect(card(out).training.frozen).toEqual(['ngram_bag']);
    const [before, after] = await Promise.all([loadModel(base), loadModel(out)]);
    const weights = async (m: typeof before, layer: string) => Promise.all(m.model.getLayer(layer).getWeights().map((t) => t.data()));
    expect(await weights(after, 'ngram_bag')).toEqual(await weights(before, 'ngram_bag'));
    expect(await weights(after, 'hidden')).not.toEqual(await weights(before, 'hidden'));
    before.model.dispose();
    after.model.dispose();
  }, 120_000);

  it('adds the new documents to the class LMs with --class-lm-weight, and refuses the flag without --base', async () => {
    const out = join(dir, 'learnt');
    const result = await runCli(['train', '--base', base, '--data', NEW, '--out', out, '--epochs', '1', '--class-lm-weight', '2']);
    expect(result.code, result.stderr).toBe(0);
    expect(card(out).lineage.classLm.learnt).toEqual({ documents: 96, weight: 2, folds: 5 });
    expect(card(out).classLm.human.documents).toBe(card(base).classLm.human.documents + 48);
    expect(readFileSync(join(out, 'class-lm.bin')).equals(readFileSync(join(base, 'class-lm.bin')))).toBe(false);
    const kept = join(dir, 'kept');
    expect((await runCli(['train', '--base', base, '--data', NEW, '--out', kept, '--epochs', '1', '--class-lm-weight', '0'])).code).toBe(0);
    expect(card(kept).lineage.classLm.learnt).toBeUndefined();
    expect(readFileSync(join(kept, 'class-lm.bin')).equals(readFileSync(join(base, 'class-lm.bin')))).toBe(true);
    const refused = await runCli(['train', '--data', NEW, '--out', join(dir, 'never-lm'), '--class-lm-weight', '2']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--class-lm-weight go with --base/);
  }, 180_000);

  it('refuses a base with another feature spec', async () => {
    const other = join(dir, 'other-spec');
    cpSync(base, other, { recursive: true });
    const c = card(other);
    c.featureSpec.version = 'sig-0';
    writeFileSync(join(other, 'card.json'), JSON.stringify(c));
    const result = await runCli(['train', '--base', other, '--data', NEW, '--out', join(dir, 'never')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/trained on other features/);
  });

  it('refuses when the base training data cannot be found, unless given with --replay or left out with --replay-ratio 0', async () => {
    const moved = join(dir, 'moved');
    cpSync(base, moved, { recursive: true });
    const c = card(moved);
    c.training.files[0].path = join(dir, 'gone', 'train.jsonl');
    writeFileSync(join(moved, 'card.json'), JSON.stringify(c));
    const refused = await runCli(['train', '--base', moved, '--data', NEW, '--out', join(dir, 'never')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${join(dir, 'gone', 'train.jsonl')} (missing, or not the file the model was trained on`);
    expect(refused.stderr).toContain('--replay');
    const given = await runCli(['train', '--base', moved, '--data', NEW, '--replay', TRAIN, '--replay-ratio', '0.5', '--out', join(dir, 'given'), '--epochs', '1']);
    expect(given.code, given.stderr).toBe(0);
    expect(card(join(dir, 'given')).lineage.replay).toMatchObject({ ratio: 0.5, documents: 48 });
    const none = await runCli(['train', '--base', moved, '--data', NEW, '--replay-ratio', '0', '--out', join(dir, 'none'), '--epochs', '1']);
    expect(none.code, none.stderr).toBe(0);
    expect(card(join(dir, 'none')).lineage.replay).toMatchObject({ ratio: 0, documents: 0, from: [] });
  }, 120_000);

  it('refuses --out in the base directory, and settings a fine-tune takes from its base', async () => {
    const same = await runCli(['train', '--base', base, '--data', NEW, '--out', base]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("is the base model's directory");
    const crops = await runCli(['train', '--base', base, '--data', NEW, '--out', join(dir, 'x'), '--length-crops', '0']);
    expect(crops.code).toBe(2);
    expect(crops.stderr).toContain('--length-crops cannot be set with --base');
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDetector, readLabeledFile, type EpochProgress, type TrainResult } from '../../src/classifier/index.js';
import { DEV_SMALL, removeDir, tempDir, TRAIN_SMALL, trainSmall } from './helpers.js';

describe('trainDetector', () => {
  const dirs: string[] = [];
  const runs: TrainResult[] = [];
  let texts: string[];

  beforeAll(async () => {
    for (const seed of [1, 1, 2]) {
      const dir = await tempDir(`train-seed${seed}`);
      dirs.push(dir);
      runs.push(await trainSmall(dir, { seed }));
    }
    texts = (await readLabeledFile(DEV_SMALL)).documents.map((d) => d.text);
  }, 180_000);
  afterAll(async () => {
    for (const dir of dirs) await removeDir(dir);
  });

  const files = (dir: string) => Promise.all(['model.json', 'weights.bin'].map((f) => readFile(join(dir, f))));

  it('gives byte-identical model files and identical scores for the same seed', async () => {
    const [a, b] = await Promise.all([files(dirs[0]!), files(dirs[1]!)]);
    expect(a[0]!.equals(b[0]!)).toBe(true);
    expect(a[1]!.equals(b[1]!)).toBe(true);
    expect(runs[0]!.card.modelHash).toBe(runs[1]!.card.modelHash);
    const [da, db] = await Promise.all([loadDetector(dirs[0]!, { backend: 'cpu' }), loadDetector(dirs[1]!, { backend: 'cpu' })]);
    expect(await da.scoreTexts(texts)).toEqual(await db.scoreTexts(texts));
    da.dispose();
    db.dispose();
  });

  it('gives different weights for a different seed', async () => {
    const [a, c] = await Promise.all([files(dirs[0]!), files(dirs[2]!)]);
    expect(a[1]!.equals(c[1]!)).toBe(false);
    expect(runs[0]!.card.modelHash).not.toBe(runs[2]!.card.modelHash);
  });

  it('records data, hashes, counts, metrics and thresholds in the card', async () => {
    const card = runs[0]!.card;
    expect(card.training.files.map((f) => f.role)).toEqual(['train', 'dev']);
    expect(card.training.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(card.training.train.human).toBe(100);
    expect(card.training.dev.synthetic).toBe(52);
    expect(card.training.classWeights).toEqual({ human: 1, synthetic: 1 });
    expect(card.metrics.dev.documents).toBe(104);
    expect(card.metrics.dev.auroc).toBeGreaterThan(0.5);
    expect(card.thresholds.low).toBeLessThanOrEqual(card.thresholds.high);
    expect(card.calibration.a).not.toBe(1);
  });

  it('judges and saves the averaged weights when weightAverageDecay is set, and records it', async () => {
    const dir = await tempDir('train-average');
    dirs.push(dir);
    const { card } = await trainSmall(dir, { weightAverageDecay: 0.9 });
    expect(card.training.weightAverageDecay).toBe(0.9);
    expect(runs[0]!.card.training.weightAverageDecay).toBeUndefined();
    const [plain, averaged] = await Promise.all([files(dirs[0]!), files(dir)]);
    expect(averaged[1]!.equals(plain[1]!)).toBe(false);
    expect(card.metrics.dev.auroc).toBeGreaterThan(0.5);
  }, 60_000);

  it.each(['auroc', 'loss'] as const)('keeps the epoch with the best dev %s and reports both figures per epoch', async (selectBy) => {
    const dir = await tempDir(`train-select-${selectBy}`);
    dirs.push(dir);
    const epochs: EpochProgress[] = [];
    // A high learning rate, so that dev loss (best at epoch 2) and dev AUROC (best at 5) disagree.
    const { card } = await trainSmall(dir, { selectBy, epochs: 6, learningRate: 0.03, patience: 0, onEpoch: (p) => epochs.push(p) });
    expect(epochs).toHaveLength(6);
    const firstBest = (criterion: (p: EpochProgress) => number) =>
      epochs.reduce((best, p) => (criterion(p) > criterion(best) ? p : best));
    const byAuroc = firstBest((p) => p.devAuroc);
    const byLoss = firstBest((p) => -p.devLoss);
    expect(byAuroc.epoch).not.toBe(byLoss.epoch);
    const kept = selectBy === 'auroc' ? byAuroc : byLoss;
    expect(card.training.bestEpoch).toBe(kept.epoch);
    expect(kept.best).toBe(true);
    expect(epochs.filter((p) => p.epoch > kept.epoch).every((p) => !p.best)).toBe(true);
    expect(card.training.selectBy).toBe(selectBy === 'auroc' ? 'auroc' : undefined);
    // Platt scaling is monotone, so the card's dev AUROC is the kept epoch's.
    expect(card.metrics.dev.auroc).toBeCloseTo(kept.devAuroc, 6);
  }, 60_000);

  it('pools several dev inputs into one dev set and records each in the card', async () => {
    const dir = await tempDir('train-two-devs');
    dirs.push(dir);
    const devDocs = (await readLabeledFile(DEV_SMALL)).documents;
    const even = (d: { id?: unknown }) => Number(String(d.id).replace(/\D/g, '')) % 2 === 0;
    const { card } = await trainSmall(dir, {
      epochs: 1,
      dev: [
        { path: DEV_SMALL, keep: even, selection: 'even ids' },
        { path: DEV_SMALL, keep: (d) => !even(d), selection: 'odd ids' },
      ],
    });
    expect(card.training.dev.human + card.training.dev.synthetic).toBe(devDocs.length);
    expect(card.metrics.dev.documents).toBe(devDocs.length);
    const devFiles = card.training.files.filter((f) => f.role === 'dev');
    expect(devFiles.map((f) => f.path)).toEqual([`${DEV_SMALL} (even ids)`, `${DEV_SMALL} (odd ids)`]);
    expect(devFiles.map((f) => f.documents)).toEqual([devDocs.filter(even).length, devDocs.filter((d) => !even(d)).length]);
    expect(devFiles.every((f) => f.documents > 0)).toBe(true);
    expect(card.calibration.fittedOn).toBe(`${DEV_SMALL} (even ids) + ${DEV_SMALL} (odd ids)`);
    expect(card.thresholds.rule).toMatch(/held on every one of the 2 dev inputs/);
  }, 60_000);

  it('balances the labels within each source of an input group with balance: source', async () => {
    const machineOnly = (group: string) => ({ path: TRAIN_SMALL, keep: (d: { label: string }) => d.label === 'synthetic', selection: 'synthetic', group });
    const train = (group: string) => [{ path: TRAIN_SMALL, group: 'a' }, machineOnly(group)];
    const sameDir = await tempDir('train-balance-same');
    const otherDir = await tempDir('train-balance-other');
    dirs.push(sameDir, otherDir);
    // Same group: per source 25 human and 50 machine texts, so a human text weighs 75 / 50 and a machine text 75 / 100.
    const same = (await trainSmall(sameDir, { epochs: 1, balance: 'source', data: train('a') })).card;
    expect(same.training.balance).toBe('source');
    expect(same.training.classWeights.human).toBeCloseTo(1.5, 6);
    expect(same.training.classWeights.synthetic).toBeCloseTo(0.75, 6);
    // Another group: group a is balanced on its own (weights 1); the machine-only group keeps the global label weight 300 / 400.
    const other = (await trainSmall(otherDir, { epochs: 1, balance: 'source', data: train('b') })).card;
    expect(other.training.classWeights.human).toBeCloseTo(1, 6);
    expect(other.training.classWeights.synthetic).toBeCloseTo((100 + 100 * 0.75) / 200, 6);
  }, 60_000);

  it('holds out part of the training data when no dev set is given', async () => {
    const dir = await tempDir('train-holdout');
    dirs.push(dir);
    const { card } = await trainSmall(dir, { dev: undefined, epochs: 1 });
    expect(card.training.dev.human + card.training.dev.synthetic).toBeGreaterThan(5);
    expect(card.training.dev.human + card.training.dev.synthetic + card.training.train.human + card.training.train.synthetic).toBe(200);
    expect(card.calibration.fittedOn).toMatch(/held out/);
  }, 60_000);

  it('never trains on documents marked split: holdout, and takes them as dev data when none is given', async () => {
    const dir = await tempDir('train-split');
    dirs.push(dir);
    const mark = async (path: string, split: string) => (await readFile(path, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.stringify({ ...JSON.parse(l), split }));
    const mixed = join(dir, 'mixed.jsonl');
    await writeFile(mixed, [...(await mark(TRAIN_SMALL, 'train')), ...(await mark(DEV_SMALL, 'holdout')), JSON.stringify({ text: 'not labeled yet', label: null })].join('\n') + '\n');
    const { card } = await trainSmall(join(dir, 'model'), { data: [mixed], dev: undefined, epochs: 1 });
    const count = async (path: string) => (await readLabeledFile(path)).documents.length;
    expect(card.training.train.human + card.training.train.synthetic).toBe(await count(TRAIN_SMALL));
    expect(card.training.dev.human + card.training.dev.synthetic).toBe(await count(DEV_SMALL));
    expect(card.calibration.fittedOn).toBe(`${mixed} (split: holdout)`);
  }, 60_000);
});

/**
 * Train the shipped default model into classifiers/default/ (npm run train:default), by the
 * recipe in src/training/recipe.ts (data) and src/classifier/default-settings.ts (settings):
 * detect-corpus/train, 70% of modern, modern2024/train and train-more for training; detect-corpus/dev, 10%
 * of modern and modern2024/dev for every choice; the modern hold-out, detect-corpus/test and
 * modern2024/test for the card's report only. The card carries DEFAULT_TRAINING.scope.
 * Deterministic: the same data and seed give byte-identical model.json and weights.bin
 * (card.json differs only in createdAt unless SOURCE_DATE_EPOCH is set).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TRAINING, trainDetector } from '../src/classifier/index.js';
import { defaultData } from '../src/training/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.env.CRAWLSIFT_DATA ?? join(repoRoot, '..', 'shared', 'data'));
const out = join(repoRoot, 'classifiers', 'default');
const data = defaultData(dataDir);

const { card } = await trainDetector({
  name: 'default',
  out,
  ...DEFAULT_TRAINING,
  data: data.train(),
  dev: data.dev(),
  report: data.report(),
  // SOURCE_DATE_EPOCH (reproducible-builds convention) makes card.json byte-reproducible too.
  ...(process.env.SOURCE_DATE_EPOCH ? { createdAt: new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000).toISOString() } : {}),
  // On a terminal the progress bar shows this already; in logs, one line per epoch.
  onEpoch: (p) => {
    if (process.stderr.isTTY) return;
    console.error(`epoch ${p.epoch}/${p.epochs} train loss ${p.trainLoss.toFixed(4)} dev loss ${p.devLoss.toFixed(4)} dev AUROC ${p.devAuroc.toFixed(3)}${p.best ? ' (best)' : ''}`);
  },
});

const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
for (const [set, m] of Object.entries(card.metrics)) {
  console.log(`${set}: AUROC ${fmt(m.auroc)}, TPR@1%FPR ${fmt(m.tprAt1PctFpr)}, Brier ${fmt(m.brier)}, ECE ${fmt(m.ece)} (${m.documents} docs)`);
}
console.log(`wrote ${out} (model ${card.modelHash.slice(0, 12)}, thresholds low ${card.thresholds.low.toFixed(3)} high ${card.thresholds.high.toFixed(3)})`);

/**
 * Does a dev set that holds modern text too pick better epochs, calibration and thresholds?
 * (The record of the experiment behind the recipe's dev; the recipe has used this dev since.)
 * The recipe's dev was detect-corpus/dev alone, so every choice was made on GPT-2-era and
 * davinci/GPT-3.5/GPT-4 continuations, never on the 2023 chat-model text that is half the
 * training data. Here dev = detect-corpus/dev + a 10% slice of modern (FNV-1a(id) % 100 in
 * [20, 30)), trained on modern's rest outside the 20% hold-out (>= 30). Slow (one training).
 *   [SEED=n] npx tsx bench/detector-lab/mixed-dev.ts [withoutSource]
 * With a source, that source is left out of train and dev and reported whole (as the
 * benchmark's leave-one-domain-out does).
 * LMR=1 adds the class-conditional LM features of `class-lm.ts` ("Class-conditional LMs" in
 * RESULTS.md); it needs the lab patch to train.ts, never committed:
 *   git apply bench/detector-lab/class-lm-hook.patch   (and git apply -R ... afterwards)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_TRAINING, trainDetector, type LabeledDocument } from '../../src/classifier/index.js';
import { stableHash } from '../../src/classifier/prng.js';
import { extraHeldOut } from '../../src/training/index.js';
import { ratioHook } from './class-lm.js';

const D = new URL('../../../shared/data/', import.meta.url).pathname;
const without = process.argv[2];
const seed = Number(process.env.SEED ?? DEFAULT_TRAINING.seed);
const name = `${process.env.LMR ? 'lmr-' : ''}mixed-dev${without ? `-without-${without}` : ''}${seed === DEFAULT_TRAINING.seed ? '' : `-seed${seed}`}`;
const tmp = new URL('./tmp/', import.meta.url).pathname;
mkdirSync(tmp, { recursive: true });

const bucket = (d: LabeledDocument) => stableHash(String(d.id ?? d.text)) % 100;
const keepSource = (d: LabeledDocument) => without === undefined || d.source !== without;
const read = (p: string): LabeledDocument[] => readFileSync(D + p, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const devDocs = [
  ...read('detect-corpus/dev.jsonl').filter(keepSource),
  ...read('modern/corpus.jsonl').filter((d) => bucket(d) >= 20 && bucket(d) < 30 && keepSource(d)),
];
const devPath = `${tmp}${name}.dev.jsonl`;
writeFileSync(devPath, devDocs.map((d) => JSON.stringify(d)).join('\n') + '\n');

if (process.env.LMR) {
  const trainDocs = [...read('detect-corpus/train.jsonl').filter(keepSource), ...read('modern/corpus.jsonl').filter((d) => bucket(d) >= 30 && keepSource(d))];
  (globalThis as { __labExtraDense?: unknown }).__labExtraDense = ratioHook(trainDocs);
}
const t0 = Date.now();
const { card } = await trainDetector({
  out: `${tmp}${name}`, ...DEFAULT_TRAINING, seed, progressBar: false,
  data: [
    { path: D + 'detect-corpus/train.jsonl', keep: keepSource },
    { path: D + 'modern/corpus.jsonl', keep: (d) => bucket(d) >= 30 && keepSource(d) },
  ],
  dev: devPath,
  report: {
    detectDev: { path: D + 'detect-corpus/dev.jsonl', keep: keepSource },
    modernDev: { path: D + 'modern/corpus.jsonl', keep: (d) => bucket(d) >= 20 && bucket(d) < 30 && keepSource(d) },
    mh: { path: D + 'modern/corpus.jsonl', keep: (d) => bucket(d) < 20 },
    sx: { path: D + 'extra/corpus.jsonl', keep: extraHeldOut },
    ...(without
      ? {
          heldOut: without.startsWith('detectrl')
            ? { path: D + 'modern/corpus.jsonl', keep: (d: LabeledDocument) => d.source === without }
            : { path: D + 'detect-corpus/dev.jsonl', keep: (d: LabeledDocument) => d.source === without },
        }
      : {}),
  },
  onEpoch: (p) => console.error(name, p.epoch, p.trainLoss.toFixed(4), p.devLoss.toFixed(4), p.devAuroc.toFixed(3), p.best ? '*' : '', `${((Date.now() - t0) / 1000).toFixed(0)}s`),
});
const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
console.log(name, 'best epoch', card.training.bestEpoch, 'thresholds', f(card.thresholds.low), f(card.thresholds.high));
for (const [k, m] of Object.entries(card.metrics)) console.log(name, k, 'AUROC', f(m.auroc), 'TPR@1%', f(m.tprAt1PctFpr), 'ECE', f(m.ece));

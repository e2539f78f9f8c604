import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const TRAIN = 'fixtures/labeled/train-small.jsonl';
const DEV = 'fixtures/labeled/dev-small.jsonl';
const EVAL = 'fixtures/labeled/report-small.jsonl';
// 2024 generators, machine-revised text (polish, rewrite, expand) and web domains (L2R).
const M24_TRAIN = 'fixtures/labeled/modern2024-train-small.jsonl';
const M24_DEV = 'fixtures/labeled/modern2024-dev-small.jsonl';
const readJsonl = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

interface Group {
  n: number;
  nHuman: number;
  nSynthetic: number;
  auroc: number | null;
  tprAtFpr: Record<string, number | null>;
  fprAtTpr: Record<string, number | null>;
  brier: number;
  ece: number;
  confusion: { human: Record<string, number>; synthetic: Record<string, number> };
}

const rowSum = (r: Record<string, number>) => r.human! + r.uncertain! + r.synthetic!;

/** Shape and internal consistency of one eval group: counts add up, rates lie in 0..1. */
function expectConsistentGroup(g: Group): void {
  expect(g.n).toBe(g.nHuman + g.nSynthetic);
  expect(rowSum(g.confusion.human)).toBe(g.nHuman);
  expect(rowSum(g.confusion.synthetic)).toBe(g.nSynthetic);
  for (const x of [g.auroc, g.tprAtFpr['0.01'], g.tprAtFpr['0.05'], g.fprAtTpr['0.9'], g.brier, g.ece]) {
    if (x !== null) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }
  }
  expect(Object.keys(g.tprAtFpr).sort()).toEqual(['0.01', '0.05']);
  expect(Object.keys(g.fprAtTpr)).toEqual(['0.9']);
}

// Each step spawns the CLI, which loads tfjs and the model: generous limits for a loaded machine.
describe('crawlsift train -> eval -> filter (end to end, tiny model)', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'crawlsift-detector-e2e-'));
  const modelDir = join(dir, 'tiny');
  let trainOut: string;
  let card: any;

  beforeAll(async () => {
    const trained = await runCli(['train', '--data', TRAIN, '--data', M24_TRAIN, '--dev', DEV, '--dev', M24_DEV, '--out', modelDir, '--epochs', '2', '--seed', '3', '--name', 'tiny-e2e']);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    trainOut = trained.stdout;
    card = JSON.parse(readFileSync(join(modelDir, 'card.json'), 'utf8'));
  }, 180_000);

  it('train writes the model and its card, and prints the card summary', () => {
    expect(card.name).toBe('tiny-e2e');
    expect(card.training.seed).toBe(3);
    expect(card.training.epochs).toBe(2);
    expect(card.training.train).toMatchObject({ human: 120, synthetic: 120 });
    expect(card.training.train.byGenerator).toMatchObject({ 'gpt-4o': 2, 'gemini-1.5-pro': 4, 'claude-3-opus-20240229': 1 });
    expect(Object.keys(card.training.train.bySource).filter((s) => s.startsWith('l2r-')).length).toBeGreaterThan(5);
    expect(card.training.dev).toMatchObject({ human: 68, synthetic: 68 });
    // Labels balanced per source within each --data file, as the default model's are.
    expect(card.training.balance).toBe('source');
    // crawlsift train writes no scope (only the default model's was measured): filter falls back to its own.
    expect(card.scope).toBeUndefined();
    // The default model's settings unless told otherwise: width-1 table, two length crops each.
    expect(card.architecture.embeddingDim).toBe(1);
    expect(card.training.lengthCrops).toMatchObject({ copies: 2, minWords: 80, maxWords: 320, position: 'random' });
    expect(card.training.selectBy).toBe('auroc'); // the default model's rule, unless --select-by loss
    // Class LMs as the default model's: 5 folds by source document, their file beside the weights.
    expect(card.classLm).toMatchObject({ file: 'class-lm.bin', folds: 5, machine: { documents: 120 }, human: { documents: 120 } });
    expect(existsSync(join(modelDir, 'class-lm.bin'))).toBe(true);
    expect(card.training.lengthCrops!.examples).toBeGreaterThan(200);
    expect(trainOut).toContain(`model tiny-e2e written to ${modelDir} (${card.modelHash.slice(0, 12)}`);
    expect(trainOut).toMatch(/^dev: AUROC \d\.\d{3}, synthetic caught at 1% FPR [\d.]+%/m);
    expect(trainOut).toContain(`human if score < ${card.thresholds.low.toFixed(4)}`);
    expect(trainOut).toContain(`weights of epoch ${card.training.bestEpoch} kept (highest dev AUROC)`);
    // Piped and CI: no progress bar redraws.
    expect(trainOut).not.toContain('\r');
  });

  it('eval --json reports the issue shape, consistent with its own confusion counts', async () => {
    const result = await runCli(['eval', '--model', modelDir, EVAL, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const r = JSON.parse(result.stdout);
    for (const key of ['n', 'auroc', 'tprAtFpr', 'fprAtTpr', 'brier', 'ece', 'confusion', 'bySource', 'byGenerator']) expect(r).toHaveProperty(key);
    expect(r.model).toEqual({ name: 'tiny-e2e', hash: card.modelHash, thresholds: { low: card.thresholds.low, high: card.thresholds.high } });
    const lines = readFileSync(EVAL, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(r.n).toBe(lines.length);
    expect(r.nSynthetic).toBe(lines.filter((d) => d.label === 'synthetic').length);
    expectConsistentGroup(r);

    const sources = Object.values(r.bySource) as Group[];
    expect(Object.keys(r.bySource).sort()).toEqual([...new Set(lines.map((d) => d.source))].sort());
    expect(sources.reduce((s, g) => s + g.n, 0)).toBe(r.n);
    sources.forEach(expectConsistentGroup);
    for (const key of ['human', 'synthetic'] as const) {
      for (const route of ['human', 'uncertain', 'synthetic']) {
        expect(sources.reduce((s, g) => s + g.confusion[key][route]!, 0)).toBe(r.confusion[key][route]);
      }
    }

    // Per generator: that generator's synthetic documents against every human document.
    const generators = Object.values(r.byGenerator) as Group[];
    expect(generators.reduce((s, g) => s + g.nSynthetic, 0)).toBe(r.nSynthetic);
    for (const g of generators) {
      expect(g.nHuman).toBe(r.nHuman);
      expectConsistentGroup(g);
    }
  });

  it('eval reports the modern2024 generators and tasks it was given', async () => {
    const result = await runCli(['eval', '--model', modelDir, M24_DEV, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const r = JSON.parse(result.stdout);
    const docs = readJsonl(M24_DEV);
    expect(r.n).toBe(docs.length);
    expectConsistentGroup(r);
    expect(Object.keys(r.byGenerator).sort()).toEqual([...new Set(docs.filter((d) => d.label === 'synthetic').map((d) => d.generator))].sort());
    expect(Object.keys(r.bySource).sort()).toEqual([...new Set(docs.map((d) => d.source))].sort());
    (Object.values(r.byGenerator) as Group[]).forEach(expectConsistentGroup);
  });

  it('filter routes modern2024 documents with the trained model and accounts for every one', async () => {
    const out = join(dir, 'out-m24');
    const result = await runCli(['filter', M24_DEV, '--model', modelDir, '--out', out, '--threads', '1']);
    expect(result.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.model.hash).toBe(card.modelHash);
    const { read, human, synthetic, uncertain, unscored, rejected } = manifest.counts;
    expect(read).toBe(readJsonl(M24_DEV).length);
    expect(rejected).toBe(0);
    // English and 26+ words each: all in the scope guard's fallback scope (en, 24 words), all scored.
    expect(unscored).toBe(0);
    expect(human + synthetic + uncertain).toBe(read);
    // Every modern2024 document lands in a scored shard under its own id.
    const routed = ['human', 'synthetic', 'uncertain'].filter((shard) => existsSync(join(out, shard))).flatMap((shard) =>
      readdirSync(join(out, shard)).flatMap((f) => gunzipSync(readFileSync(join(out, shard, f))).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).id)),
    );
    expect(routed.sort()).toEqual(readJsonl(M24_DEV).map((d) => d.id).sort());
  });

  it('filter --model uses the trained model and names it in the manifest', async () => {
    const out = join(dir, 'out');
    const result = await runCli(['filter', EVAL, '--model', modelDir, '--out', out, '--threads', '1']);
    expect(result.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.model.name).toBe('tiny-e2e');
    expect(manifest.model.hash).toBe(card.modelHash);
    expect(manifest.thresholds).toMatchObject({ low: card.thresholds.low, high: card.thresholds.high });
  });
});

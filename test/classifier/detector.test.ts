import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFeatures, extractFeaturesAndReading } from '../../src/features/index.js';
import {
  applyPlatt,
  ClassifierError,
  loadDetector,
  loadModel,
  readLabeledFile,
  readVerifiedModel,
  type ModelCard,
} from '../../src/classifier/index.js';
import { packBatch } from '../../src/classifier/batch-inputs.js';
import { tf } from '../../src/classifier/tf.js';
import { copyDir, DEV_SMALL, removeDir, tempDir, trainSmall } from './helpers.js';

describe('Detector', () => {
  let dir: string;
  let card: ModelCard;
  let texts: string[];
  let labels: boolean[];
  const extraDirs: string[] = [];

  beforeAll(async () => {
    dir = await tempDir('detector');
    ({ card } = await trainSmall(dir));
    const docs = (await readLabeledFile(DEV_SMALL)).documents;
    texts = docs.map((d) => d.text);
    labels = docs.map((d) => d.label === 'synthetic');
  }, 120_000);
  afterAll(async () => {
    for (const d of [dir, ...extraDirs]) await removeDir(d);
  });

  it('loads what training saved: same hash, and the card metrics reproduce from loaded scores', async () => {
    const detector = await loadDetector(dir, { backend: 'cpu' });
    expect(detector.hash).toBe(card.modelHash);
    expect(detector.thresholds).toEqual({ low: card.thresholds.low, high: card.thresholds.high });
    const scores = await detector.scoreTexts(texts);
    const brier = scores.reduce((s, p, i) => s + (p - (labels[i] ? 1 : 0)) ** 2, 0) / scores.length;
    expect(brier).toBeCloseTo(card.metrics.dev.brier, 6);
    detector.dispose();
    detector.dispose(); // safe twice
  });

  it('returns probabilities in [0, 1], in input order, independent of batching', async () => {
    const detector = await loadDetector(dir, { backend: 'cpu', batchSize: 7 });
    const scores = await detector.scoreTexts(texts);
    expect(scores).toHaveLength(texts.length);
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
    expect(new Set(scores).size).toBeGreaterThan(texts.length / 2);
    const reversed = await detector.scoreTexts([...texts].reverse());
    expect(Array.from(reversed).reverse()).toEqual(Array.from(scores));
    const one = await detector.scoreTexts([texts[5]!]);
    expect(one[0]).toBeCloseTo(scores[5]!, 6);
    const viaFeatures = await detector.scoreFeatures(texts.slice(0, 10).map((t) => extractFeatures(t)));
    expect(Array.from(viaFeatures)).toEqual(Array.from(scores.slice(0, 10)));
    expect(await detector.scoreTexts([])).toHaveLength(0);
    detector.dispose();
  });

  it('scores exactly what the saved full network predicts (bag pooled outside the graph)', async () => {
    const detector = await loadDetector(dir, { backend: 'cpu', batchSize: 16 });
    const vectors = texts.map((t) => extractFeatures(t));
    const scores = await detector.scoreFeatures(vectors);
    const { model } = await loadModel(dir);
    const { denseSize, maxSparse } = card.architecture;
    const batch = packBatch(vectors, denseSize, maxSparse);
    const logits = tf.tidy(() =>
      (model.predictOnBatch([
        tf.tensor2d(batch.dense, [batch.size, denseSize]),
        tf.tensor2d(batch.sparse, [batch.size, maxSparse], 'int32'),
      ]) as tf.Tensor).dataSync(),
    );
    model.dispose();
    expect(Array.from(scores)).toEqual(Array.from(Float32Array.from(logits, (z) => applyPlatt(z, card.calibration))));
    detector.dispose();
  });

  it('scores texts (features extracted into reused arrays, pooled at once) exactly as their features extracted one array each', async () => {
    const detector = await loadDetector(dir, { backend: 'cpu', batchSize: 16 });
    const fromVectors = await detector.scoreFeatures(texts.map((t) => extractFeatures(t)));
    expect(Array.from(await detector.scoreTexts(texts))).toEqual(Array.from(fromVectors));
    const read = texts.map((_, i) => i % 3 === 0);
    const { scores, readings } = await detector.scoreAndRead(texts, read);
    expect(Array.from(scores)).toEqual(Array.from(fromVectors));
    expect(readings.map((r) => r !== undefined)).toEqual(read);
    expect(readings.filter((r) => r !== undefined)).toEqual(texts.flatMap((t, i) => (read[i] ? [extractFeaturesAndReading(t).reading] : [])));
    detector.dispose();
  });

  it('gives the same scores under the cpu and wasm backends (within 1e-5)', async () => {
    const cpu = await loadDetector(dir, { backend: 'cpu' });
    const cpuScores = await cpu.scoreTexts(texts);
    const wasm = await loadDetector(dir, { backend: 'wasm' });
    expect(wasm.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const wasmScores = await wasm.scoreTexts(texts);
    for (let i = 0; i < texts.length; i++) expect(Math.abs(wasmScores[i]! - cpuScores[i]!)).toBeLessThan(1e-5);
    cpu.dispose();
    wasm.dispose();
  });

  it('calibrates on dev: Platt scores fit dev better than the raw sigmoid', async () => {
    const logits = await (async () => {
      const detector = await loadDetector(dir, { backend: 'cpu' });
      // Undo the calibration to get the raw logits: logit = (ln(p/(1-p)) - b) / a.
      const p = await detector.scoreTexts(texts);
      detector.dispose();
      return Array.from(p, (q) => (Math.log(q / (1 - q)) - card.calibration.b) / card.calibration.a);
    })();
    const logLoss = (probs: number[]) =>
      -probs.reduce((s, q, i) => s + Math.log(labels[i] ? q : 1 - q), 0) / probs.length;
    const raw = logLoss(logits.map((z) => applyPlatt(z, { a: 1, b: 0 })));
    const calibrated = logLoss(logits.map((z) => applyPlatt(z, card.calibration)));
    expect(calibrated).toBeLessThan(raw);
    const meanScore = logits.reduce((s, z) => s + applyPlatt(z, card.calibration), 0) / logits.length;
    const devRate = labels.filter(Boolean).length / labels.length;
    expect(Math.abs(meanScore - devRate)).toBeLessThan(0.02);
  });

  it('refuses a card that is not JSON with card-invalid', async () => {
    const bad = await copyDir(dir, 'bad-json');
    extraDirs.push(bad);
    await writeFile(join(bad, 'card.json'), '{ "name": "default", ');
    await expect(loadDetector(bad)).rejects.toMatchObject({ code: 'card-invalid' });
    await expect(readVerifiedModel(bad)).rejects.toBeInstanceOf(ClassifierError);
  });

  it('refuses a card off the schema with card-invalid naming the field', async () => {
    const bad = await copyDir(dir, 'bad-schema');
    extraDirs.push(bad);
    const json = JSON.parse(await readFile(join(bad, 'card.json'), 'utf8'));
    json.thresholds.low = 'low';
    await writeFile(join(bad, 'card.json'), JSON.stringify(json));
    await expect(loadDetector(bad)).rejects.toThrow(/thresholds\.low/);
  });

  it('refuses a model trained on another feature spec version with feature-spec-mismatch', async () => {
    const bad = await copyDir(dir, 'bad-spec');
    extraDirs.push(bad);
    const json = JSON.parse(await readFile(join(bad, 'card.json'), 'utf8'));
    json.featureSpec.version = 'placeholder-0';
    await writeFile(join(bad, 'card.json'), JSON.stringify(json));
    const error = await loadDetector(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClassifierError);
    expect((error as ClassifierError).code).toBe('feature-spec-mismatch');
    expect((error as Error).message).toContain('placeholder-0');
  });

  it('refuses model files that do not match the card hash with model-files-invalid', async () => {
    const bad = await copyDir(dir, 'bad-weights');
    extraDirs.push(bad);
    const weights = await readFile(join(bad, 'weights.bin'));
    weights.writeUInt8(weights.readUInt8(weights.length - 1) ^ 0xff, weights.length - 1);
    await writeFile(join(bad, 'weights.bin'), weights);
    await expect(loadDetector(bad)).rejects.toMatchObject({ code: 'model-files-invalid' });
    await expect(readVerifiedModel(bad)).rejects.toMatchObject({ code: 'model-files-invalid' });
    const ref = await readVerifiedModel(dir);
    expect(ref.hash).toBe(card.modelHash);
  });
});

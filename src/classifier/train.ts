import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CrawlsiftError } from '../errors.js';
import { auroc, brierScore, expectedCalibrationError, tprAtFpr } from '../evaluation/index.js';
import { CLASS_LM_FEATURES, encodeClassLm, extractFeatures, FEATURE_SPEC, type ClassLmTables, type FeatureVector } from '../features/index.js';
import { selectBackend } from './backend.js';
import { packBatch } from './batch-inputs.js';
import { buildDetectorModel, resolveArchitecture, weightBytes, type ModelShapeOptions } from './build-model.js';
import { applyPlatt, fitPlatt } from './calibration.js';
import { writeCard, type CardMetrics, type Lineage, type ModelCard } from './card.js';
import { planClassLm, type ClassLmTraining, type TrainingLm } from './class-lm-training.js';
import { ClassifierError } from './errors.js';
import { exampleWeights, type LabelBalance } from './example-weights.js';
import { countLabels, readLabeledFile, servesUse, type LabeledDocument, type LabeledUse } from './labeled-data.js';
import { lengthCrops } from './length-crops.js';
import { saveModel } from './model-io.js';
import { mulberry32, shuffleInPlace, stableHash } from './prng.js';
import { tf } from './tf.js';
import { WeightAverage } from './weight-average.js';
import { chooseThresholdsForEveryPart, DEFAULT_THRESHOLD_RULE, describeThresholdRule, type DefaultThresholdRule } from './thresholds.js';
import { createStepProgress, type EpochProgress } from './training-progress.js';

/** A labeled JSONL file, optionally narrowed to part of its documents. */
export interface LabeledInput {
  path: string;
  /** Keep only documents for which this returns true (e.g. a deterministic split). */
  keep?: (doc: LabeledDocument) => boolean;
  /** Describes `keep` in the card, e.g. "id hash: 80% train part". */
  selection?: string;
  /**
   * With `balance: 'source'`, the inputs of one group are one corpus: their labels are balanced per
   * source across them (a machine-only file beside the file that holds its human texts), and apart
   * from other groups' sources of the same name. @defaultValue the path
   */
  group?: string;
}

/** A labeled input given as a file, part of a file, or documents already read (see {@link loadLabeledInput}). */
export type TrainingInput = string | LabeledInput | LoadedInput;

export interface TrainDetectorOptions extends Partial<Omit<ModelShapeOptions, 'denseSize' | 'buckets'>> {
  /** Labeled JSONL training files (their `split: holdout` documents are never trained on). */
  data: TrainingInput[];
  /**
   * Labeled JSONL for early stopping, calibration, thresholds and dev metrics; several inputs are
   * pooled into one dev set (their `split: train` documents left out). Without it, the `data`
   * documents marked `split: holdout` are the dev set, and without those a deterministic 10% of
   * `data` is held out.
   */
  dev?: TrainingInput | TrainingInput[];
  /** Output directory for model.json, weights.bin, card.json. */
  out: string;
  /** Model name in the card. @defaultValue the last segment of `out` */
  name?: string;
  /** Seeds initialisers and shuffling. @defaultValue 1 */
  seed?: number;
  /** Maximum passes over the training data. @defaultValue 12 */
  epochs?: number;
  /** Stop after this many epochs without a lower dev loss; 0 disables. @defaultValue 2 */
  patience?: number;
  /** Documents per gradient step. @defaultValue 64 */
  batchSize?: number;
  /** Adam learning rate (0.003 beat 0.01 on detect-corpus dev loss and AUROC). @defaultValue 0.003 */
  learningRate?: number;
  /** Fraction (0..1) of `data` held out when `dev` is absent. @defaultValue 0.1 */
  holdOutFraction?: number;
  /** Rule for the default thresholds written to the card. @defaultValue DEFAULT_THRESHOLD_RULE */
  thresholdRule?: DefaultThresholdRule;
  /** Extra labeled sets scored after training, report only (never used for any choice). */
  report?: Record<string, string | LabeledInput>;
  /** Card timestamp (ISO 8601), for reproducible cards. @defaultValue now */
  createdAt?: string;
  /** Called after every epoch. */
  onEpoch?: (progress: EpochProgress) => void;
  /** Draw a progress bar on stderr. @defaultValue process.stderr.isTTY */
  progressBar?: boolean;
  /**
   * L2 penalty on the n-gram embedding table, added to the mean loss as `l2 * sum(w^2)`.
   * The table has far more weights than there are training documents and memorises them
   * (training loss falls towards 0 while dev loss rises), so it is shrunk towards zero.
   * @defaultValue 0
   */
  l2?: number;
  /**
   * Add cropped copies of each training document (never dev or report data): see
   * {@link lengthCrops}. `maxWords` defaults to the feature window. @defaultValue no crops
   */
  lengthCrops?: { copies: number; minWords: number; maxWords?: number; position?: 'start' | 'random' } | undefined;
  /**
   * Keep an exponential moving average of the weights over steps with this decay (see
   * {@link WeightAverage}); dev loss, early stopping and the saved model then use the
   * averaged weights. 0 disables. @defaultValue 0
   */
  weightAverageDecay?: number;
  /**
   * What picks the epoch whose weights are kept (and what `patience` waits on): the lowest dev
   * log loss, the highest dev AUROC (ties keep the earlier epoch), or the last epoch (a fixed
   * schedule: dev data then only calibrates and sets thresholds). @defaultValue 'loss'
   */
  selectBy?: 'loss' | 'auroc' | 'last';
  /**
   * Start from this model's weights (and its input standardisation) instead of new ones: a
   * fine-tune (see fineTuneDetector, which loads it and checks its card). Its architecture must be
   * the one the other options give; it is disposed with the rest.
   */
  base?: tf.LayersModel;
  /** Where a fine-tuned model comes from, written to its card (see fineTuneDetector). */
  lineage?: Lineage;
  /**
   * Train the dense layers only: the n-gram table keeps the weights it starts with (a fine-tune's
   * base's). @defaultValue false
   */
  freezeNgrams?: boolean;
  /**
   * How the loss is balanced between the labels: each label half of the whole loss (`label`), or
   * half of each source's share of it (`source`: a source of an input group, see
   * {@link LabeledInput.group} and {@link exampleWeights}). @defaultValue 'label'
   */
  balance?: LabelBalance;
  /**
   * What the model can judge, written to the card for the scope guard: languages (ISO 639-1) and
   * the fewest words a document needs. @defaultValue none (the card says nothing)
   */
  scope?: { languages: readonly string[]; minWords: number };
  /**
   * Give the model class-conditional LMs (see {@link ClassLmTraining}), saved as `class-lm.bin`
   * beside its weights, their features after the signature. @defaultValue none
   */
  classLm?: ClassLmTraining;
  /** Largest weights.bin allowed, in bytes. @defaultValue 20 MiB */
  maxModelBytes?: number;
}

const TRAIN_DEFAULTS = {
  seed: 1,
  epochs: 12,
  patience: 2,
  batchSize: 64,
  learningRate: 0.003,
  l2: 0,
  weightAverageDecay: 0,
  selectBy: 'loss' as 'loss' | 'auroc' | 'last',
  balance: 'label' as LabelBalance,
  holdOutFraction: 0.1,
  maxModelBytes: 20 * 1024 * 1024,
};

export interface TrainResult {
  card: ModelCard;
  dir: string;
}

interface Example {
  vector: FeatureVector;
  synthetic: boolean;
  /** Input group and source, what `balance: 'source'` balances the labels within. */
  source: string;
}

/** A training document with the input group it was read from. */
type GroupedDocument = LabeledDocument & { group: string };

export interface LoadedInput {
  path: string;
  sha256: string;
  selection?: string;
  documents: LabeledDocument[];
  /** Documents of the file marked for the other use than the one it was read for (see {@link LabeledUse}). */
  otherUse?: LabeledDocument[];
}

/**
 * Train a detector on labeled JSONL and write `model.json`, `weights.bin` and `card.json`
 * to `out`. Deterministic: runs on the single-threaded cpu backend with seeded initialisers
 * and a seeded shuffle, so the same data, options and seed give byte-identical model files.
 * Class-weighted loss (each label contributes half), early stopping on dev loss (the best
 * epoch's weights are kept), Platt calibration and default thresholds fitted on dev.
 */
export async function trainDetector(options: TrainDetectorOptions): Promise<TrainResult> {
  const o = { ...TRAIN_DEFAULTS, ...definedOnly(options), out: options.out };
  const denseSize = FEATURE_SPEC.signature.length + (options.classLm ? CLASS_LM_FEATURES.length : 0);
  const arch = resolveArchitecture({ ...options, denseSize, buckets: FEATURE_SPEC.buckets });
  if (weightBytes(arch) > o.maxModelBytes) {
    throw new ClassifierError(
      'training-invalid',
      `the model would need ${(weightBytes(arch) / 2 ** 20).toFixed(1)} MiB of weights, over the ${(o.maxModelBytes / 2 ** 20).toFixed(1)} MiB limit: lower embeddingDim`,
    );
  }
  await checkOutputDir(o.out);
  await selectBackend('cpu');

  const trainInputs = await Promise.all(options.data.map((i) => loadLabeledInputFor(i, 'train')));
  let trainDocs: GroupedDocument[] = trainInputs.flatMap((f, i) => {
    const input = options.data[i]!;
    const group = (typeof input === 'object' && 'group' in input ? input.group : undefined) ?? f.path;
    return f.documents.map((d) => ({ ...d, group }));
  });
  let devDocs: LabeledDocument[];
  let devSource: string;
  const devInputs = options.dev === undefined ? heldOutParts(trainInputs) : await Promise.all([options.dev].flat().map((i) => loadLabeledInputFor(i, 'measure')));
  if (devInputs.length > 0) {
    devDocs = devInputs.flatMap((f) => f.documents);
    devSource = devInputs.map(describeInput).join(' + ');
  } else {
    const cut = Math.round(o.holdOutFraction * 1000);
    const isDev = (d: LabeledDocument) => stableHash(String(d.id ?? d.text)) % 1000 < cut;
    devDocs = trainDocs.filter(isDev).map(({ group: _, ...d }) => d);
    trainDocs = trainDocs.filter((d) => !isDev(d));
    devSource = `held out from the training files: ${o.holdOutFraction * 100}% by FNV-1a hash of id (or text)`;
  }
  const trainCounts = countLabels(trainDocs);
  const devCounts = countLabels(devDocs);
  // Without dev data, the dev set is a slice of the training files the user never chose: say so.
  const heldOut = devInputs.length === 0;
  const total = trainDocs.length + devDocs.length;
  const pct = `${o.holdOutFraction * 100}%`;
  if (trainCounts.human === 0 || trainCounts.synthetic === 0) {
    throw new ClassifierError(
      'training-invalid',
      `training data needs both labels; got ${trainCounts.human} human and ${trainCounts.synthetic} synthetic` +
        (heldOut ? ` after holding out ${devDocs.length} of its ${total} documents as dev data (${pct} by id hash, as no dev data was given)` : ''),
    );
  }
  if (devCounts.human === 0 || devCounts.synthetic === 0) {
    throw new ClassifierError(
      'training-invalid',
      `dev data needs both labels; got ${devCounts.human} human and ${devCounts.synthetic} synthetic` +
        (heldOut
          ? ` in the dev data held out of the training data (${pct} of its ${total} documents, by id hash, as no dev data was given): ` +
            'give dev data (--dev <labeled.jsonl>) or more training data'
          : ''),
    );
  }

  const crops = options.lengthCrops && options.lengthCrops.copies > 0
    ? { ...options.lengthCrops, maxWords: options.lengthCrops.maxWords ?? FEATURE_SPEC.windowWords }
    : undefined;
  const classLm = options.classLm ? planClassLm(options.classLm, trainDocs) : undefined;
  // Each training document (and its crops) carries the LM its features come from.
  const withLm = trainDocs.map((d, i) => ({ ...d, lm: classLm?.trainingLm(i) }));
  const train = toExamples(crops ? lengthCrops(withLm, crops, o.seed) : withLm);
  const dev = toExamples(devDocs, classLm?.all);
  const devLabels = dev.map((e) => e.synthetic);
  // A fine-tune keeps its base's standardisation: the weights after it were learnt on that scale.
  const { mean, std } = options.base ? { mean: [], std: [] } : denseStats(train, arch.denseSize);
  // From the examples (documents plus any crops), so that each label weighs half the loss.
  const { weights: exampleWeight, classWeights } = exampleWeights(train, o.balance);

  const model = options.base ?? buildDetectorModel({ ...arch, denseMean: mean, denseStd: std, seed: o.seed });
  const table = model.getLayer('ngram_bag').trainableWeights[0]!.read() as tf.Variable;
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable).filter((v) => !(options.freezeNgrams && v === table));
  const optimizer = tf.train.adam(o.learningRate);
  const average = o.weightAverageDecay > 0 ? new WeightAverage(variables, o.weightAverageDecay) : undefined;
  const random = mulberry32(o.seed);
  const order = train.map((_, i) => i);
  const steps = Math.ceil(train.length / o.batchSize);
  const progress = createStepProgress(steps * o.epochs, o.epochs, o.progressBar ?? Boolean(process.stderr.isTTY));

  let best: { score: number; epoch: number; weights: tf.Tensor[] } | undefined;
  let epochsRun = 0;
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      shuffleInPlace(order, random);
      let lossSum = 0;
      for (let s = 0; s < steps; s++) {
        const idx = order.slice(s * o.batchSize, (s + 1) * o.batchSize);
        const batch = packBatch(idx.map((i) => train[i]!.vector), arch.denseSize, arch.maxSparse);
        const y = Float32Array.from(idx, (i) => (train[i]!.synthetic ? 1 : 0));
        const w = Float32Array.from(idx, (i) => exampleWeight[i]!);
        const cost = tf.tidy(() => {
          const dense = tf.tensor2d(batch.dense, [batch.size, arch.denseSize]);
          const sparse = tf.tensor2d(batch.sparse, [batch.size, arch.maxSparse], 'int32');
          const labels = tf.tensor2d(y, [batch.size, 1]);
          const weights = tf.tensor2d(w, [batch.size, 1]);
          return optimizer.minimize(
            () => {
              const logits = model.apply([dense, sparse], { training: true }) as tf.Tensor;
              const ce = tf.losses.sigmoidCrossEntropy(labels, logits, weights, 0, tf.Reduction.SUM_BY_NONZERO_WEIGHTS) as tf.Scalar;
              return o.l2 > 0 ? tf.add(ce, tf.mul(o.l2, tf.sum(tf.square(table)))) as tf.Scalar : ce;
            },
            true,
            variables,
          ) ?? tf.scalar(NaN);
        });
        average?.update();
        const loss = (await cost.data())[0]!;
        cost.dispose();
        lossSum += loss * batch.size;
        progress.step(epoch, loss);
      }
      epochsRun = epoch;
      let devLoss = Infinity;
      let devAuroc = NaN;
      const judge = async (): Promise<boolean> => {
        const logits = await predictLogits(model, dev, arch.denseSize, arch.maxSparse);
        devLoss = logLoss(logits, dev);
        devAuroc = auroc(Array.from(logits), devLabels) ?? NaN;
        // Higher is better for each: minus the loss, the AUROC, or the epoch itself (the last).
        const score = o.selectBy === 'auroc' ? devAuroc : o.selectBy === 'last' ? epoch : -devLoss;
        if (best && score <= best.score) return false;
        best?.weights.forEach((t) => t.dispose());
        best = { score, epoch, weights: model.getWeights().map((t) => t.clone()) };
        return true;
      };
      // With averaging, the averaged weights are what is judged and kept.
      const improved = average ? await average.withAveraged(judge) : await judge();
      options.onEpoch?.({ epoch, epochs: o.epochs, trainLoss: lossSum / train.length, devLoss, devAuroc, best: improved });
      if (o.patience > 0 && best && epoch - best.epoch >= o.patience) break;
    }
  } finally {
    progress.stop();
    optimizer.dispose();
    average?.dispose();
  }
  if (best) {
    model.setWeights(best.weights);
    best.weights.forEach((t) => t.dispose());
  }

  const devLogits = await predictLogits(model, dev, arch.denseSize, arch.maxSparse);
  const platt = fitPlatt(devLogits, devLabels);
  const devScores = Array.from(devLogits, (z) => applyPlatt(z, platt));
  const rule = { ...DEFAULT_THRESHOLD_RULE, ...options.thresholdRule };
  // Several dev inputs: the rule holds on each of them, not only on their pool.
  const devParts = devInputs.length > 1 ? devInputs.map((f) => f.documents.length) : [devScores.length];
  const thresholds = chooseThresholdsForEveryPart(devScores, devLabels, devParts, rule);

  const metrics: ModelCard['metrics'] = { dev: computeMetrics(devScores, devLabels) };
  for (const [name, input] of Object.entries(options.report ?? {})) {
    const loaded = await loadLabeledInputFor(input, 'measure');
    const examples = toExamples(loaded.documents, classLm?.all);
    const logits = await predictLogits(model, examples, arch.denseSize, arch.maxSparse);
    metrics[name] = computeMetrics(
      Array.from(logits, (z) => applyPlatt(z, platt)),
      examples.map((e) => e.synthetic),
    );
  }

  await mkdir(o.out, { recursive: true });
  const modelHash = await saveModel(model, o.out, classLm ? encodeClassLm(classLm.all) : undefined);
  const parameters = model.countParams();
  model.dispose();

  const card: ModelCard = {
    cardVersion: 1,
    name: options.name ?? (o.out.replace(/\/+$/, '').split('/').pop() || 'detector'),
    createdAt: options.createdAt ?? new Date().toISOString(),
    modelHash,
    featureSpec: { ...FEATURE_SPEC },
    architecture: {
      ...arch,
      parameters,
      summary:
        `signature[${arch.denseSize}] -> standardize; ngrams[${arch.maxSparse} ids] -> embedding-bag ` +
        `${arch.buckets + 1}x${arch.embeddingDim} (${arch.pooling}, id 0 = padding); concat -> ` +
        `dense ${arch.hiddenUnits} relu -> dense 1 (logit) -> Platt sigmoid`,
    },
    calibration: { method: 'platt', a: platt.a, b: platt.b, fittedOn: devSource },
    thresholds: { ...thresholds, rule: describeThresholdRule(rule, devParts.length) },
    training: {
      files: [
        ...trainInputs.map((f) => fileEntry(f, 'train')),
        ...devInputs.map((f) => fileEntry(f, 'dev')),
      ],
      train: trainCounts,
      dev: devCounts,
      devSource,
      seed: o.seed,
      epochs: o.epochs,
      epochsRun,
      bestEpoch: best?.epoch ?? 0,
      batchSize: o.batchSize,
      learningRate: o.learningRate,
      l2: o.l2,
      ...(o.selectBy !== 'loss' ? { selectBy: o.selectBy } : {}),
      ...(options.freezeNgrams ? { frozen: ['ngram_bag'] } : {}),
      ...(average ? { weightAverageDecay: o.weightAverageDecay } : {}),
      ...(crops ? { lengthCrops: { ...crops, examples: train.length } } : {}),
      classWeights,
      ...(o.balance !== 'label' ? { balance: o.balance } : {}),
      backend: 'cpu',
      tfjsVersion: tf.version.tfjs,
    },
    metrics,
    ...(classLm ? { classLm: classLm.card } : {}),
    ...(options.lineage ? { lineage: options.lineage } : {}),
    ...(options.scope ? { scope: { languages: [...options.scope.languages], minWords: options.scope.minWords } } : {}),
  };
  await writeCard(o.out, card);
  return { card, dir: o.out };
}

/**
 * Refuses, before any work, an output directory that cannot be made: `out` is a file, lies under
 * a file, or its nearest existing directory is not writable. Training takes minutes; its result
 * must not be lost to a path error at the end.
 */
async function checkOutputDir(out: string): Promise<void> {
  const target = resolve(out);
  for (let path = target; ; path = dirname(path)) {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) {
      if (dirname(path) === path) return;
      continue;
    }
    const where = path === target ? 'it' : path;
    if (!info.isDirectory()) throw new CrawlsiftError('output-unwritable', `cannot write the model into ${out}: ${where} is a file, not a directory`);
    try {
      await access(path, constants.W_OK);
    } catch (cause) {
      throw new CrawlsiftError('output-unwritable', `cannot write the model into ${out}: ${path === target ? 'the directory' : `directory ${path}`} is not writable`, { cause });
    }
    return;
  }
}

/** A labeled file with its sha256, keeping only the documents `input.keep` accepts. Documents already read pass through. */
export function loadLabeledInput(input: TrainingInput): Promise<LoadedInput> {
  return loadLabeledInputFor(input);
}

/**
 * {@link loadLabeledInput}, and with `use`, only the documents whose `split` serves it (the rest in
 * `otherUse`).
 */
export async function loadLabeledInputFor(input: TrainingInput, use?: LabeledUse): Promise<LoadedInput> {
  if (typeof input !== 'string' && 'documents' in input) return input;
  const spec = typeof input === 'string' ? { path: input } : input;
  const file = await readLabeledFile(spec.path);
  const selected = spec.keep ? file.documents.filter(spec.keep) : file.documents;
  const serves = (d: LabeledDocument) => use === undefined || servesUse(d.split, use);
  return { path: spec.path, sha256: file.sha256, selection: spec.selection, documents: selected.filter(serves), otherUse: selected.filter((d) => !serves(d)) };
}

/** The `split: holdout` documents of training inputs, as dev inputs of their own. */
function heldOutParts(inputs: readonly LoadedInput[]): LoadedInput[] {
  return inputs.flatMap((f) => (f.otherUse?.length ? [{ path: f.path, sha256: f.sha256, selection: [f.selection, 'split: holdout'].filter(Boolean).join(', '), documents: f.otherUse }] : []));
}

/** `path (selection)`, as the card names an input. */
export function describeInput(f: LoadedInput): string {
  return f.selection ? `${f.path} (${f.selection})` : f.path;
}

function fileEntry(f: LoadedInput, role: 'train' | 'dev'): ModelCard['training']['files'][number] {
  return { path: describeInput(f), sha256: f.sha256, role, documents: f.documents.length };
}

/**
 * Each document's features, scored by its own class LM (`lm`, a training document's) or `classLm`.
 * Documents are taken by LM, each LM's tables built once and let go before the next (TrainingLm),
 * and the examples returned in the documents' order.
 */
function toExamples(docs: ReadonlyArray<LabeledDocument & { group?: string; lm?: TrainingLm }>, classLm?: ClassLmTables): Example[] {
  const byLm = new Map<TrainingLm | undefined, number[]>();
  docs.forEach((d, i) => {
    const list = byLm.get(d.lm);
    if (list) list.push(i);
    else byLm.set(d.lm, [i]);
  });
  const examples = new Array<Example>(docs.length);
  for (const [lm, indices] of byLm) {
    const tables = lm?.tables() ?? classLm;
    for (const i of indices) {
      const d = docs[i]!;
      examples[i] = { vector: extractFeatures(d.text, FEATURE_SPEC, tables), synthetic: d.label === 'synthetic', source: `${d.group ?? ''}\u0000${d.source ?? 'unknown'}` };
    }
  }
  return examples;
}

/** Mean and standard deviation per dense feature over the training set (in float64). */
function denseStats(examples: readonly Example[], size: number): { mean: number[]; std: number[] } {
  const mean = new Array<number>(size).fill(0);
  const sq = new Array<number>(size).fill(0);
  for (const e of examples) for (let i = 0; i < size; i++) mean[i]! += e.vector.dense[i]!;
  for (let i = 0; i < size; i++) mean[i]! /= examples.length;
  for (const e of examples) for (let i = 0; i < size; i++) sq[i]! += (e.vector.dense[i]! - mean[i]!) ** 2;
  const std = sq.map((s) => Math.sqrt(s / examples.length));
  return { mean, std };
}

async function predictLogits(model: tf.LayersModel, examples: readonly Example[], denseSize: number, maxSparse: number): Promise<Float32Array> {
  const out = new Float32Array(examples.length);
  const size = 256;
  for (let start = 0; start < examples.length; start += size) {
    const batch = packBatch(examples.slice(start, start + size).map((e) => e.vector), denseSize, maxSparse);
    const logits = tf.tidy(
      () =>
        model.predictOnBatch([
          tf.tensor2d(batch.dense, [batch.size, denseSize]),
          tf.tensor2d(batch.sparse, [batch.size, maxSparse], 'int32'),
        ]) as tf.Tensor,
    );
    out.set((await logits.data()) as Float32Array, start);
    logits.dispose();
  }
  return out;
}

/** Mean unweighted log loss (nats) of logits against labels. */
function logLoss(logits: Float32Array, examples: readonly Example[]): number {
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const z = logits[i]!;
    // log(1 + e^-|z|) + max(z, 0) - z*y: the stable form of binary cross-entropy on a logit.
    sum += Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - (examples[i]!.synthetic ? z : 0);
  }
  return sum / logits.length;
}

function computeMetrics(scores: number[], labels: boolean[]): CardMetrics {
  return {
    documents: scores.length,
    auroc: auroc(scores, labels),
    tprAt1PctFpr: tprAtFpr(scores, labels, 0.01),
    brier: brierScore(scores, labels),
    ece: expectedCalibrationError(scores, labels),
  };
}

/** `o` without its undefined fields, so that `{ ...defaults, ...definedOnly(o) }` keeps the defaults. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { mulberry32, seedFromString, shuffleInPlace } from '../random.js';
import { assertFeatureSpec, readCard, type Lineage } from './card.js';
import { fineTuneClassLm } from './fine-tune-class-lm.js';
import { ClassifierError } from './errors.js';
import { countLabels, type LabeledDocument } from './labeled-data.js';
import { readModelClassLm } from './model-class-lm.js';
import { loadModel } from './model-io.js';
import { definedOnly, describeInput, loadLabeledInputFor, trainDetector, type LoadedInput, type TrainDetectorOptions, type TrainingInput, type TrainResult } from './train.js';

/**
 * Settings of a fine-tune, chosen on the adaptation benchmark's sources (docs/adapt.md, "How the
 * fine-tune was chosen"): 4 passes at a third of the base's learning rate, the last kept, the
 * dense layers only, with 4 of the base's own training documents mixed in per new one. Less replay
 * forgot more (ratio 0, 1, 4: the other sources' AUROC -0.043, -0.030, -0.013 on one source); more
 * forgot no less and gained less; a higher rate or more epochs gained a little more and forgot more.
 * The new documents enter the class LMs once each: on the undrawn pool documents of four held-out
 * sources (16 cells, k = 100 and 200), +0.030 AUROC gained against +0.028 with the LMs kept and
 * +0.025 with each counted 8 times.
 */
export const FINE_TUNE_DEFAULTS = {
  /** Base training documents mixed in per new labeled document. */
  replayRatio: 4,
  epochs: 4,
  learningRate: 0.001,
  seed: 1,
  learnClassLm: 1,
} as const;

/** Folds the new documents are scored in when a fine-tune adds them to its class LMs: the default training's. */
const CLASS_LM_LEARN_FOLDS = 5;

export interface FineTuneOptions extends Pick<TrainDetectorOptions, 'out' | 'name' | 'createdAt' | 'onEpoch' | 'progressBar'> {
  /** The model directory to start from; its card must have this build's feature spec. */
  base: string;
  /** The new labeled data (its `split: holdout` documents are never trained on). */
  data: TrainingInput[];
  /** The base's own training data, drawn from to mix in (see findBaseData). */
  replay: TrainingInput[];
  /** Base training documents mixed in per new document, 0 for none. @defaultValue FINE_TUNE_DEFAULTS.replayRatio */
  replayRatio?: number;
  /**
   * Dev data (calibration, default thresholds, dev metrics in the card). @defaultValue the new
   * data's `split: holdout` documents, else `baseDev`, else 10% of the training mix by id hash
   */
  dev?: TrainingInput[];
  /** The base's dev data: the dev set when neither `dev` nor held-out new documents are given. */
  baseDev?: TrainingInput[];
  /** Passes over the new data and its replay; the last one is kept. @defaultValue FINE_TUNE_DEFAULTS.epochs */
  epochs?: number;
  /** Adam learning rate. @defaultValue FINE_TUNE_DEFAULTS.learningRate */
  learningRate?: number;
  /** Seeds the replay draw, the crops and the shuffle. @defaultValue 1 */
  seed?: number;
  /**
   * Train the n-gram table too, not only the dense layers. Off: on the adaptation benchmark it
   * gave the same AUROC (docs/adapt.md) for 5-10 times the CPU time. @defaultValue false
   */
  trainNgrams?: boolean;
  /**
   * Times each new document is counted in the class LMs: 0 keeps the base's LMs as they are; 1 or
   * more adds the new documents to them (each scored by the LMs with the new documents of the other
   * folds only), so that the LMs know the new text. No effect on a base without class LMs.
   * @defaultValue FINE_TUNE_DEFAULTS.learnClassLm
   */
  learnClassLm?: number;
}

/**
 * Fine-tunes the model in `base` on new labeled documents mixed with a seeded draw of its own
 * training documents (`replayRatio` per new one, half of each label where there are enough), so
 * that it learns the new text without forgetting what it knew. It keeps the base's architecture,
 * input standardisation and training settings (crops), runs a fixed number of epochs and keeps the
 * last, re-fits calibration and default thresholds on the dev data, and records where it comes
 * from in the card's `lineage`. Deterministic: the same base, data, options and seed give
 * byte-identical model files.
 */
export async function fineTuneDetector(options: FineTuneOptions): Promise<TrainResult> {
  const o = { ...FINE_TUNE_DEFAULTS, ...definedOnly(options) };
  const card = await readCard(options.base);
  assertFeatureSpec(card, options.base);
  if (await sameDirectory(options.base, options.out)) {
    throw new ClassifierError('training-invalid', `--out ${options.out} is the base model's directory: write the fine-tuned model elsewhere`);
  }
  if (!(o.replayRatio >= 0)) throw new ClassifierError('training-invalid', `the replay ratio must be 0 or more, got ${o.replayRatio}`);

  const newInputs = await Promise.all(options.data.map((i) => loadLabeledInputFor(i, 'train')));
  const newDocs = newInputs.flatMap((f) => f.documents);
  if (newDocs.length === 0) throw new ClassifierError('training-invalid', 'no labeled documents to fine-tune on (lines with label null and split: holdout are not trained on)');
  const replay = await drawReplay(options.replay, newDocs, Math.round(o.replayRatio * newDocs.length), o.seed);
  const heldOut = newInputs.filter((f) => f.otherUse?.length);
  const dev = options.dev ?? (heldOut.length > 0 ? undefined : options.baseDev);

  const counts = countLabels(newDocs);
  const lineage: Lineage = {
    base: { name: card.name, modelHash: card.modelHash },
    newData: {
      sha256: documentsHash(newDocs),
      documents: newDocs.length,
      human: counts.human,
      synthetic: counts.synthetic,
      files: newInputs.map((f) => ({ path: describeInput(f), sha256: f.sha256, documents: f.documents.length })),
    },
    replay: {
      ratio: o.replayRatio,
      documents: replay.drawn.reduce((sum, f) => sum + f.documents.length, 0),
      from: replay.pools.map((f) => ({ path: describeInput(f), sha256: f.sha256, documents: f.documents.length })),
      seed: o.seed,
    },
  };

  const { model, hash, classLm } = await loadModel(options.base);
  if (hash !== card.modelHash) {
    model.dispose();
    throw new ClassifierError('model-files-invalid', `model files in ${options.base} hash to ${hash.slice(0, 12)} but the card records ${card.modelHash.slice(0, 12)}`);
  }
  const { maxSparse, embeddingDim, pooling, hiddenUnits } = card.architecture;
  let baseLm: ReturnType<typeof readModelClassLm>;
  try {
    baseLm = readModelClassLm(card, classLm, options.base);
  } catch (error) {
    model.dispose();
    throw error;
  }
  const replayTexts = new Set(replay.drawn.flatMap((f) => f.documents.map((d) => d.text)));
  const lm = baseLm
    ? fineTuneClassLm(
        baseLm,
        replay.pools.flatMap((f) => f.documents),
        replayTexts,
        o.learnClassLm > 0 ? { docs: newDocs, weight: o.learnClassLm, folds: CLASS_LM_LEARN_FOLDS } : undefined,
      )
    : undefined;
  if (lm) lineage.classLm = lm.record;
  const crops = card.training.lengthCrops;
  return trainDetector({
    out: options.out,
    name: options.name,
    createdAt: options.createdAt,
    onEpoch: options.onEpoch,
    progressBar: options.progressBar,
    base: model,
    lineage,
    data: [...newInputs, ...replay.drawn],
    dev,
    seed: o.seed,
    epochs: o.epochs,
    learningRate: o.learningRate,
    patience: 0,
    selectBy: 'last',
    freezeNgrams: !options.trainNgrams,
    maxSparse,
    embeddingDim,
    pooling,
    hiddenUnits,
    lengthCrops: crops && { copies: crops.copies, minWords: crops.minWords, maxWords: crops.maxWords, position: crops.position },
    ...(lm ? { classLm: lm.setting } : {}),
  });
}

/**
 * Draws `count` documents from the base's training data, half of each label where there are
 * enough (the rest from the other label), by a seeded shuffle, leaving out any whose text is among
 * the new documents. Returns each input's drawn documents and each input as a whole.
 */
async function drawReplay(inputs: readonly TrainingInput[], newDocs: readonly LabeledDocument[], count: number, seed: number): Promise<{ drawn: LoadedInput[]; pools: LoadedInput[] }> {
  const pools = await Promise.all(inputs.map((i) => loadLabeledInputFor(i, 'train')));
  if (count === 0) return { drawn: [], pools };
  const newTexts = new Set(newDocs.map((d) => d.text));
  const candidates = pools.flatMap((pool, p) => pool.documents.flatMap((doc, i) => (newTexts.has(doc.text) ? [] : [{ pool: p, index: i, doc }])));
  const random = mulberry32(seedFromString(`replay:${seed}`));
  const byLabel = (label: LabeledDocument['label']) => shuffleInPlace(candidates.filter((c) => c.doc.label === label), random);
  const human = byLabel('human');
  const synthetic = byLabel('synthetic');
  if (human.length + synthetic.length === 0) throw new ClassifierError('training-invalid', 'the replay data holds no labeled documents: give the base model\'s training data, or a replay ratio of 0');
  const half = Math.floor(count / 2);
  const takeHuman = Math.min(human.length, Math.max(half, count - synthetic.length));
  const takeSynthetic = Math.min(synthetic.length, count - takeHuman);
  const chosen = [...human.slice(0, takeHuman), ...synthetic.slice(0, takeSynthetic)];
  // In file order within each input, so the training mix does not depend on the draw's order.
  chosen.sort((a, b) => a.pool - b.pool || a.index - b.index);
  const drawn = pools.flatMap((pool, p) => {
    const documents = chosen.filter((c) => c.pool === p).map((c) => c.doc);
    if (documents.length === 0) return [];
    const selection = [pool.selection, `replay: ${documents.length} of ${pool.documents.length} drawn with seed ${seed}`].filter(Boolean).join(', ');
    return [{ path: pool.path, sha256: pool.sha256, selection, documents }];
  });
  return { drawn, pools };
}

/** sha256 (hex) of the documents as `{"label","text"}` JSON lines, in order: what was learnt, whatever else the lines held. */
function documentsHash(docs: readonly LabeledDocument[]): string {
  const hash = createHash('sha256');
  for (const d of docs) hash.update(`${JSON.stringify({ label: d.label, text: d.text })}\n`);
  return hash.digest('hex');
}

async function sameDirectory(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => realpath(p).catch(() => resolve(p));
  return (await real(a)) === (await real(b));
}

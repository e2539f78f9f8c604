import { extractFeatures, FEATURE_SPEC, FeatureExtractor, type ClassLmTables, type FeatureReading, type FeatureVector, type SharedClassLm } from '../features/index.js';
import { selectBackend } from './backend.js';
import type { BackendName, BackendPreference } from './backend-name.js';
import { applyPlatt } from './calibration.js';
import { assertFeatureSpec, readCard, type ModelCard } from './card.js';
import { ClassifierError } from './errors.js';
import { modelClassLm } from './model-class-lm.js';
import { loadModel } from './model-io.js';
import { poolBagInto } from './pool-vectors.js';
import { splitScoringHead, type ScoringHead } from './scoring-head.js';
import { tf } from './tf.js';
import type { Thresholds } from '../routing/thresholds.js';

export interface LoadDetectorOptions {
  /** tfjs backend to run the model on. @defaultValue 'auto' */
  backend?: BackendPreference;
  /** Documents per predict() call. @defaultValue 256 */
  batchSize?: number;
  /**
   * The model's class LM as a parent thread shares it (`shareModelClassLm`): read in place instead
   * of decoded again, when it came from this model (its key is the model's hash); otherwise the
   * file is decoded.
   */
  sharedClassLm?: SharedClassLm;
}

const LOAD_DEFAULTS = { backend: 'auto', batchSize: 256 } as const satisfies Omit<Required<LoadDetectorOptions>, 'sharedClassLm'>;

/** A loaded model: scores texts as calibrated probabilities (0..1) of being machine-generated. */
export interface Detector {
  readonly name: string;
  /** sha256 (hex) of model.json + weights.bin, as recorded in the card and verified on load. */
  readonly hash: string;
  readonly card: ModelCard;
  readonly thresholds: Thresholds;
  readonly backend: BackendName;
  /** Whether its class LM's tables are a parent thread's, shared (`LoadDetectorOptions.sharedClassLm`), not its own. */
  readonly classLmShared: boolean;
  /** Calibrated P(synthetic) per text, in input order. */
  scoreTexts(texts: readonly string[]): Promise<Float32Array>;
  /** {@link scoreTexts}, and what the features read of each text whose `read` is true (see `FeatureReading`; undefined for the others). */
  scoreAndRead(texts: readonly string[], read: readonly boolean[]): Promise<{ scores: Float32Array; readings: (FeatureReading | undefined)[] }>;
  /**
   * The feature vectors this model scores, one per text and each its own arrays: the signature and
   * n-grams, and the model's class-LM features when it has class LMs. What `scoreFeatures` takes, for
   * a caller that scores the same texts more than once.
   */
  features(texts: readonly string[]): FeatureVector[];
  /** Calibrated P(synthetic) per feature vector (from `features`), in input order. */
  scoreFeatures(vectors: readonly FeatureVector[]): Promise<Float32Array>;
  /** Release the model's tensors; safe to call twice. */
  dispose(): void;
}

/**
 * Load `model.json`, `weights.bin` and `card.json` from `dir`. Refuses a card that fails its
 * schema (`card-invalid`), a model trained on other features (`feature-spec-mismatch`), and
 * model files whose hash differs from the card's (`model-files-invalid`).
 */
export async function loadDetector(dir: string, opts: LoadDetectorOptions = {}): Promise<Detector> {
  const o = { ...LOAD_DEFAULTS, ...opts };
  const card = await readCard(dir);
  assertFeatureSpec(card, dir);
  const backend = await selectBackend(o.backend);
  const { model, hash, classLm: lmBytes } = await loadModel(dir);
  if (hash !== card.modelHash) {
    model.dispose();
    throw new ClassifierError(
      'model-files-invalid',
      `model files in ${dir} hash to ${hash.slice(0, 12)} but the card records ${card.modelHash.slice(0, 12)}: the card belongs to another model`,
    );
  }
  try {
    const classLm = modelClassLm(card, lmBytes, hash, dir, o.sharedClassLm);
    return new LoadedDetector(card, splitScoringHead(model, card.architecture), hash, backend, o.batchSize, classLm?.lm, classLm?.shared ?? false);
  } finally {
    model.dispose();
  }
}

class LoadedDetector implements Detector {
  readonly name: string;
  readonly thresholds: Thresholds;
  private scoring: ScoringHead | undefined;
  /** Name of the head's output tensor, for `execute`. */
  private readonly outputName: string;
  /** Dense inputs and pooled bags of one batch, reused from batch to batch. */
  private readonly dense: Float32Array;
  private readonly pooled: Float32Array;
  private readonly poolScratch: Float64Array;
  /** Each text's features are extracted into the same arrays and used at once (see `FeatureExtractor`). */
  private readonly extractor: FeatureExtractor;

  constructor(
    readonly card: ModelCard,
    scoring: ScoringHead,
    readonly hash: string,
    readonly backend: BackendName,
    private readonly batchSize: number,
    private readonly classLm: ClassLmTables | undefined,
    readonly classLmShared: boolean,
  ) {
    this.extractor = new FeatureExtractor(classLm);
    this.scoring = scoring;
    this.outputName = scoring.head.outputs[0]!.name;
    this.name = card.name;
    this.thresholds = { low: card.thresholds.low, high: card.thresholds.high };
    this.dense = new Float32Array(batchSize * card.architecture.denseSize);
    this.pooled = new Float32Array(batchSize * card.architecture.embeddingDim);
    this.poolScratch = new Float64Array(card.architecture.embeddingDim);
  }

  async scoreTexts(texts: readonly string[]): Promise<Float32Array> {
    const out = new Float32Array(texts.length);
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const size = Math.min(this.batchSize, texts.length - start);
      out.set(await this.scoreBatch(size, (i) => this.extractor.extract(texts[start + i]!)), start);
    }
    return out;
  }

  async scoreAndRead(texts: readonly string[], read: readonly boolean[]): Promise<{ scores: Float32Array; readings: (FeatureReading | undefined)[] }> {
    const scores = new Float32Array(texts.length);
    const readings: (FeatureReading | undefined)[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const size = Math.min(this.batchSize, texts.length - start);
      const batch = await this.scoreBatch(size, (i) => {
        const text = texts[start + i]!;
        if (!read[start + i]) {
          readings.push(undefined);
          return this.extractor.extract(text);
        }
        const { vector, reading } = this.extractor.extractAndRead(text);
        readings.push(reading);
        return vector;
      });
      scores.set(batch, start);
    }
    return { scores, readings };
  }

  features(texts: readonly string[]): FeatureVector[] {
    return texts.map((text) => extractFeatures(text, FEATURE_SPEC, this.classLm));
  }

  async scoreFeatures(vectors: readonly FeatureVector[]): Promise<Float32Array> {
    const out = new Float32Array(vectors.length);
    for (let start = 0; start < vectors.length; start += this.batchSize) {
      const size = Math.min(this.batchSize, vectors.length - start);
      out.set(await this.scoreBatch(size, (i) => vectors[start + i]!), start);
    }
    return out;
  }

  /**
   * Scores `size` (at most `batchSize`) feature vectors, asked for in order: each one's dense values
   * and pooled bag are copied into the batch's inputs before the next is asked for (so `vectorAt`
   * may return arrays it reuses), then the head runs on the batch.
   */
  private async scoreBatch(size: number, vectorAt: (i: number) => FeatureVector): Promise<Float32Array> {
    const scoring = this.scoring;
    if (!scoring) throw new ClassifierError('model-files-invalid', `detector ${this.name} was disposed`);
    // tfjs has one global backend; another detector in this process may have switched it.
    if (tf.getBackend() !== this.backend) await selectBackend(this.backend);
    const { denseSize, embeddingDim, maxSparse, pooling } = this.card.architecture;
    const { a, b } = this.card.calibration;
    const dense = this.dense.subarray(0, size * denseSize);
    const pooled = this.pooled.subarray(0, size * embeddingDim);
    for (let i = 0; i < size; i++) {
      const v = vectorAt(i);
      if (v.dense.length !== denseSize) throw new RangeError(`feature vector ${i} has ${v.dense.length} dense values, the model expects ${denseSize}`);
      dense.set(v.dense, i * denseSize);
      // The bag is pooled in JS straight from the vector's ids; the head runs the rest.
      poolBagInto(scoring.table, embeddingDim, v.sparse, maxSparse, pooling, pooled, i, this.poolScratch);
    }
    const logits = tf.tidy(() =>
      scoring.head.execute(
        [tf.tensor2d(dense, [size, denseSize], 'float32'), tf.tensor2d(pooled, [size, embeddingDim], 'float32')],
        this.outputName,
      ) as tf.Tensor,
    );
    const values = (await logits.data()) as Float32Array;
    logits.dispose();
    const out = new Float32Array(size);
    for (let i = 0; i < size; i++) out[i] = applyPlatt(values[i]!, { a, b });
    return out;
  }

  dispose(): void {
    this.scoring?.head.dispose();
    this.scoring = undefined;
  }
}

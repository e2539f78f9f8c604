import { extractFeatures, type FeatureVector } from '../features/index.js';
import { selectBackend, type BackendName, type BackendPreference } from './backend.js';
import { BatchPacker } from './batch-inputs.js';
import { applyPlatt } from './calibration.js';
import { assertFeatureSpec, readCard, type ModelCard } from './card.js';
import { ClassifierError } from './errors.js';
import { loadModel } from './model-io.js';
import { tf } from './tf.js';
import type { Thresholds } from './thresholds.js';

export interface LoadDetectorOptions {
  /** tfjs backend to run the model on. @defaultValue 'auto' */
  backend?: BackendPreference;
  /** Documents per predict() call. @defaultValue 256 */
  batchSize?: number;
}

const LOAD_DEFAULTS = { backend: 'auto', batchSize: 256 } as const satisfies Required<LoadDetectorOptions>;

/** A loaded model: scores texts as calibrated probabilities (0..1) of being machine-generated. */
export interface Detector {
  readonly name: string;
  /** sha256 (hex) of model.json + weights.bin, as recorded in the card and verified on load. */
  readonly hash: string;
  readonly card: ModelCard;
  readonly thresholds: Thresholds;
  readonly backend: BackendName;
  /** Calibrated P(synthetic) per text, in input order. */
  scoreTexts(texts: readonly string[]): Promise<Float32Array>;
  /** Calibrated P(synthetic) per feature vector, in input order. */
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
  const { model, hash } = await loadModel(dir);
  if (hash !== card.modelHash) {
    model.dispose();
    throw new ClassifierError(
      'model-files-invalid',
      `model files in ${dir} hash to ${hash.slice(0, 12)} but the card records ${card.modelHash.slice(0, 12)}: the card belongs to another model`,
    );
  }
  return new LoadedDetector(card, model, hash, backend, o.batchSize);
}

class LoadedDetector implements Detector {
  readonly name: string;
  readonly thresholds: Thresholds;
  private model: tf.LayersModel | undefined;
  private readonly packer: BatchPacker;
  /** Name of the model's output tensor, for `execute`. */
  private readonly outputName: string;

  constructor(
    readonly card: ModelCard,
    model: tf.LayersModel,
    readonly hash: string,
    readonly backend: BackendName,
    private readonly batchSize: number,
  ) {
    this.model = model;
    this.packer = new BatchPacker(card.architecture.denseSize, card.architecture.maxSparse);
    this.outputName = model.outputs[0]!.name;
    this.name = card.name;
    this.thresholds = { low: card.thresholds.low, high: card.thresholds.high };
  }

  async scoreTexts(texts: readonly string[]): Promise<Float32Array> {
    const out = new Float32Array(texts.length);
    // Extract per batch so memory stays bounded by one batch of feature vectors.
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const vectors = texts.slice(start, start + this.batchSize).map((t) => extractFeatures(t));
      out.set(await this.scoreFeatures(vectors), start);
    }
    return out;
  }

  async scoreFeatures(vectors: readonly FeatureVector[]): Promise<Float32Array> {
    const model = this.model;
    if (!model) throw new ClassifierError('model-files-invalid', `detector ${this.name} was disposed`);
    // tfjs has one global backend; another detector in this process may have switched it.
    if (tf.getBackend() !== this.backend) await selectBackend(this.backend);
    const { denseSize } = this.card.architecture;
    const { a, b } = this.card.calibration;
    const out = new Float32Array(vectors.length);
    for (let start = 0; start < vectors.length; start += this.batchSize) {
      const batch = this.packer.pack(vectors.slice(start, start + this.batchSize));
      const logits = tf.tidy(() => {
        const dense = tf.tensor2d(batch.dense, [batch.size, denseSize], 'float32');
        const sparse = tf.tensor2d(batch.sparse, [batch.size, batch.width], 'int32');
        // execute() rather than predictOnBatch(): the same graph, one call for the whole batch,
        // but without the check that every bag row is `maxSparse` wide, so rows can stop at the
        // batch's longest bag (see BatchPacker).
        return model.execute([dense, sparse], this.outputName) as tf.Tensor;
      });
      const values = (await logits.data()) as Float32Array;
      logits.dispose();
      for (let i = 0; i < batch.size; i++) out[start + i] = applyPlatt(values[i]!, { a, b });
    }
    return out;
  }

  dispose(): void {
    this.model?.dispose();
    this.model = undefined;
  }
}

import { EmbeddingBag, type BagPooling } from './embedding-bag-layer.js';
import { Standardize } from './standardize-layer.js';
import { tf } from './tf.js';

/** Input names in model.json; the detector feeds tensors in this order. */
export const DENSE_INPUT = 'signature';
export const SPARSE_INPUT = 'ngrams';

export interface ModelShapeOptions {
  /** Length of the dense signature vector (`FEATURE_SPEC.signature.length`). */
  denseSize: number;
  /** Hash buckets of the sparse input (`FEATURE_SPEC.buckets`); the table gets one extra padding row. */
  buckets: number;
  /** Sparse ids kept per document; longer bags are truncated. A ~1.4 KB document has ~4,600. @defaultValue 8192 */
  maxSparse?: number;
  /**
   * Width of each embedding row. Small on purpose: pooling is bound by cache misses on the
   * table, and bench/scoring.ts measured ~36k docs/s of pooling at width 1 (1 MB table, fits
   * L2), ~8k at 2, ~2.8k at 4 and under 1k at 16 (4,600 ids per document).
   * @defaultValue 2
   */
  embeddingDim?: number;
  /** How a document's embedding rows are combined. @defaultValue 'mean' */
  pooling?: BagPooling;
  /** Units in the hidden ReLU layer. @defaultValue 32 */
  hiddenUnits?: number;
}

export type ModelArchitecture = Required<ModelShapeOptions>;

export const MODEL_SHAPE_DEFAULTS = {
  maxSparse: 8192,
  embeddingDim: 2,
  pooling: 'mean',
  hiddenUnits: 32,
} as const satisfies Partial<ModelShapeOptions>;

export interface BuildModelOptions extends ModelShapeOptions {
  /** Training-set mean of each dense feature. */
  denseMean: ArrayLike<number>;
  /** Training-set standard deviation of each dense feature. */
  denseStd: ArrayLike<number>;
  /** Seeds every initialiser, so the same seed gives the same starting weights. @defaultValue 1 */
  seed?: number;
}

export function resolveArchitecture(opts: ModelShapeOptions): ModelArchitecture {
  return {
    denseSize: opts.denseSize,
    buckets: opts.buckets,
    maxSparse: opts.maxSparse ?? MODEL_SHAPE_DEFAULTS.maxSparse,
    embeddingDim: opts.embeddingDim ?? MODEL_SHAPE_DEFAULTS.embeddingDim,
    pooling: opts.pooling ?? MODEL_SHAPE_DEFAULTS.pooling,
    hiddenUnits: opts.hiddenUnits ?? MODEL_SHAPE_DEFAULTS.hiddenUnits,
  };
}

/**
 * The detector network: standardised signature features and a mean-pooled bag of hashed
 * n-gram embeddings, concatenated, one hidden ReLU layer, one output logit (uncalibrated:
 * Platt scaling from the card turns it into a probability).
 *
 * Layers have fixed names so model.json is byte-identical across trainings in one process
 * (tfjs would otherwise number them with a global counter).
 */
export function buildDetectorModel(opts: BuildModelOptions): tf.LayersModel {
  const arch = resolveArchitecture(opts);
  const seed = opts.seed ?? 1;
  const dense = tf.input({ shape: [arch.denseSize], dtype: 'float32', name: DENSE_INPUT });
  const sparse = tf.input({ shape: [arch.maxSparse], dtype: 'int32', name: SPARSE_INPUT });

  const standardised = new Standardize({ name: 'standardize', mean: opts.denseMean, std: opts.denseStd }).apply(
    dense,
  ) as tf.SymbolicTensor;
  const bag = new EmbeddingBag({
    name: 'ngram_bag',
    inputDim: arch.buckets + 1,
    outputDim: arch.embeddingDim,
    pooling: arch.pooling,
    seed: seed * 7 + 1,
  }).apply(sparse) as tf.SymbolicTensor;
  const joined = tf.layers.concatenate({ name: 'join', axis: -1 }).apply([standardised, bag]) as tf.SymbolicTensor;
  const hidden = tf.layers
    .dense({
      name: 'hidden',
      units: arch.hiddenUnits,
      activation: 'relu',
      kernelInitializer: tf.initializers.heNormal({ seed: seed * 7 + 2 }),
      biasInitializer: 'zeros',
    })
    .apply(joined) as tf.SymbolicTensor;
  const logit = tf.layers
    .dense({
      name: 'logit',
      units: 1,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed * 7 + 3 }),
      biasInitializer: 'zeros',
    })
    .apply(hidden) as tf.SymbolicTensor;
  return tf.model({ name: 'crawlsift_detector', inputs: [dense, sparse], outputs: logit });
}

/** Bytes of float32 weights the architecture needs (model files are about this size). */
export function weightBytes(arch: ModelArchitecture): number {
  const table = (arch.buckets + 1) * arch.embeddingDim;
  const standardize = 2 * arch.denseSize;
  const hidden = (arch.denseSize + arch.embeddingDim + 1) * arch.hiddenUnits;
  const out = arch.hiddenUnits + 1;
  return 4 * (table + standardize + hidden + out);
}

import type { ModelArchitecture } from './build-model.js';
import { ClassifierError } from './errors.js';
import { Standardize } from './standardize-layer.js';
import { tf } from './tf.js';

/** What scoring needs of a loaded detector network, its n-gram bag taken out of the graph. */
export interface ScoringHead {
  /** Inputs `[signature, pooled bag]`, output the logit: everything after the bag layer. */
  head: tf.LayersModel;
  /** The bag layer's table, row-major `[buckets + 1, embeddingDim]`, for {@link poolFeatureBags}. */
  table: Float32Array;
}

/**
 * Split a network built by `buildDetectorModel` into its embedding table and a head model
 * that takes the already pooled bag. The head is new layers holding copies of the loaded
 * weights, so the same kernels run on the same numbers: its logits equal the full graph's bit
 * for bit (a test checks this). The full model can be disposed afterwards.
 */
export function splitScoringHead(model: tf.LayersModel, arch: ModelArchitecture): ScoringHead {
  const activations = ['hidden', 'logit'].map((name) => model.getLayer(name).getConfig().activation);
  if (activations[0] !== 'relu' || activations[1] !== 'linear') {
    throw new ClassifierError('model-files-invalid', `unexpected detector network: hidden/logit activations ${activations.join('/')}, expected relu/linear`);
  }
  const table = (model.getLayer('ngram_bag').getWeights()[0]!.dataSync() as Float32Array).slice();
  const signature = tf.input({ shape: [arch.denseSize], dtype: 'float32', name: 'signature' });
  const pooled = tf.input({ shape: [arch.embeddingDim], dtype: 'float32', name: 'pooled_ngrams' });
  const standardize = new Standardize({ name: 'standardize', size: arch.denseSize, mean: [], std: [] });
  const hidden = tf.layers.dense({ name: 'hidden', units: arch.hiddenUnits, activation: 'relu' });
  const logit = tf.layers.dense({ name: 'logit', units: 1 });
  const joined = tf.layers
    .concatenate({ name: 'join', axis: -1 })
    .apply([standardize.apply(signature) as tf.SymbolicTensor, pooled]) as tf.SymbolicTensor;
  const output = logit.apply(hidden.apply(joined)) as tf.SymbolicTensor;
  const head = tf.model({ name: 'crawlsift_detector_head', inputs: [signature, pooled], outputs: output });
  for (const layer of [standardize, hidden, logit]) layer.setWeights(model.getLayer(layer.name).getWeights());
  return { head, table };
}

import { assertFeatureSpec, readCard, type ModelCard } from './card.js';
import { ClassifierError } from './errors.js';
import { hashModelFiles } from './model-files.js';
import type { ModelRef } from '../routing/model-ref.js';
import type { Thresholds } from '../routing/thresholds.js';

/**
 * A model directory checked without building the model in tfjs: its card parsed, its features
 * this build's, its files hashing to the card's `modelHash`. `name` and `hash` name it in outputs.
 */
export interface VerifiedModel extends ModelRef {
  /** The card's default thresholds. */
  thresholds: Thresholds;
  card: ModelCard;
}

/**
 * Read a model directory's identity: validated card, feature spec checked against this
 * build, and the files' hash recomputed (a mismatch with the card is `model-files-invalid`).
 */
export async function readVerifiedModel(dir: string): Promise<VerifiedModel> {
  const card = await readCard(dir);
  assertFeatureSpec(card, dir);
  const hash = await hashModelFiles(dir);
  if (hash !== card.modelHash) {
    throw new ClassifierError(
      'model-files-invalid',
      `model files in ${dir} hash to ${hash.slice(0, 12)} but the card records ${card.modelHash.slice(0, 12)}`,
    );
  }
  return { name: card.name, hash, thresholds: { low: card.thresholds.low, high: card.thresholds.high }, card };
}

import { createHash } from 'node:crypto';
import type { Scorer } from '../../src/classifier/scorer.js';

/**
 * A deterministic stand-in for the model, for tests of batching, merging and order where the
 * scores themselves do not matter: a text's score is a hash of it, spread over 0..1.
 */
export class HashScorer implements Scorer {
  async score(texts: string[]): Promise<Float32Array> {
    return Float32Array.from(texts, (text) => createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32);
  }
  async close(): Promise<void> {}
}

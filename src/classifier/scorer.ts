import type { FeatureReading } from '../features/reading.js';

/** Scores texts: calibrated probabilities (0..1) of being machine-generated, in input order. */
export interface Scorer {
  score(texts: string[]): Promise<Float32Array>;
  /**
   * `score`, and what the features read of each text whose `read` is true (see `FeatureReading`;
   * undefined for the others), for a later reader of the same texts: a scorer that extracts the
   * features in the caller's thread has them at no cost. Absent on scorers that cannot (a stand-in,
   * a pool of other threads).
   */
  scoreAndRead?(texts: string[], read: readonly boolean[]): Promise<{ scores: Float32Array; readings: (FeatureReading | undefined)[] }>;
  /** Releases threads and model memory. Safe to call twice. */
  close(): Promise<void>;
}

/** Scores texts: calibrated probabilities (0..1) of being machine-generated, in input order. */
export interface Scorer {
  score(texts: string[]): Promise<Float32Array>;
  /** Releases threads and model memory. Safe to call twice. */
  close(): Promise<void>;
}

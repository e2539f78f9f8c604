// PLACEHOLDER contract, replaced by the features work: keep these exported names and shapes.
export interface FeatureSpec {
  version: string;
  /** Names of the dense signature features, in vector order. */
  signature: string[];
  /** Number of hash buckets for the sparse n-gram input. */
  buckets: number;
}

export interface FeatureVector {
  /** Dense signature statistics, `spec.signature.length` long. */
  dense: Float32Array;
  /** Hash-bucket indices (0..buckets-1) of the document's word and character n-grams; may repeat. */
  sparse: Int32Array;
}

export const FEATURE_SPEC: FeatureSpec = { version: 'placeholder-0', signature: ['chars'], buckets: 1 << 18 };

export function normalise(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function extractFeatures(text: string): FeatureVector {
  const norm = normalise(text);
  return { dense: Float32Array.of(Math.log1p(norm.length)), sparse: new Int32Array(0) };
}

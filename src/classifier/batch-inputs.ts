import type { FeatureVector } from '../features/index.js';

/** One predict() call's worth of model input, packed into two flat buffers. */
export interface PackedBatch {
  size: number;
  /** `[size, denseSize]` row-major. */
  dense: Float32Array;
  /** `[size, maxSparse]` row-major; bucket `b` is stored as `b + 1`, 0 is padding. */
  sparse: Int32Array;
}

/**
 * Pack feature vectors into one Float32 and one Int32 buffer, so a batch costs two tensor
 * creations instead of two per document. Bags longer than `maxSparse` are truncated.
 */
export function packBatch(vectors: readonly FeatureVector[], denseSize: number, maxSparse: number): PackedBatch {
  const size = vectors.length;
  const dense = new Float32Array(size * denseSize);
  const sparse = new Int32Array(size * maxSparse);
  for (let row = 0; row < size; row++) {
    const v = vectors[row]!;
    if (v.dense.length !== denseSize) {
      throw new RangeError(`feature vector ${row} has ${v.dense.length} dense values, the model expects ${denseSize}`);
    }
    dense.set(v.dense, row * denseSize);
    const n = Math.min(v.sparse.length, maxSparse);
    const base = row * maxSparse;
    for (let i = 0; i < n; i++) sparse[base + i] = v.sparse[i]! + 1;
  }
  return { size, dense, sparse };
}

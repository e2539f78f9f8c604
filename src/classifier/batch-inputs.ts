import type { FeatureVector } from '../features/index.js';

/** One predict() call's worth of model input, packed into two flat buffers. */
export interface PackedBatch {
  size: number;
  /** `[size, denseSize]` row-major. */
  dense: Float32Array;
  /** `[size, width]` row-major; bucket `b` is stored as `b + 1`, 0 is padding. */
  sparse: Int32Array;
  /** Ids per row of `sparse` (`maxSparse`). */
  width: number;
}

/**
 * Pack feature vectors into one Float32 and one Int32 buffer, so a batch costs two tensor
 * creations instead of two per document. Bags longer than `maxSparse` are truncated. Every row
 * is `maxSparse` ids wide, the model's declared input shape (training needs it).
 */
export function packBatch(vectors: readonly FeatureVector[], denseSize: number, maxSparse: number): PackedBatch {
  const size = vectors.length;
  const dense = new Float32Array(size * denseSize);
  const sparse = new Int32Array(size * maxSparse);
  fillDenseRows(vectors, denseSize, dense);
  for (let row = 0; row < size; row++) {
    const ids = vectors[row]!.sparse;
    const n = Math.min(ids.length, maxSparse);
    const base = row * maxSparse;
    for (let i = 0; i < n; i++) sparse[base + i] = ids[i]! + 1;
  }
  return { size, dense, sparse, width: maxSparse };
}

/** Copy each vector's dense values into row `i` of `into` (`[vectors.length, denseSize]` or longer). */
export function fillDenseRows(vectors: readonly FeatureVector[], denseSize: number, into: Float32Array): void {
  for (let row = 0; row < vectors.length; row++) {
    const v = vectors[row]!;
    if (v.dense.length !== denseSize) {
      throw new RangeError(`feature vector ${row} has ${v.dense.length} dense values, the model expects ${denseSize}`);
    }
    into.set(v.dense, row * denseSize);
  }
}

import type { FeatureVector } from '../features/index.js';

/** One predict() call's worth of model input, packed into two flat buffers. */
export interface PackedBatch {
  size: number;
  /** `[size, denseSize]` row-major. */
  dense: Float32Array;
  /** `[size, width]` row-major; bucket `b` is stored as `b + 1`, 0 is padding. */
  sparse: Int32Array;
  /** Ids per row of `sparse`: `maxSparse` for {@link packBatch}, at most that for {@link BatchPacker}. */
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
  fillRows(vectors, denseSize, maxSparse, dense, sparse, maxSparse, false);
  return { size, dense, sparse, width: maxSparse };
}

/**
 * Packs scoring batches into buffers reused from batch to batch, with rows only as wide as the
 * batch's longest bag (capped at `maxSparse`).
 *
 * Why: a 1 KB document has ~2,900 ids, so full 8,192-id rows made the pooling kernel scan and
 * the allocator zero 32 KB per document, mostly padding, plus 8 MB of garbage per 256-document
 * batch. Padding contributes nothing to the pooled bag, so narrower rows give the same scores.
 * The returned arrays are views of the shared buffers: valid until the next `pack` call.
 */
export class BatchPacker {
  private dense = new Float32Array(0);
  private sparse = new Int32Array(0);

  constructor(
    private readonly denseSize: number,
    private readonly maxSparse: number,
  ) {}

  pack(vectors: readonly FeatureVector[]): PackedBatch {
    const size = vectors.length;
    let width = 1; // a zero-width tensor would be a degenerate shape; one padding id pools to zeros
    for (const v of vectors) if (v.sparse.length > width) width = v.sparse.length;
    if (width > this.maxSparse) width = this.maxSparse;
    if (this.dense.length < size * this.denseSize) this.dense = new Float32Array(size * this.denseSize);
    if (this.sparse.length < size * width) this.sparse = new Int32Array(size * width);
    const dense = this.dense.subarray(0, size * this.denseSize);
    const sparse = this.sparse.subarray(0, size * width);
    fillRows(vectors, this.denseSize, this.maxSparse, dense, sparse, width, true);
    return { size, dense, sparse, width };
  }
}

/** Writes each vector's dense values and its bag (ids + 1, then zero padding up to `width`). */
function fillRows(
  vectors: readonly FeatureVector[],
  denseSize: number,
  maxSparse: number,
  dense: Float32Array,
  sparse: Int32Array,
  width: number,
  clearPadding: boolean,
): void {
  for (let row = 0; row < vectors.length; row++) {
    const v = vectors[row]!;
    if (v.dense.length !== denseSize) {
      throw new RangeError(`feature vector ${row} has ${v.dense.length} dense values, the model expects ${denseSize}`);
    }
    dense.set(v.dense, row * denseSize);
    const ids = v.sparse;
    const n = Math.min(ids.length, maxSparse, width);
    const base = row * width;
    for (let i = 0; i < n; i++) sparse[base + i] = ids[i]! + 1;
    if (clearPadding) sparse.fill(0, base + n, base + width);
  }
}

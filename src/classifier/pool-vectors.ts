import type { FeatureVector } from '../features/index.js';
import type { BagPooling } from './embedding-bag-op.js';

/**
 * Pool each feature vector's n-gram bag straight from its own bucket ids: what the model's
 * embedding-bag layer computes on a packed batch, without packing one.
 *
 * Why: scoring through the full graph first copies every document's ids (+1) into a padded
 * `[batch, longest bag]` buffer, ~4 MB per 256-document batch, which the layer then scans,
 * padding included. Reading the ids where they already are cut the model's share of scoring
 * 1.6-2.1x (bench/results/scoring.md, "round 4").
 *
 * Exactly equal to {@link poolBags} on {@link packBatch}'s rows: bucket `b` is table row `b + 1`,
 * bags are truncated at `maxSparse`, and the same double additions run in the same order.
 *
 * @param table row-major `[buckets + 1, dim]`, row 0 the padding row
 * @returns row-major `[vectors.length, dim]`
 */
export function poolFeatureBags(
  table: Float32Array,
  dim: number,
  vectors: readonly FeatureVector[],
  maxSparse: number,
  pooling: BagPooling,
): Float32Array {
  const out = new Float32Array(vectors.length * dim);
  const acc = new Float64Array(dim);
  for (let v = 0; v < vectors.length; v++) poolBagInto(table, dim, vectors[v]!.sparse, maxSparse, pooling, out, v, acc);
  return out;
}

/**
 * Pools one bag, `ids`, into row `row` of `out` (row-major `[rows, dim]`): one vector of
 * {@link poolFeatureBags}, the same additions in the same order. `acc` (length `dim`) is scratch
 * for widths above 1.
 */
export function poolBagInto(
  table: Float32Array,
  dim: number,
  ids: Int32Array,
  maxSparse: number,
  pooling: BagPooling,
  out: Float32Array,
  row: number,
  acc: Float64Array = new Float64Array(dim),
): void {
  const rows = table.length / dim;
  const n = Math.min(ids.length, maxSparse);
  const scale = pooling === 'mean' ? 1 / Math.max(n, 1) : 1;
  if (dim === 1) {
    // The shipped width: the accumulator in a local, as poolBags' own width-1 loop.
    let a0 = 0;
    for (let i = 0; i < n; i++) a0 += table[checkedRow(ids[i]!, rows)]!;
    out[row] = a0 * scale;
    return;
  }
  acc.fill(0);
  for (let i = 0; i < n; i++) {
    const r = checkedRow(ids[i]!, rows) * dim;
    for (let d = 0; d < dim; d++) acc[d]! += table[r + d]!;
  }
  for (let d = 0; d < dim; d++) out[row * dim + d] = acc[d]! * scale;
}

/** Table row of bucket `bucket`, or a RangeError for a bucket the table has no row for. */
function checkedRow(bucket: number, rows: number): number {
  const row = bucket + 1;
  if (row < 1 || row >= rows) throw new RangeError(`n-gram bucket ${bucket} outside the table's ${rows - 1} buckets`);
  return row;
}

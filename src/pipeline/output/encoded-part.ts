import { gunzipSync, gzipSync } from 'node:zlib';
import type { ShardName } from '../../routing/shards.js';

/** One batch's records of one shard as the output holds them: gzip JSONL, a single gzip member. */
export interface EncodedPart {
  gzip: Uint8Array;
  /** Uncompressed bytes: what shards rotate by, without decoding. */
  bytes: number;
  records: number;
}

export interface EncodePartOptions {
  /**
   * Store the JSONL in the gzip member without compressing it (deflate's stored blocks, zlib level
   * 0): for a part that waits for a run step, which will rewrite it and compress it then (see
   * `applyRecordEdits`), so that it is not compressed twice. Still a valid gzip file. @defaultValue false
   */
  store?: boolean;
}

/**
 * Serialises records as JSONL and compresses them as one gzip member (a multi-member gzip is valid
 * gzip, so parts append into a shard as they are). One buffer and one zlib call: a part is at most a
 * batch's text, and it runs on the thread that processed the batch. Pure; the same records always
 * give the same bytes.
 */
export function encodePart(records: readonly unknown[], options: EncodePartOptions = {}): EncodedPart {
  const json = Buffer.from(records.map((record) => JSON.stringify(record) + '\n').join(''));
  return { gzip: gzipSync(json, options.store ? { level: 0 } : {}), bytes: json.length, records: records.length };
}

/**
 * zlib level of a shard's parts where a run step writes them (see `applyRecordEdits`): zlib's
 * default (6) but for `duplicate/`, at level 1. Why: that shard exists only in a run with a run step,
 * is written whole at the run's end, when no batch overlaps it, and holds text whose kept copy is in
 * the route shards; on the pipeline bench input (nearly all duplicates) level 1 compresses 2.5 times
 * as fast as 6 for 11% more bytes (0.383 against 0.344 of the JSONL).
 */
export function partLevel(shard: ShardName): number {
  return shard === 'duplicate' ? 1 : 6;
}

/** The JSONL text of a part (for the rare part a shard rotation falls inside). */
export function decodePart(part: EncodedPart): Buffer {
  return gunzipSync(part.gzip);
}

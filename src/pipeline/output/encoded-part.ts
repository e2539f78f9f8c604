import { gunzipSync, gzipSync } from 'node:zlib';

/** One batch's records of one shard as the output holds them: gzip JSONL, a single gzip member. */
export interface EncodedPart {
  gzip: Uint8Array;
  /** Uncompressed bytes: what shards rotate by, without decoding. */
  bytes: number;
  records: number;
}

/**
 * Serialises records as JSONL and compresses them as one gzip member (a multi-member gzip is valid
 * gzip, so parts append into a shard as they are). One buffer and one zlib call: a part is at most a
 * batch's text, and it runs on the thread that processed the batch. Pure; the same records always
 * give the same bytes.
 */
export function encodePart(records: readonly unknown[]): EncodedPart {
  const json = Buffer.from(records.map((record) => JSON.stringify(record) + '\n').join(''));
  return { gzip: gzipSync(json), bytes: json.length, records: records.length };
}

/** The JSONL text of a part (for the rare part a shard rotation falls inside). */
export function decodePart(part: EncodedPart): Buffer {
  return gunzipSync(part.gzip);
}

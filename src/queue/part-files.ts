import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { IN_PROGRESS_SUFFIX } from '../pipeline/shard-writer.js';
import type { ShardName } from '../pipeline/output-dir.js';

/** Where workers write their per-batch parts, under the run's output directory. */
export const PARTS_DIR = 'parts';

/** `<out>/parts/<shard>/batch-000123.jsonl.gz`: one file per batch and shard. */
export function partPath(outDir: string, shard: ShardName, batch: number): string {
  return join(outDir, PARTS_DIR, shard, `batch-${String(batch).padStart(6, '0')}.jsonl.gz`);
}

const gzipAsync = promisify(gzip);

/**
 * Writes one batch's records of one shard as gzip JSONL (a single gzip member, so finalize can
 * append it to a shard as is) under a temporary name unique to this attempt, then renames it into
 * place: a re-processed batch replaces its part whole, and two workers that both ran a stalled
 * batch cannot interleave their bytes. Returns the part's uncompressed size in bytes, which
 * finalize needs to rotate shards where the local executor's `ShardWriter` does.
 */
export async function writePart(path: string, records: readonly unknown[]): Promise<number> {
  await mkdir(join(path, '..'), { recursive: true });
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}${IN_PROGRESS_SUFFIX}`;
  // One buffer and one zlib call: a batch part is at most a batch's text, and compressing it on the
  // libuv pool in one go is much cheaper than streaming it line by line.
  const json = Buffer.from(records.map((record) => JSON.stringify(record) + '\n').join(''));
  try {
    await writeFile(temp, await gzipAsync(json));
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return json.length;
}

/** Removes a part a batch no longer has (safe when it does not exist). */
export async function removePart(path: string): Promise<void> {
  await rm(path, { force: true });
}

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { CrawlsiftError } from '../../errors.js';
import type { EncodedPart } from '../../pipeline/output/encoded-part.js';
import { IN_PROGRESS_SUFFIX } from '../../pipeline/output/shard-assembler.js';
import type { ShardName } from '../../pipeline/shards.js';

/** Where workers write their per-batch parts, under the run's output directory. */
export const PARTS_DIR = 'parts';

/** `<out>/parts/<shard>/batch-000123.jsonl.gz`: one file per batch and shard. */
export function partPath(outDir: string, shard: ShardName, batch: number): string {
  return join(outDir, PARTS_DIR, shard, `batch-${String(batch).padStart(6, '0')}.jsonl.gz`);
}

/**
 * Writes one batch's encoded part of one shard under a temporary name unique to this attempt, then
 * renames it into place: a re-processed batch replaces its part whole, and two workers that both ran
 * a stalled batch cannot interleave their bytes.
 */
export async function writePart(path: string, part: EncodedPart): Promise<void> {
  await writeWhole(path, part.gzip);
}

async function writeWhole(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}${IN_PROGRESS_SUFFIX}`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * `<out>/parts/summaries/batch-000123.v8`: a batch's stage summaries (`BatchResult.summaries`). They
 * can hold tens of kilobytes of counts per batch, too much to keep in Redis for every batch of a run,
 * so they sit beside the parts, written whole (v8 serialisation, which keeps typed arrays as the batch
 * threads hand them over) and read back by `finalize`.
 */
export function summariesPath(outDir: string, batch: number): string {
  return join(outDir, PARTS_DIR, 'summaries', `batch-${String(batch).padStart(6, '0')}.v8`);
}

/** Writes a batch's summaries under a temporary name, then renames it into place; returns its size in bytes. */
export async function writeSummaries(path: string, summaries: Record<string, unknown>): Promise<number> {
  const bytes = serialize(summaries);
  await writeWhole(path, bytes);
  return bytes.length;
}

/** Reads back the summaries a batch recorded as `bytes` long. */
export async function readSummaries(path: string, bytes: number): Promise<Record<string, unknown>> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    throw new CrawlsiftError('part-unreadable', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (data.length !== bytes) throw new CrawlsiftError('part-mismatch', `${path} is not the ${bytes}-byte summary file its batch recorded (truncated or replaced?)`);
  return deserialize(data) as Record<string, unknown>;
}

/**
 * Reads back a part a worker recorded as `bytes` uncompressed bytes in `records` records. The gzip
 * trailer's size field is checked against `bytes`, so a truncated or replaced part fails here instead
 * of leaving a shard that does not hold what the manifest counts.
 */
export async function readPart(path: string, size: { bytes: number; records: number }): Promise<EncodedPart> {
  let gzip: Buffer;
  try {
    gzip = await readFile(path);
  } catch (error) {
    throw new CrawlsiftError('part-unreadable', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  const ok = gzip.length >= 18 && gzip[0] === 0x1f && gzip[1] === 0x8b && gzip.readUInt32LE(gzip.length - 4) === size.bytes % 2 ** 32;
  if (!ok) throw new CrawlsiftError('part-mismatch', `${path} is not the gzip part of ${size.bytes} bytes its batch recorded (truncated or replaced?)`);
  return { gzip, ...size };
}

/** Removes a part a batch no longer has (safe when it does not exist). */
export async function removePart(path: string): Promise<void> {
  await rm(path, { force: true });
}

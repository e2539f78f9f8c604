import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CrawlsiftError } from '../../errors.js';
import type { EncodedPart } from '../../pipeline/output/encoded-part.js';
import { IN_PROGRESS_SUFFIX } from '../../pipeline/output/shard-assembler.js';
import { runFilesIn } from '../../pipeline/output/output-dir.js';
import { SHARDS, type ShardName } from '../../pipeline/shards.js';

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
  await mkdir(join(path, '..'), { recursive: true });
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}${IN_PROGRESS_SUFFIX}`;
  try {
    await writeFile(temp, part.gzip);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
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

/** Part files and the temporary names they are written under (`batch-000123.jsonl.gz.<pid>-<hex>.inprogress`). */
const PART_FILE = /^batch-\d{6}\.jsonl\.gz(\.\d+-[0-9a-f]+\.inprogress)?$/;

/**
 * Removes `<out>/parts/` (a new run's leftovers, or a finalized run's parts): crawlsift's part files
 * only. Refuses, naming it, anything else found there, before removing anything.
 */
export async function removePartFiles(outDir: string): Promise<void> {
  const dir = join(outDir, PARTS_DIR);
  const files = await runFilesIn(dir, SHARDS, PART_FILE);
  for (const file of files) await rm(file, { force: true });
  for (const shard of SHARDS) await rmdir(join(dir, shard)).catch(() => undefined);
  await rmdir(dir).catch(() => undefined);
}

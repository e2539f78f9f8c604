import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { IN_PROGRESS_SUFFIX } from '../pipeline/shard-writer.js';
import type { ShardName } from '../pipeline/output-dir.js';

/** Where workers write their per-batch parts, under the run's output directory. */
export const PARTS_DIR = 'parts';

/** `<out>/parts/<shard>/batch-000123.jsonl.gz`: one file per batch and shard. */
export function partPath(outDir: string, shard: ShardName, batch: number): string {
  return join(outDir, PARTS_DIR, shard, `batch-${String(batch).padStart(6, '0')}.jsonl.gz`);
}

/**
 * Writes one batch's records of one shard as gzip JSONL under a temporary name unique to this
 * attempt, then renames it into place: a re-processed batch replaces its part whole, and two
 * workers that both ran a stalled batch cannot interleave their bytes.
 */
export async function writePart(path: string, records: readonly unknown[]): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}${IN_PROGRESS_SUFFIX}`;
  try {
    const lines = (function* () {
      for (const record of records) yield JSON.stringify(record) + '\n';
    })();
    await pipeline(Readable.from(lines), createGzip(), createWriteStream(temp));
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Removes a part a batch no longer has (safe when it does not exist). */
export async function removePart(path: string): Promise<void> {
  await rm(path, { force: true });
}

/** The records of a part, in order. */
export async function* readPart(path: string): AsyncGenerator<unknown> {
  const source = createReadStream(path);
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  const lines = createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length > 0) yield JSON.parse(line);
  }
}

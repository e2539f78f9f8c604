import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CrawlsiftError } from '../../errors.js';
import { BatchResultSchema } from '../batch-result.js';
import type { ProcessedBatch } from '../process-batch.js';
import { SHARDS, type ShardName } from '../../routing/shards.js';
import type { EncodedPart } from './encoded-part.js';
import { runFilesIn } from './output-dir.js';
import type { BatchParts } from './run-output.js';
import { IN_PROGRESS_SUFFIX } from './shard-assembler.js';

/**
 * Where a batch's files wait for the run's end, under the output directory: the queue's workers
 * write them there, and so does the local executor when a run step needs every batch first.
 */
export const PARTS_DIR = 'parts';

/** `<out>/parts/<shard>/batch-000123.jsonl.gz`: one file per batch and shard. */
export function partPath(outDir: string, shard: ShardName, batch: number): string {
  return join(outDir, PARTS_DIR, shard, `batch-${batchName(batch)}.jsonl.gz`);
}

/** `<out>/parts/sidecar-<stage>/batch-000123.bin`: a stage's sidecar of one batch (see `Stage.sidecar`). */
export function sidecarPath(outDir: string, stage: string, batch: number): string {
  return join(outDir, PARTS_DIR, `sidecar-${stage}`, `batch-${batchName(batch)}.bin`);
}

function batchName(batch: number): string {
  return String(batch).padStart(6, '0');
}

const FileSizeSchema = z.object({ bytes: z.number().int().nonnegative() });
const PartSizeSchema = FileSizeSchema.extend({ records: z.number().int().positive() });

/** What a finished batch left: its result, and the size of each file it wrote (checked when read back). */
export const BatchRecordSchema = z.object({
  result: BatchResultSchema,
  /** The size of each part file: shards rotate by them without decoding. */
  parts: z.partialRecord(z.enum(SHARDS), PartSizeSchema),
  /** The size of each stage's sidecar file, by stage name. */
  sidecars: z.record(z.string(), FileSizeSchema).optional(),
  /**
   * Set when the batch failed its every attempt and its records were rejected (`processing-failed`)
   * instead: the last error. `produce` run again re-queues such a batch, as it does failed ones.
   */
  failed: z.object({ code: z.string().optional(), message: z.string() }).optional(),
});
export type BatchRecord = z.infer<typeof BatchRecordSchema>;

/**
 * Writes a processed batch's part files and sidecars (a batch without a part of a shard removes
 * any such part an earlier attempt left) and returns its record. `onWritten` hears after each
 * file is in place (fault injection).
 */
export async function writeBatchFiles(outDir: string, batch: number, processed: ProcessedBatch, onWritten?: () => void): Promise<BatchRecord> {
  const record: BatchRecord = { result: processed.result, parts: {} };
  for (const shard of SHARDS) {
    const path = partPath(outDir, shard, batch);
    const part = processed.parts[shard];
    if (!part) {
      await rm(path, { force: true });
      continue;
    }
    await writeAtomically(path, part.gzip);
    record.parts[shard] = { bytes: part.bytes, records: part.records };
    onWritten?.();
  }
  for (const [stage, bytes] of Object.entries(processed.sidecars ?? {})) {
    await writeAtomically(sidecarPath(outDir, stage, batch), bytes);
    (record.sidecars ??= {})[stage] = { bytes: bytes.byteLength };
    onWritten?.();
  }
  return record;
}

/**
 * Writes a file under a temporary name unique to this attempt, then renames it into place: a
 * re-processed batch replaces its file whole, and two workers that both ran a stalled batch cannot
 * interleave their bytes.
 */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}${IN_PROGRESS_SUFFIX}`;
  try {
    // The folder is made when the first write finds it missing, not before every write (a run writes
    // thousands of files into a few folders; a mkdir each was a tenth of the main thread's file work).
    await writeFile(temp, bytes).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(temp, bytes);
    });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes one batch's encoded part of one shard (see {@link writeBatchFiles}). */
export function writePart(path: string, part: EncodedPart): Promise<void> {
  return writeAtomically(path, part.gzip);
}

/**
 * Reads back a part a batch recorded as `bytes` uncompressed bytes in `records` records. The gzip
 * trailer's size field is checked against `bytes`, so a truncated or replaced part fails here instead
 * of leaving a shard that does not hold what the manifest counts.
 */
export async function readPart(path: string, size: { bytes: number; records: number }): Promise<EncodedPart> {
  const gzip = await readBatchFile(path);
  const ok = gzip.length >= 18 && gzip[0] === 0x1f && gzip[1] === 0x8b && gzip.readUInt32LE(gzip.length - 4) === size.bytes % 2 ** 32;
  if (!ok) throw new CrawlsiftError('part-mismatch', `${path} is not the gzip part of ${size.bytes} bytes its batch recorded (truncated or replaced?)`);
  return { gzip, ...size };
}

/** The parts a done batch wrote, checked against what it recorded. */
export async function readBatchParts(outDir: string, batch: number, recorded: BatchRecord): Promise<BatchParts> {
  const parts: BatchParts = {};
  for (const shard of SHARDS) {
    const expected = recorded.result.shards[shard];
    const size = recorded.parts[shard];
    if (expected === 0) continue;
    if (size === undefined || size.records !== expected) {
      throw new CrawlsiftError('part-mismatch', `batch ${batch} recorded ${expected} ${shard} records but ${size ? `a part of ${size.records}` : 'no part'}`);
    }
    parts[shard] = await readPart(partPath(outDir, shard, batch), size);
  }
  return parts;
}

/**
 * A stage's sidecar of a done batch, checked against the size the batch recorded; undefined when the
 * stage never ran on the batch (it failed every attempt, its records were rejected).
 */
export async function readSidecar(outDir: string, stage: string, batch: number, recorded: BatchRecord): Promise<Uint8Array | undefined> {
  const size = recorded.sidecars?.[stage];
  const path = sidecarPath(outDir, stage, batch);
  if (!size && recorded.result.stages[stage] === undefined) return undefined;
  if (!size) throw new CrawlsiftError('sidecar-missing', `batch ${batch} recorded no ${stage} sidecar (was it processed by a worker of another version, or with the stage off?)`);
  const bytes = await readBatchFile(path);
  if (bytes.length !== size.bytes) throw new CrawlsiftError('part-mismatch', `${path} has ${bytes.length} bytes, its batch recorded ${size.bytes} (truncated or replaced?)`);
  return bytes;
}

async function readBatchFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new CrawlsiftError('part-unreadable', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** Removes the part files and sidecars a done batch recorded (see `AssembleRunOptions.removeAppended`). */
export async function removeBatchFiles(outDir: string, batch: number, recorded: BatchRecord): Promise<void> {
  const paths = [
    ...Object.keys(recorded.parts).map((shard) => partPath(outDir, shard as ShardName, batch)),
    ...Object.keys(recorded.sidecars ?? {}).map((stage) => sidecarPath(outDir, stage, batch)),
  ];
  await Promise.all(paths.map((path) => rm(path, { force: true })));
}

/** Part files and sidecars, and the temporary names they are written under (`batch-000123.jsonl.gz.<pid>-<hex>.inprogress`). */
const PART_FILE = /^batch-\d{6}\.jsonl\.gz(\.\d+-[0-9a-f]+\.inprogress)?$/;
const SIDECAR_FILE = /^batch-\d{6}\.bin(\.\d+-[0-9a-f]+\.inprogress)?$/;

/**
 * Removes `<out>/parts/` (a new run's leftovers, or a finished run's parts and sidecars): crawlsift's
 * files only. Refuses, naming it, anything else found in its shard and sidecar folders, before
 * removing anything.
 */
export async function removePartFiles(outDir: string): Promise<void> {
  const dir = join(outDir, PARTS_DIR);
  const sidecarDirs = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.startsWith('sidecar-'));
  const files = [...(await runFilesIn(dir, SHARDS, PART_FILE)), ...(await runFilesIn(dir, sidecarDirs, SIDECAR_FILE))];
  for (const file of files) await rm(file, { force: true });
  for (const sub of [...SHARDS, ...sidecarDirs]) await rmdir(join(dir, sub)).catch(() => undefined);
  await rmdir(dir).catch(() => undefined);
}

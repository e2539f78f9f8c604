import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { CrawlsiftError } from '../errors.js';
import { DEFAULT_SHARD_WRITER_OPTIONS, IN_PROGRESS_SUFFIX, type ShardWriterOptions } from '../pipeline/shard-writer.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

interface OpenShard {
  finalPath: string;
  tempPath: string;
  file: FileHandle;
  /** Uncompressed bytes in the shard so far. */
  bytes: number;
}

/**
 * Builds one route's shards from the workers' per-batch gzip parts by appending each part's bytes
 * as a gzip member (a multi-member gzip is valid gzip: zcat and Node's gunzip read it whole), so
 * finalize neither parses nor recompresses the records. Produces the same files as the local
 * executor's `ShardWriter`: the same names, and a rotation after the record that brings a shard
 * to `shardBytes` uncompressed bytes. Only a part that such a rotation falls inside is decoded, and
 * its records rewritten across the two shards; that happens once per shard at most.
 */
export class ShardConcatenator {
  readonly dir: string;
  private readonly options: ShardWriterOptions;
  private shard: OpenShard | undefined;
  private nextIndex = 0;
  private readonly finished: string[] = [];

  constructor(dir: string, options: Partial<ShardWriterOptions> = {}) {
    this.dir = dir;
    this.options = { ...DEFAULT_SHARD_WRITER_OPTIONS, ...options };
  }

  /** Paths of the shards completed so far. */
  get parts(): readonly string[] {
    return this.finished;
  }

  /**
   * Appends the part at `path`, which a worker recorded as `bytes` uncompressed bytes of JSONL.
   * The gzip trailer's size field is checked against `bytes`, so a truncated or replaced part fails
   * here instead of leaving a shard that does not hold what the manifest counts.
   */
  async appendPart(path: string, bytes: number): Promise<void> {
    const compressed = await readFile(path);
    checkGzipMember(path, compressed, bytes);
    const shard = this.shard ?? (await this.openShard());
    if (shard.bytes + bytes < this.options.shardBytes) {
      await shard.file.write(compressed);
      shard.bytes += bytes;
      return;
    }
    await this.appendRecordByRecord(path, compressed);
  }

  /** Completes the current shard (if any). Safe to call twice. */
  async close(): Promise<void> {
    const shard = this.shard;
    if (!shard) return;
    this.shard = undefined;
    await shard.file.close();
    await rename(shard.tempPath, shard.finalPath);
    this.finished.push(shard.finalPath);
  }

  /** Drops the shard in progress without renaming it: for finalize runs that fail. Safe to call twice. */
  async abort(): Promise<void> {
    const shard = this.shard;
    this.shard = undefined;
    if (!shard) return;
    await shard.file.close().catch(() => undefined);
    await rm(shard.tempPath, { force: true });
  }

  /** The rotation falls inside this part: split its lines where `ShardWriter` would, one gzip member per side. */
  private async appendRecordByRecord(path: string, compressed: Buffer): Promise<void> {
    let text: Buffer;
    try {
      text = await gunzipAsync(compressed);
    } catch (error) {
      throw new CrawlsiftError('part-unreadable', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
    }
    let start = 0;
    let segmentStart = 0;
    while (start < text.length) {
      const end = text.indexOf(0x0a, start);
      const next = end < 0 ? text.length : end + 1;
      const shard = this.shard ?? (await this.openShard());
      shard.bytes += next - start;
      start = next;
      if (shard.bytes >= this.options.shardBytes) {
        await shard.file.write(await gzipAsync(text.subarray(segmentStart, start)));
        segmentStart = start;
        await this.close();
      }
    }
    if (segmentStart < text.length) {
      const shard = this.shard ?? (await this.openShard());
      await shard.file.write(await gzipAsync(text.subarray(segmentStart)));
    }
  }

  private async openShard(): Promise<OpenShard> {
    await mkdir(this.dir, { recursive: true });
    const name = `${this.options.prefix}-${String(this.nextIndex).padStart(5, '0')}.jsonl.gz`;
    this.nextIndex += 1;
    const finalPath = join(this.dir, name);
    const tempPath = finalPath + IN_PROGRESS_SUFFIX;
    this.shard = { finalPath, tempPath, file: await open(tempPath, 'w'), bytes: 0 };
    return this.shard;
  }
}

/** A single gzip member whose trailer (ISIZE: uncompressed size mod 2^32) matches the recorded size. */
function checkGzipMember(path: string, data: Buffer, bytes: number): void {
  const ok = data.length >= 18 && data[0] === 0x1f && data[1] === 0x8b && data.readUInt32LE(data.length - 4) === bytes % 2 ** 32;
  if (!ok) throw new CrawlsiftError('part-mismatch', `${path} is not the gzip part of ${bytes} bytes its batch recorded (truncated or replaced?)`);
}

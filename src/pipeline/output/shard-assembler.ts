import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CrawlsiftError } from '../../errors.js';
import { decodePart, type EncodedPart } from './encoded-part.js';

export interface ShardAssemblerOptions {
  /** Rotate to a new shard file once this many uncompressed bytes are in the current one. @defaultValue 256 MiB */
  shardBytes: number;
  /** File name prefix of the shard files. @defaultValue 'part' */
  prefix: string;
}

export const DEFAULT_SHARD_OPTIONS: ShardAssemblerOptions = { shardBytes: 256 * 1024 * 1024, prefix: 'part' };

/** The suffix of a shard file still being written; a crashed run leaves only these, never a finished-looking file. */
export const IN_PROGRESS_SUFFIX = '.inprogress';

interface OpenShard {
  finalPath: string;
  tempPath: string;
  file: FileHandle;
  /** Uncompressed bytes in the shard file so far. */
  bytes: number;
}

/**
 * Builds one shard's files `<prefix>-00000.jsonl.gz`, ... from the batches' encoded parts, appended in
 * batch order, the same under both executors (the local executor hands it parts as threads finish
 * them; the queue's finalize reads them from the workers' part files). A part's bytes are appended as
 * a gzip member as they are, so records are neither parsed nor recompressed; the file rotates after the
 * record that brings it to `shardBytes` uncompressed bytes, and only a part that such a rotation falls
 * inside is decoded and split there (once per shard file at most). Each file is written under
 * `<name>.inprogress` and renamed when complete, so a finished-looking file is always whole.
 */
export class ShardAssembler {
  readonly dir: string;
  private readonly options: ShardAssemblerOptions;
  private shard: OpenShard | undefined;
  private nextIndex = 0;
  private readonly finished: string[] = [];
  private records = 0;

  constructor(dir: string, options: Partial<ShardAssemblerOptions> = {}) {
    this.dir = dir;
    // An option given as undefined (a flag left out) keeps its default: spread alone would put
    // undefined over it, and a shard would then never rotate.
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.options = { ...DEFAULT_SHARD_OPTIONS, ...given };
    if (!(this.options.shardBytes >= 1)) throw new RangeError(`shardBytes is ${this.options.shardBytes}: expected at least 1 byte`);
  }

  /** Paths of the shard files completed so far. */
  get parts(): readonly string[] {
    return this.finished;
  }

  /** Records appended so far. */
  get count(): number {
    return this.records;
  }

  /** Appends one batch's part of this shard. */
  async append(part: EncodedPart): Promise<void> {
    if (part.records === 0) return;
    this.records += part.records;
    const shard = this.shard ?? (await this.openShard());
    if (shard.bytes + part.bytes < this.options.shardBytes) {
      await shard.file.write(part.gzip);
      shard.bytes += part.bytes;
      return;
    }
    await this.appendRecordByRecord(part);
  }

  /** Completes the current shard file (if any). Safe to call twice. */
  async close(): Promise<void> {
    const shard = this.shard;
    if (!shard) return;
    this.shard = undefined;
    await shard.file.close();
    await rename(shard.tempPath, shard.finalPath);
    this.finished.push(shard.finalPath);
  }

  /** Drops the shard file in progress without renaming it: for runs that fail. Safe to call twice. */
  async abort(): Promise<void> {
    const shard = this.shard;
    this.shard = undefined;
    if (!shard) return;
    await shard.file.close().catch(() => undefined);
    await rm(shard.tempPath, { force: true });
  }

  /** A rotation falls inside this part: split its lines where it falls, one gzip member per side. */
  private async appendRecordByRecord(part: EncodedPart): Promise<void> {
    let text: Buffer;
    try {
      text = decodePart(part);
    } catch (error) {
      throw new CrawlsiftError('part-unreadable', `cannot decode a part of ${this.dir}: ${(error as Error).message}`, { cause: error });
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
        await shard.file.write(gzipSync(text.subarray(segmentStart, start)));
        segmentStart = start;
        await this.close();
      }
    }
    if (segmentStart < text.length) {
      const shard = this.shard ?? (await this.openShard());
      await shard.file.write(gzipSync(text.subarray(segmentStart)));
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

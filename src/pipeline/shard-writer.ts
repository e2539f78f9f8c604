import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { createGzip, type Gzip } from 'node:zlib';

export interface ShardWriterOptions {
  /** Rotate to a new part once this many uncompressed bytes are in the current one. @defaultValue 256 MiB */
  shardBytes: number;
  /** File name prefix of the parts. @defaultValue 'part' */
  prefix: string;
}

export const DEFAULT_SHARD_WRITER_OPTIONS: ShardWriterOptions = { shardBytes: 256 * 1024 * 1024, prefix: 'part' };

/** The suffix of a shard still being written; a crashed run leaves only these, never a finished-looking part. */
export const IN_PROGRESS_SUFFIX = '.inprogress';

interface OpenPart {
  finalPath: string;
  tempPath: string;
  gzip: Gzip;
  file: WriteStream;
  bytes: number;
}

/**
 * Writes one route's records as gzip JSONL parts `<prefix>-00000.jsonl.gz`, rotated at `shardBytes`
 * of uncompressed JSON. Each part is written under `<name>.inprogress` and renamed when complete,
 * so a finished-looking part is always whole.
 */
export class ShardWriter {
  readonly dir: string;
  private readonly options: ShardWriterOptions;
  private part: OpenPart | undefined;
  private nextIndex = 0;
  private readonly finished: string[] = [];
  private records = 0;

  constructor(dir: string, options: Partial<ShardWriterOptions> = {}) {
    this.dir = dir;
    // An option given as undefined (a flag left out) keeps its default: spread alone would put
    // undefined over it, and a part would then never rotate.
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.options = { ...DEFAULT_SHARD_WRITER_OPTIONS, ...given };
    if (!(this.options.shardBytes >= 1)) throw new RangeError(`shardBytes is ${this.options.shardBytes}: expected at least 1 byte`);
  }

  /** Paths of the parts completed so far. */
  get parts(): readonly string[] {
    return this.finished;
  }

  get count(): number {
    return this.records;
  }

  async write(record: unknown): Promise<void> {
    const line = JSON.stringify(record) + '\n';
    const part = this.part ?? (await this.openPart());
    part.bytes += Buffer.byteLength(line);
    this.records += 1;
    if (!part.gzip.write(line)) await once(part.gzip, 'drain');
    if (part.bytes >= this.options.shardBytes) await this.closePart();
  }

  /** Completes the current part (if any). Safe to call twice. */
  async close(): Promise<void> {
    await this.closePart();
  }

  /** Drops the part in progress without renaming it: for runs that fail. */
  async abort(): Promise<void> {
    const part = this.part;
    this.part = undefined;
    if (!part) return;
    // Let the streams finish on their own (destroying mid-write races the pending fs write), then delete.
    const closed = once(part.file, 'close').catch(() => undefined);
    part.gzip.end();
    await closed;
    await rm(part.tempPath, { force: true });
  }

  private async openPart(): Promise<OpenPart> {
    await mkdir(this.dir, { recursive: true });
    const name = `${this.options.prefix}-${String(this.nextIndex).padStart(5, '0')}.jsonl.gz`;
    this.nextIndex += 1;
    const finalPath = join(this.dir, name);
    const tempPath = finalPath + IN_PROGRESS_SUFFIX;
    const gzip = createGzip();
    const file = createWriteStream(tempPath);
    // Wait for the open so a bad directory fails here, and the in-progress file exists from now on.
    await once(file, 'open');
    gzip.pipe(file);
    this.part = { finalPath, tempPath, gzip, file, bytes: 0 };
    return this.part;
  }

  private async closePart(): Promise<void> {
    const part = this.part;
    if (!part) return;
    this.part = undefined;
    const flushed = once(part.file, 'close');
    part.gzip.end();
    await flushed;
    await rename(part.tempPath, part.finalPath);
    this.finished.push(part.finalPath);
  }
}

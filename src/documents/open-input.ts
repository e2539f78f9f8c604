import { createReadStream } from 'node:fs';
import { ByteMeter } from './byte-meter.js';
import { gunzipMembers } from './gunzip-members.js';
import { InputError } from './input-error.js';
import { STDIN_PATH } from './input-format.js';
import { isZstdMagic, unzstdFrames } from './unzstd.js';

/** How the stored bytes are compressed, told by their first bytes (never by the file name). */
export type Compression = 'gzip' | 'zstd' | 'none';

/** An opened input: its bytes, decompressed when the data is gzip or zstd. */
export interface OpenedInput {
  /**
   * The (decompressed) bytes. Iterating throws a `GzipDataError` or `ZstdDataError` if the
   * compressed data is bad (`decodeFailure` tells a reader what to report).
   */
  bytes: AsyncIterable<Buffer>;
  compression: Compression;
  /** Bytes read from disk (compressed bytes for gzip and zstd) so far. */
  bytesRead(): number;
}

export interface OpenOptions {
  /** Decompress gzip and zstd data; with false, `bytes` are the stored bytes. */
  decompress: boolean;
  /** Where `-` reads from. */
  stdin?: AsyncIterable<Uint8Array>;
  /** Absolute byte position to start reading at (files only). @defaultValue 0 */
  start?: number;
  meter: ByteMeter;
  /** Hears of every number of bytes read (see ReaderOptions.onRead). */
  onRead?: (bytes: number) => void;
}

const isGzipMagic = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** The compression the first bytes of a file show. Pure. */
export function detectCompression(head: Uint8Array): Compression {
  if (isGzipMagic(head)) return 'gzip';
  return isZstdMagic(head) ? 'zstd' : 'none';
}

/** Bytes enough for every magic number `detectCompression` knows. */
export const MAGIC_BYTES = 4;

/**
 * Opens a file or stdin for streaming. Fails with an `InputError` if the file cannot be opened;
 * after that, read errors surface while iterating `bytes`.
 */
export async function openInput(path: string, options: OpenOptions): Promise<OpenedInput> {
  const start = options.start ?? 0;
  const source: AsyncIterable<Uint8Array> =
    path === STDIN_PATH
      ? (options.stdin ?? process.stdin)
      : createReadStream(path, { start, highWaterMark: 256 * 1024 });
  const iterator = source[Symbol.asyncIterator]();
  let read = 0;

  // Peek at the first bytes: enough for the gzip and zstd magic numbers, and an open error (ENOENT,
  // EACCES, EISDIR) surfaces here as an InputError rather than in the middle of a reader.
  const head: Buffer[] = [];
  let headLength = 0;
  let ended = false;
  try {
    while (headLength < MAGIC_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      const chunk = toBuffer(next.value);
      head.push(chunk);
      headLength += chunk.length;
    }
  } catch (error) {
    await iterator.return?.();
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? 'input-not-found' : 'input-unreadable',
      path,
      `cannot read ${path}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const first = Buffer.concat(head);
  const compression = detectCompression(first);

  async function* counted(): AsyncGenerator<Buffer> {
    try {
      if (first.length > 0) {
        read += first.length;
        options.onRead?.(first.length);
        options.meter.advanceTo(start + read);
        yield first;
      }
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        const chunk = toBuffer(next.value);
        read += chunk.length;
        options.onRead?.(chunk.length);
        options.meter.advanceTo(start + read);
        yield chunk;
      }
    } finally {
      // Closes the file when a reader stops early (oversize WARC, JSON array found and read).
      if (path !== STDIN_PATH) await iterator.return?.();
    }
  }

  // Multi-member and multi-frame files (`cat a.gz b.gz`, `cat a.zst b.zst`) read as one stream,
  // as `gzip -d` and `zstd -d` read them.
  const decompressor = options.decompress ? DECOMPRESSORS[compression] : undefined;
  const bytes = decompressor ? decompressor(counted()) : counted();
  return { bytes, compression, bytesRead: () => read };
}

const DECOMPRESSORS: Record<Compression, ((compressed: AsyncIterable<Buffer>) => AsyncIterable<Buffer>) | undefined> = {
  gzip: gunzipMembers,
  zstd: unzstdFrames,
  none: undefined,
};

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

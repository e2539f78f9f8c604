import { createReadStream } from 'node:fs';
import { ByteMeter } from './byte-meter.js';
import { GzipDataError, gunzipMembers } from './gunzip-members.js';
import { InputError } from './input-error.js';
import { STDIN_PATH } from './input-format.js';

/** An opened input: its bytes, decompressed when the data is gzip. */
export interface OpenedInput {
  /** The (decompressed) bytes. Iterating throws a `GzipDataError` if the gzip data is bad. */
  bytes: AsyncIterable<Buffer>;
  /** Whether the stored bytes start with the gzip magic number. */
  gzip: boolean;
  /** Bytes read from disk (compressed bytes for gzip) so far. */
  bytesRead(): number;
}

export interface OpenOptions {
  /** Decompress gzip data. WARC readers pass false: warcio inflates member by member itself. */
  decompress: boolean;
  /** Where `-` reads from. */
  stdin?: AsyncIterable<Uint8Array>;
  /** Absolute byte position to start reading at (files only). @defaultValue 0 */
  start?: number;
  meter: ByteMeter;
}

const isGzipMagic = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

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

  // Peek at least two bytes: enough for the gzip magic, and an open error (ENOENT, EACCES,
  // EISDIR) surfaces here as an InputError rather than in the middle of a reader.
  const head: Buffer[] = [];
  let headLength = 0;
  let ended = false;
  try {
    while (headLength < 2) {
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
  const gzip = isGzipMagic(first);

  async function* counted(): AsyncGenerator<Buffer> {
    try {
      if (first.length > 0) {
        read += first.length;
        options.meter.advanceTo(start + read);
        yield first;
      }
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        const chunk = toBuffer(next.value);
        read += chunk.length;
        options.meter.advanceTo(start + read);
        yield chunk;
      }
    } finally {
      // Closes the file when a reader stops early (oversize WARC, JSON array found and read).
      if (path !== STDIN_PATH) await iterator.return?.();
    }
  }

  // Multi-member files (`cat a.gz b.gz`) read as one stream, as `gzip -d` reads them.
  const bytes = gzip && options.decompress ? gunzipMembers(counted()) : counted();
  return { bytes, gzip, bytesRead: () => read };
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** True for zlib's "unexpected end of file": the gzip data stops before its member ends. */
export function isTruncatedGzip(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'Z_BUF_ERROR';
}

/** True for any zlib error (bad header, bad data, bad checksum, truncation). */
export function isGzipError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/**
 * True when the gzip data broke off after complete members (trailing junk, a cut header of a
 * further member): everything decoded before the error is whole, so a last line without a
 * newline is a complete record, not one cut by the damage.
 */
export function endsAfterCompleteMembers(error: unknown): boolean {
  return error instanceof GzipDataError && error.afterCompleteMembers;
}

/** The compressed offset where decoding stopped, when the error knows it. */
export function gzipErrorOffset(error: unknown): number | undefined {
  return error instanceof GzipDataError ? error.offset : undefined;
}

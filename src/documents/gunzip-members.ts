import * as zlib from 'node:zlib';
import type { InflateRaw } from 'node:zlib';

/**
 * Gzip data that cannot be decoded past `offset`. `code` follows zlib's, so one check covers this
 * and zlib's own errors: `Z_BUF_ERROR` when the data stops before its member ends (truncation),
 * `Z_DATA_ERROR` for bytes that are not valid gzip.
 */
export class GzipDataError extends Error {
  constructor(
    readonly code: 'Z_BUF_ERROR' | 'Z_DATA_ERROR',
    message: string,
    /** Compressed byte offset where decoding stopped (for a truncation: the end of the data). */
    readonly offset: number,
    /**
     * True when every member before `offset` was decoded whole and its checksum matched: the bad
     * bytes follow a complete member (trailing junk), so no decoded byte was cut short.
     */
    readonly afterCompleteMembers: boolean,
  ) {
    super(message);
    this.name = 'GzipDataError';
  }
}

const ID1 = 0x1f;
const ID2 = 0x8b;
const CM_DEFLATE = 8;
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const FRESERVED = 0xe0;
const EMPTY = Buffer.alloc(0);

/**
 * Decompresses gzip data member by member (RFC 1952), as `gzip -d` does: members follow each other
 * (`cat a.gz b.gz`), zero bytes between or after members are padding. Unlike Node's Gunzip, which
 * drops the output of the write that meets bad data, every byte of every complete member is yielded
 * before a `GzipDataError` for what follows it (trailing junk, a cut or damaged member). Streams:
 * one compressed chunk and one output buffer in flight.
 */
export async function* gunzipMembers(compressed: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const input = new CompressedInput(compressed[Symbol.asyncIterator]());
  try {
    for (let members = 0; ; members++) {
      if ((await input.skipZeros()) === null) return;
      await readHeader(input, members > 0);
      const check = yield* inflateMember(input);
      await readTrailer(input, check);
    }
  } finally {
    input.close();
  }
}

/** Pulls compressed chunks and lets a reader hand back the unused tail of the last one. */
class CompressedInput {
  private pending: Buffer = EMPTY;
  private ended = false;
  /** Compressed bytes consumed so far: the offset of the next byte handed out. */
  offset = 0;

  constructor(private readonly iterator: AsyncIterator<Buffer>) {}

  /** The next unread bytes (at least one), or null at the end of the data. */
  async chunk(): Promise<Buffer | null> {
    if (this.pending.length === 0) {
      if (this.ended) return null;
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        return null;
      }
      this.pending = next.value;
      if (this.pending.length === 0) return this.chunk();
    }
    const chunk = this.pending;
    this.pending = EMPTY;
    this.offset += chunk.length;
    return chunk;
  }

  /** Gives back the last `bytes` of the chunk just taken. */
  unread(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.pending = bytes;
    this.offset -= bytes.length;
  }

  /** Exactly `n` bytes, or fewer when the data ends first. */
  async take(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let length = 0;
    while (length < n) {
      const chunk = await this.chunk();
      if (chunk === null) break;
      const used = Math.min(chunk.length, n - length);
      parts.push(chunk.subarray(0, used));
      this.unread(chunk.subarray(used));
      length += used;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
  }

  /** Skips zero padding; returns the offset of the next non-zero byte, or null at the end. */
  async skipZeros(): Promise<number | null> {
    for (;;) {
      const chunk = await this.chunk();
      if (chunk === null) return null;
      let i = 0;
      while (i < chunk.length && chunk[i] === 0) i++;
      this.unread(chunk.subarray(i));
      if (i < chunk.length) return this.offset;
    }
  }

  /** Skips to just after the next zero byte (a header's file name or comment). */
  async skipPastZero(): Promise<boolean> {
    for (;;) {
      const chunk = await this.chunk();
      if (chunk === null) return false;
      const zero = chunk.indexOf(0);
      if (zero !== -1) {
        this.unread(chunk.subarray(zero + 1));
        return true;
      }
    }
  }

  close(): void {
    // Not awaited: a pending read (stdin) would hold the reader up; the source closes when it ends.
    this.iterator.return?.().catch(() => undefined);
  }
}

const truncated = (input: CompressedInput, where: string, afterCompleteMembers = false): GzipDataError =>
  new GzipDataError('Z_BUF_ERROR', `unexpected end of file (${where})`, input.offset, afterCompleteMembers);

/** Reads one member header. A member after the first that is not gzip is trailing junk. */
async function readHeader(input: CompressedInput, afterMember: boolean): Promise<void> {
  const start = input.offset;
  const bad = (message: string) => new GzipDataError('Z_DATA_ERROR', message, start, afterMember);
  const cut = () => truncated(input, 'in a gzip header', afterMember);
  const fixed = await input.take(10);
  if ((fixed.length >= 1 && fixed[0] !== ID1) || (fixed.length >= 2 && fixed[1] !== ID2)) {
    throw bad(afterMember ? 'the data after a complete gzip member is not gzip' : 'incorrect header check');
  }
  if (fixed.length < 10) throw cut();
  const flags = fixed[3]!;
  if (fixed[2] !== CM_DEFLATE) throw bad('unknown compression method');
  if (flags & FRESERVED) throw bad('unknown header flags set');
  if (flags & FEXTRA) {
    const length = await input.take(2);
    if (length.length < 2) throw cut();
    const extra = length.readUInt16LE(0);
    if ((await input.take(extra)).length < extra) throw cut();
  }
  if (flags & FNAME && !(await input.skipPastZero())) throw cut();
  if (flags & FCOMMENT && !(await input.skipPastZero())) throw cut();
  if (flags & FHCRC && (await input.take(2)).length < 2) throw cut();
}

interface MemberCheck {
  crc: number;
  size: number;
}

/** A member whose deflate data ends inside the chunk at hand is inflated at once, up to this much output. */
const SYNC_OUTPUT_LIMIT = 4 * 1024 * 1024;

/**
 * Inflates one member's deflate data, yielding its output, and leaves `input` just after it.
 * InflateRaw stops at the end of the deflate data; its `bytesWritten` tells how much it used.
 */
async function* inflateMember(input: CompressedInput): AsyncGenerator<Buffer, MemberCheck> {
  const whole = await inflateWithinChunk(input);
  if (whole) {
    if (whole.length > 0) yield whole;
    return { crc: crc32(whole, 0), size: whole.length % 2 ** 32 };
  }
  return yield* inflateStreaming(input);
}

/**
 * Small members (one per record, as some writers make them) would each pay for a stream: a member
 * that ends inside the next chunk is inflated in one synchronous call instead. Returns null, with
 * `input` untouched, when it does not (the streaming path then reports any error).
 */
async function inflateWithinChunk(input: CompressedInput): Promise<Buffer | null> {
  const chunk = await input.chunk();
  if (chunk === null) return null;
  try {
    const options = { info: true, maxOutputLength: SYNC_OUTPUT_LIMIT };
    const { buffer, engine } = zlib.inflateRawSync(chunk, options) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    input.unread(chunk.subarray(engine.bytesWritten));
    return buffer;
  } catch {
    input.unread(chunk);
    return null;
  }
}

async function* inflateStreaming(input: CompressedInput): AsyncGenerator<Buffer, MemberCheck> {
  const inflater = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
  const start = input.offset;
  const feeding = feed(inflater, input).catch((error: unknown) => {
    inflater.destroy(error as Error);
  });
  const check: MemberCheck = { crc: 0, size: 0 };
  try {
    for await (const out of inflater as AsyncIterable<Buffer>) {
      check.crc = crc32(out, check.crc);
      check.size = (check.size + out.length) % 2 ** 32;
      yield out;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'Z_BUF_ERROR') throw truncated(input, 'in deflate data');
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new GzipDataError('Z_DATA_ERROR', (error as Error).message, start + inflater.bytesWritten, false);
    }
    throw error;
  } finally {
    inflater.destroy();
  }
  await feeding;
  return check;
}

/**
 * Writes compressed chunks until the inflater stops taking input (its deflate data ended: the
 * unused tail goes back to `input`) or the data ends (the inflater is ended, which fails if the
 * deflate data was cut).
 */
async function feed(inflater: InflateRaw, input: CompressedInput): Promise<void> {
  let written = 0;
  for (;;) {
    const chunk = await input.chunk();
    if (inflater.destroyed) {
      if (chunk) input.unread(chunk);
      return;
    }
    if (chunk === null) {
      inflater.end();
      return;
    }
    await write(inflater, chunk);
    written += chunk.length;
    const unused = written - inflater.bytesWritten;
    if (unused > 0 || inflater.destroyed) {
      input.unread(chunk.subarray(chunk.length - unused));
      return;
    }
  }
}

/** Resolves when the chunk is processed, or when the inflater closes (after an error) first. */
function write(inflater: InflateRaw, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const closed = () => resolve();
    inflater.once('close', closed);
    inflater.write(chunk, (error) => {
      inflater.off('close', closed);
      if (error) reject(error);
      else resolve();
    });
  });
}

async function readTrailer(input: CompressedInput, check: MemberCheck): Promise<void> {
  const start = input.offset;
  const trailer = await input.take(8);
  if (trailer.length < 8) throw truncated(input, 'in a gzip trailer');
  if (trailer.readUInt32LE(0) !== check.crc >>> 0) throw new GzipDataError('Z_DATA_ERROR', 'incorrect data check', start, false);
  if (trailer.readUInt32LE(4) !== check.size) throw new GzipDataError('Z_DATA_ERROR', 'incorrect length check', start, false);
}

/** zlib's CRC-32 (Node >= 20.15), else a table-driven one. */
const crc32: (data: Buffer, value: number) => number =
  typeof zlib.crc32 === 'function' ? (data, value) => zlib.crc32(data, value) : crc32Table;

let table: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3, as gzip uses) of `data`, continuing from `value`. Pure. */
export function crc32Table(data: Uint8Array, value = 0): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = ~value >>> 0;
  for (const byte of data) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

import * as zlib from 'node:zlib';
import type { InflateRaw } from 'node:zlib';
import { CompressedInput } from './compressed-input.js';
import { untilError } from './until-error.js';

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
  const start = input.offset;
  const within = await inflateWithinChunk(input);
  if (within?.damaged) {
    if (within.output.length > 0) yield within.output;
    throw new GzipDataError('Z_DATA_ERROR', within.damaged.message, start + within.damaged.at, false);
  }
  if (within) {
    if (within.output.length > 0) yield within.output;
    return { crc: crc32(within.output, 0), size: within.output.length % 2 ** 32 };
  }
  return yield* inflateStreaming(input);
}

/** A member inflated within one chunk: whole, or (`damagedAt`) up to bad data inside the chunk. */
type WithinChunk =
  | { output: Buffer; damaged?: undefined }
  /** `damaged.at`: where in the chunk the bad data makes decoding stop; `output` is all decoded before. */
  | { output: Buffer; damaged: { at: number; message: string } };

/**
 * Small members (one per record, as some writers make them) would each pay for a stream: a member
 * that ends inside the next chunk is inflated in one synchronous call instead. Bad data inside the
 * chunk is found the same way, and everything decodable before it kept (`decodableBefore`): a
 * stream would drop the last round's output. Returns null, with `input` untouched, when the member
 * goes on past the chunk or its output is large (the streaming path then reads it).
 */
async function inflateWithinChunk(input: CompressedInput): Promise<WithinChunk | null> {
  const chunk = await input.chunk();
  if (chunk === null) return null;
  try {
    const options = { info: true, maxOutputLength: SYNC_OUTPUT_LIMIT };
    const { buffer, engine } = zlib.inflateRawSync(chunk, options) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    input.unread(chunk.subarray(engine.bytesWritten));
    return { output: buffer };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR') {
      const before = decodableBefore(chunk);
      if (before) return { output: before.output, damaged: { at: before.damagedAt, message: (error as Error).message } };
    }
    input.unread(chunk);
    return null;
  }
}

/**
 * The longest prefix of `deflate` (which holds bad data) that inflates without an error, cut short
 * as it is (sync flush), and its output: a binary search, as a longer prefix fails whenever a
 * shorter one does. Undefined when the output is over `SYNC_OUTPUT_LIMIT`.
 */
function decodableBefore(deflate: Buffer): { output: Buffer; damagedAt: number } | undefined {
  const inflate = (length: number): Buffer | 'bad' | 'large' => {
    try {
      return zlib.inflateRawSync(deflate.subarray(0, length), { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: SYNC_OUTPUT_LIMIT });
    } catch (error) {
      return error instanceof RangeError ? 'large' : 'bad';
    }
  };
  let output = inflate(0);
  if (typeof output === 'string') return undefined;
  let good = 0;
  let bad = deflate.length;
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    const result = inflate(mid);
    if (result === 'large') return undefined;
    if (result === 'bad') bad = mid;
    else [good, output] = [mid, result];
  }
  return { output, damagedAt: bad };
}

/**
 * Decoded bytes per output chunk of a streaming inflater: one round of zlib's. Node's zlib drops the
 * output of the round that meets bad data, and moves `bytesWritten` once per round, so this bounds
 * what damage loses of the good data decoded just before it, and how far before where decoding
 * stopped its reported offset can be. Smaller rounds cost time: 16 KB decodes at about 170 MB/s
 * here (64 KB: 290 MB/s; 4 KB: 70 MB/s), still far beyond scoring.
 */
const OUTPUT_ROUND = 16 * 1024;

async function* inflateStreaming(input: CompressedInput): AsyncGenerator<Buffer, MemberCheck> {
  const inflater = zlib.createInflateRaw({ chunkSize: OUTPUT_ROUND });
  const start = input.offset;
  const feeding = feed(inflater, input).catch((error: unknown) => {
    inflater.destroy(error as Error);
  });
  const check: MemberCheck = { crc: 0, size: 0 };
  try {
    // Not `for await`: it drops the output already emitted when the inflater errors.
    for await (const out of untilError<Buffer>(inflater, 4)) {
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

import { Decompress } from 'fzstd';
import xxhash from 'xxhash-wasm';
import { CompressedInput } from './compressed-input.js';

/** xxhash-wasm compiles its WebAssembly once, on first use (XXH64 checks a zstd frame's checksum). */
let xxhashReady: ReturnType<typeof xxhash> | undefined;
const xxhashApi = (): ReturnType<typeof xxhash> => (xxhashReady ??= xxhash());

/**
 * Zstandard data that cannot be decoded past `offset`: `truncated` when the data stops inside a
 * frame, `corrupt` for bytes that are not valid zstd (or that this decoder cannot read: a
 * dictionary, a window over `MAX_WINDOW_BYTES`).
 */
export class ZstdDataError extends Error {
  constructor(
    readonly code: 'truncated' | 'corrupt',
    message: string,
    /** Compressed byte offset where decoding stopped (for a truncation: the end of the data). */
    readonly offset: number,
    /**
     * True when every frame before `offset` was decoded whole (and its checksum, if it has one,
     * matched): the bad bytes follow a complete frame (trailing junk), so no decoded byte was cut short.
     */
    readonly afterCompleteFrames: boolean,
  ) {
    super(message);
    this.name = 'ZstdDataError';
  }
}

/** A zstd frame starts with 28 B5 2F FD (0xFD2FB528 little-endian). */
const FRAME_MAGIC = [0x28, 0xb5, 0x2f, 0xfd] as const;
/** A skippable frame starts with 5? 2A 4D 18 (0x184D2A50..0x184D2A5F little-endian): data we skip. */
const SKIPPABLE_MAGIC = [0x50, 0x2a, 0x4d, 0x18] as const;

/**
 * The largest window this decoder takes. fzstd decodes back-references only up to 2^25 bytes, so a
 * larger window (made by `zstd --long` or `--ultra -20..22` on big files) would decode wrongly;
 * `zstd -d` itself refuses windows over 128 MiB unless told otherwise. Also bounds memory: one
 * window per frame is held.
 */
export const MAX_WINDOW_BYTES = 2 ** 25;
const MAX_BLOCK_BYTES = 128 * 1024;

/** Which kind of frame `head` (1 to 4 bytes) may be the start of, or null for neither. */
function magicPrefix(head: Uint8Array): 'frame' | 'skippable' | null {
  const matches = (magic: readonly number[], firstByteMask: number) =>
    head.every((byte, i) => (i === 0 ? (byte & firstByteMask) === magic[0] : byte === magic[i]));
  if (matches(FRAME_MAGIC, 0xff)) return 'frame';
  if (matches(SKIPPABLE_MAGIC, 0xf0)) return 'skippable';
  return null;
}

/** True for bytes that start with a zstd frame or a skippable frame magic number (needs 4 bytes). */
export function isZstdMagic(head: Uint8Array): boolean {
  return head.length >= 4 && magicPrefix(head.subarray(0, 4)) !== null;
}

/** What a frame header says (of a frame this decoder reads: no dictionary). */
interface FrameHeader {
  windowBytes: number;
  /** Decompressed size, when the header records it. */
  contentBytes?: number;
  /** Whether a 4-byte XXH64 checksum follows the last block. */
  checksum: boolean;
}

/** A frame header's length, magic number included, from its descriptor (the fifth byte). Pure. */
function frameHeaderLength(descriptor: number): number {
  const singleSegment = (descriptor >> 5) & 1;
  const contentSizeBytes = [singleSegment, 2, 4, 8][descriptor >> 6]!;
  return 5 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][descriptor & 3]! + contentSizeBytes;
}

/** Parses a whole frame header (`frameHeaderLength` bytes). Pure; a problem comes back as its message. */
function parseFrameHeader(header: Uint8Array): FrameHeader | string {
  const descriptor = header[4]!;
  if (descriptor & 0x08) return 'the reserved bit of a zstd frame header is set';
  const singleSegment = (descriptor >> 5) & 1;
  let at = 5;
  let windowBytes = 0;
  if (!singleSegment) {
    const exponent = header[at]! >> 3;
    const base = 2 ** (10 + exponent);
    windowBytes = base + (base / 8) * (header[at]! & 7);
    at++;
  }
  const dictionaryBytes = [0, 1, 2, 4][descriptor & 3]!;
  const dictionaryId = readLE(header, at, dictionaryBytes);
  at += dictionaryBytes;
  const contentSizeBytes = [singleSegment, 2, 4, 8][descriptor >> 6]!;
  let contentBytes: number | undefined;
  if (contentSizeBytes > 0) contentBytes = readLE(header, at, contentSizeBytes) + (contentSizeBytes === 2 ? 256 : 0);
  if (singleSegment) windowBytes = contentBytes!;
  if (dictionaryId !== 0) return `the zstd frame needs dictionary ${dictionaryId}; dictionary-compressed data is not supported`;
  if (windowBytes > MAX_WINDOW_BYTES) {
    return `the zstd frame's window of ${windowBytes} bytes is over the ${MAX_WINDOW_BYTES}-byte limit (zstd --long or --ultra data: decompress it with zstd -d first)`;
  }
  return { windowBytes, contentBytes, checksum: Boolean(descriptor & 0x04) };
}

/** An unsigned little-endian integer of `bytes` bytes (exact up to 2^53). */
function readLE(data: Uint8Array, at: number, bytes: number): number {
  let value = 0;
  for (let i = bytes - 1; i >= 0; i--) value = value * 256 + data[at + i]!;
  return value;
}

/**
 * Decompresses zstd data frame by frame, as `zstd -d` does: frames follow each other
 * (`cat a.zst b.zst`) and skippable frames are skipped; anything else after a frame is an error,
 * zero bytes included. Each block's output is yielded as soon as it is decoded, so everything
 * before damage comes out before the `ZstdDataError` for it; a frame's checksum (XXH64) and
 * content size are checked at its end. Streams: one compressed block, one window and one output
 * block in flight. fzstd decodes the blocks; the framing is read here, so errors know their offset
 * and whether they came between frames.
 */
export async function* unzstdFrames(compressed: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const input = new CompressedInput(compressed[Symbol.asyncIterator]());
  try {
    for (let frames = 0; ; frames++) {
      const start = input.offset;
      const magic = await input.take(4);
      if (magic.length === 0) return;
      const afterFrame = frames > 0;
      const kind = magicPrefix(magic);
      if (kind === null) {
        throw new ZstdDataError('corrupt', afterFrame ? 'the data after a complete zstd frame is not zstd' : 'not zstd data', start, afterFrame);
      }
      if (magic.length < 4) throw truncated(input, 'in a zstd frame header', afterFrame);
      if (kind === 'skippable') await skipFrame(input, afterFrame);
      else yield* decodeFrame(input, magic, afterFrame);
    }
  } finally {
    input.close();
  }
}

/** fzstd's messages ('invalid zstd data', 'FSE accuracy too high', ...) as one kind of message. */
function fzstdMessage(error: unknown): string {
  const message = (error as Error).message;
  return message.startsWith('invalid zstd data') ? message : `invalid zstd data: ${message}`;
}

const truncated = (input: CompressedInput, where: string, afterCompleteFrames = false): ZstdDataError =>
  new ZstdDataError('truncated', `unexpected end of zstd data (${where})`, input.offset, afterCompleteFrames);

async function skipFrame(input: CompressedInput, afterFrame: boolean): Promise<void> {
  const size = await input.take(4);
  if (size.length < 4) throw truncated(input, 'in a skippable frame header', afterFrame);
  const length = size.readUInt32LE(0);
  if ((await input.skip(length)) < length) throw truncated(input, 'in a skippable frame', afterFrame);
}

/** Decodes one frame whose magic number has been read; leaves `input` just after the frame. */
async function* decodeFrame(input: CompressedInput, magic: Buffer, afterFrame: boolean): AsyncGenerator<Buffer> {
  const start = input.offset - magic.length;
  const descriptor = await input.take(1);
  if (descriptor.length < 1) throw truncated(input, 'in a zstd frame header', afterFrame);
  const rest = await input.take(frameHeaderLength(descriptor[0]!) - 5);
  const headerBytes = Buffer.concat([magic, descriptor, rest]);
  if (headerBytes.length < frameHeaderLength(descriptor[0]!)) throw truncated(input, 'in a zstd frame header', afterFrame);
  const header = parseFrameHeader(headerBytes);
  if (typeof header === 'string') throw new ZstdDataError('corrupt', header, start, afterFrame);

  const outputs: Buffer[] = [];
  const decoder = new Decompress((data) => {
    if (data.length > 0) outputs.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
  const hash = header.checksum ? (await xxhashApi()).create64(0n) : undefined;
  let decoded = 0;
  /**
   * Hands fzstd the next bytes of the frame and yields what it decoded. What it throws is corrupt
   * data at `at`, thrown after the output of the blocks it decoded before the bad one.
   */
  async function* push(bytes: Buffer, final: boolean, at: number): AsyncGenerator<Buffer> {
    let failure: ZstdDataError | undefined;
    try {
      decoder.push(bytes, final);
    } catch (error) {
      failure = new ZstdDataError('corrupt', fzstdMessage(error), at, false);
    }
    for (const out of outputs.splice(0)) {
      hash?.update(out);
      decoded += out.length;
      yield out;
    }
    if (failure) throw failure;
  }

  yield* push(headerBytes, false, start);
  const blockLimit = Math.min(header.windowBytes, MAX_BLOCK_BYTES);
  for (;;) {
    const blockStart = input.offset;
    const blockHeader = await input.take(3);
    if (blockHeader.length < 3) throw truncated(input, 'in a zstd block header');
    const bits = blockHeader[0]! | (blockHeader[1]! << 8) | (blockHeader[2]! << 16);
    const last = (bits & 1) === 1;
    const type = (bits >> 1) & 3;
    const size = bits >>> 3;
    if (type === 3) throw new ZstdDataError('corrupt', 'invalid zstd data: reserved block type', blockStart, false);
    if (size > blockLimit) throw new ZstdDataError('corrupt', `invalid zstd data: a block of ${size} bytes is over the frame's ${blockLimit}-byte limit`, blockStart, false);
    // An RLE block holds one byte (repeated `size` times).
    const stored = type === 1 ? 1 : size;
    const content = await input.take(stored);
    if (content.length < stored) throw truncated(input, 'in a zstd block');
    // Header and content go separately: fzstd then joins them in a buffer of its own and keeps no
    // reference to our chunks (pushed together, it would hold on to every chunk until the frame ends).
    yield* push(blockHeader, false, blockStart);
    if (stored > 0) yield* push(content, false, blockStart);
    if (!last) continue;

    const checksumStart = input.offset;
    const checksum = await input.take(header.checksum ? 4 : 0);
    if (checksum.length < (header.checksum ? 4 : 0)) throw truncated(input, 'in a zstd frame checksum');
    // fzstd skips the checksum itself; passed on (final), it ends the frame and flushes a frame
    // shorter than the 18 bytes fzstd waits for before it starts decoding.
    yield* push(checksum, true, checksumStart);
    if (header.contentBytes !== undefined && decoded !== header.contentBytes) {
      throw new ZstdDataError('corrupt', `invalid zstd data: the frame decodes to ${decoded} bytes, its header says ${header.contentBytes}`, checksumStart, false);
    }
    if (hash && checksum.readUInt32LE(0) !== Number(hash.digest() & 0xffffffffn)) {
      throw new ZstdDataError('corrupt', 'invalid zstd data: checksum mismatch', checksumStart, false);
    }
    return;
  }
}

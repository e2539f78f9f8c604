import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** zstd fixtures, made by /usr/bin/zstd (see fixtures/zstd/LICENSE-NOTES.md). */
export const zstdFixture = (name: string): string => join('fixtures/zstd', name);
export const readZstdFixture = (name: string): Buffer => readFileSync(zstdFixture(name));

const MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
const MAX_BLOCK = 128 * 1024;

function blockHeader(size: number, type: 0 | 1 | 3, last: boolean): Buffer {
  const bits = (size << 3) | (type << 1) | (last ? 1 : 0);
  return Buffer.from([bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff]);
}

/**
 * A zstd frame of raw (stored) blocks, written by hand: zstd data of any content without a
 * compressor. No checksum; a 128 KiB window; the content size in the header when asked.
 */
export function rawFrame(content: Buffer | string, options: { contentSize?: number; blockBytes?: number } = {}): Buffer {
  const data = Buffer.from(content);
  const blockBytes = options.blockBytes ?? MAX_BLOCK;
  const withSize = options.contentSize !== undefined;
  const header = [MAGIC, Buffer.from([withSize ? 0x80 : 0x00, 7 << 3])];
  if (withSize) {
    const size = Buffer.alloc(4);
    size.writeUInt32LE(options.contentSize!);
    header.push(size);
  }
  const blocks: Buffer[] = [];
  for (let at = 0; at < data.length || at === 0; at += blockBytes) {
    const piece = data.subarray(at, at + blockBytes);
    blocks.push(blockHeader(piece.length, 0, at + blockBytes >= data.length), piece);
    if (data.length === 0) break;
  }
  return Buffer.concat([...header, ...blocks]);
}

/** A frame of one RLE block: `byte` repeated `count` times (count <= 128 KiB). */
export function rleFrame(byte: number, count: number): Buffer {
  return Buffer.concat([MAGIC, Buffer.from([0x00, 7 << 3]), blockHeader(count, 1, true), Buffer.from([byte])]);
}

/** A frame header as fields: descriptor byte and what follows it, then one raw last block. */
export function frameWith(descriptor: number, fields: number[], content: string): Buffer {
  return Buffer.concat([MAGIC, Buffer.from([descriptor, ...fields]), blockHeader(content.length, 0, true), Buffer.from(content)]);
}

/** A skippable frame (magic 0x184D2A5<nibble>) holding `payload`. */
export function skippableFrame(payload: Buffer | string, nibble = 0xa): Buffer {
  const data = Buffer.from(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32LE(0x184d2a50 + nibble, 0);
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data]);
}

/** Offsets of the block headers of a frame whose header is `headerLength` bytes long. */
export function blockOffsets(frame: Buffer, headerLength: number): number[] {
  const offsets: number[] = [];
  for (let at = headerLength; ; ) {
    offsets.push(at);
    const bits = frame[at]! | (frame[at + 1]! << 8) | (frame[at + 2]! << 16);
    const size = ((bits >> 1) & 3) === 1 ? 1 : bits >>> 3;
    at += 3 + size;
    if (bits & 1) return offsets;
  }
}

/** Bytes that look like nothing in particular, the same on every run; the first is no magic byte. */
export function junk(length: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  bytes[0] = 0x4a;
  return bytes;
}

/** The data in chunks of `size` bytes, as a file or a pipe might hand it over. */
export async function* chunks(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

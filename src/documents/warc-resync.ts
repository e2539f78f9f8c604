import { createReadStream } from 'node:fs';
import { ByteMeter } from './byte-meter.js';

/** Where a record can start: a gzip member header, or a WARC version line. */
export const GZIP_MEMBER_MARKER = Buffer.from([0x1f, 0x8b, 0x08]);
export const WARC_HEADER_MARKER = Buffer.from('WARC/1.', 'latin1');

/**
 * The absolute offset of the next `marker` at or after `from`, or null at end of file. Streams
 * the file and keeps only `marker.length - 1` bytes across chunk boundaries.
 */
export async function findNextMarker(path: string, from: number, marker: Buffer, meter: ByteMeter): Promise<number | null> {
  const stream = createReadStream(path, { start: from, highWaterMark: 256 * 1024 });
  let carry = Buffer.alloc(0);
  let carryStart = from; // absolute offset of `carry[0]`
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const window = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const hit = window.indexOf(marker);
      if (hit !== -1) return carryStart + hit;
      meter.advanceTo(carryStart + window.length);
      const keep = Math.min(window.length, marker.length - 1);
      carry = Buffer.from(window.subarray(window.length - keep));
      carryStart += window.length - keep;
    }
    return null;
  } finally {
    stream.destroy();
  }
}

import { RAW_LIMIT_BYTES } from './types.js';

/** One physical line of a byte stream, without its `\n` (and without a `\r` before it). */
export interface Line {
  /** 1-based line number. */
  number: number;
  /** The line's bytes, or `null` when it was longer than the limit and was not kept. */
  bytes: Buffer | null;
  /** The first RAW_LIMIT_BYTES bytes of an over-long line, for the rejected record. */
  head: Buffer;
  /** Length of the whole line in bytes, even when it was not kept. */
  byteLength: number;
  /** False for a last line with no newline after it (possibly cut short by truncation). */
  terminated: boolean;
}

/**
 * Splits a byte stream into lines, holding at most `maxLineBytes` of any one line: a longer
 * line is counted and skipped to its end, and only its head is kept. Memory stays flat however
 * long a line or a file is.
 */
export async function* readLines(chunks: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let length = 0;
  let overflow: Buffer | null = null;
  let number = 0;

  const append = (piece: Buffer): void => {
    if (overflow === null && length + piece.length > maxLineBytes) {
      overflow = Buffer.from(Buffer.concat([...parts, piece]).subarray(0, RAW_LIMIT_BYTES));
      parts = [];
    } else if (overflow === null && piece.length > 0) {
      parts.push(piece);
    }
    length += piece.length;
  };

  const finish = (terminated: boolean): Line => {
    number++;
    let bytes: Buffer | null = null;
    let head: Buffer;
    let byteLength = length;
    if (overflow === null) {
      bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
      if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) {
        bytes = bytes.subarray(0, bytes.length - 1);
        byteLength--;
      }
      head = bytes;
    } else {
      head = overflow;
    }
    parts = [];
    length = 0;
    overflow = null;
    return { number, bytes, head, byteLength, terminated };
  };

  for await (const chunk of chunks) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    while (start < buf.length) {
      const newline = buf.indexOf(0x0a, start);
      if (newline === -1) {
        append(buf.subarray(start));
        break;
      }
      append(buf.subarray(start, newline));
      yield finish(true);
      start = newline + 1;
    }
  }
  if (length > 0 || overflow !== null) yield finish(false);
}

/** True for a line of only spaces, tabs and carriage returns: not a record, just layout. */
export function isBlankLine(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  }
  return true;
}

import { RAW_LIMIT_BYTES } from './types.js';

/**
 * Cuts a string to at most `limit` UTF-8 bytes without splitting a character, so a rejected
 * record's `raw` is always valid text however long the original was.
 */
export function truncateUtf8(text: string, limit: number = RAW_LIMIT_BYTES): string {
  // Each UTF-16 unit encodes to at most 3 bytes, so short strings cannot be over the limit.
  if (text.length * 3 <= limit) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return text;
  return bytes.subarray(0, utf8Boundary(bytes, limit)).toString('utf8');
}

/**
 * Decodes bytes for `raw`, replacing invalid sequences with U+FFFD (we keep what we can of a
 * bad record), then cuts to `limit` bytes. Only the first few KB are decoded, so a huge line costs
 * no more than a small one.
 */
export function rawFromBytes(bytes: Uint8Array, limit: number = RAW_LIMIT_BYTES): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Replacement characters take 3 bytes for every bad byte, hence the generous head.
  const head = buf.length > limit * 3 ? buf.subarray(0, utf8Boundary(buf, limit * 3)) : buf;
  return truncateUtf8(head.toString('utf8'), limit);
}

/** The largest index <= `limit` that does not fall inside a multi-byte UTF-8 sequence. */
export function utf8Boundary(bytes: Uint8Array, limit: number): number {
  if (limit >= bytes.length) return bytes.length;
  let cut = limit;
  // Continuation bytes are 10xxxxxx; step back to the lead byte of the split character.
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80 && limit - cut < 3) cut--;
  return cut;
}

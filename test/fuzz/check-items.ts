// What every reader must do with any input, however broken: end (the sandbox's deadline), throw
// nothing, and yield only well-formed items (a document, or a rejection with a known reason and a
// source reference), in file order, no more of them than the input's size allows, and read the file
// a bounded number of times over (readBound: a bound proportional to its size).
import { expect } from 'vitest';
import { DEFAULT_READER_OPTIONS, RAW_LIMIT_BYTES, REJECT_REASONS, checkText, type ReadItem } from '../../src/documents/index.js';
import type { SandboxReply } from '../helpers/reader-sandbox/sandbox.js';

export type Framing = 'jsonl' | 'json' | 'warc';

export interface ReadCase {
  path: string;
  /** The file's bytes as written (after compression and mutations). */
  bytes: Buffer;
  framing: Framing;
  /** Whether the bytes were compressed before they were mutated. */
  compressed: boolean;
}

/** The most a reader may read of a file, re-reads included (WARC resync reads from 1 KiB up each time). */
export const readBound = (size: number): number => 64 * size + 64 * 1024;

/** Where a rejection or a document says it came from, for this framing. */
function location(item: { line?: number; index?: number; offset?: number }, framing: Framing): number {
  if (framing === 'jsonl') return item.line!;
  if (framing === 'json') return item.index!;
  return item.offset!;
}

/** Checks a sandbox reply for a read of `c`; returns the items when the reader finished. */
export function checkReply(reply: SandboxReply, c: ReadCase): ReadItem[] | undefined {
  expect(reply.kind, `reader for ${c.framing}: ${JSON.stringify(reply).slice(0, 2000)}`).not.toBe('timed-out');
  if (reply.kind === 'thrown') {
    // The one error a reader may throw: a WARC file holding zstd data is refused as a whole.
    const zstdWarc = c.framing === 'warc' && c.bytes.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
    expect({ ...reply.error, stack: undefined }).toMatchObject(zstdWarc ? { name: 'InputError', code: 'unknown-format' } : { name: 'no error' });
    return undefined;
  }
  expect(reply.kind).toBe('read');
  if (reply.kind !== 'read') return undefined;
  checkItems(reply.items, c);
  expect(reply.bytesRead).toBeLessThanOrEqual(readBound(c.bytes.length));
  return reply.items;
}

export function checkItems(items: ReadItem[], c: ReadCase): void {
  const size = c.bytes.length;
  let previous = -1;
  items.forEach((item, k) => {
    const where = item.kind === 'document' ? item.document.source : item.rejected;
    expect(where.file).toBe(c.path);
    const at = location(where, c.framing);
    expect(Number.isSafeInteger(at), `item ${k} has no ${c.framing} location: ${JSON.stringify(where)}`).toBe(true);
    // In file order, each record once: JSONL lines and plain WARC offsets only grow, array indexes
    // count up; records of gzip WARC carry their member's offset, which several may share.
    if (c.framing === 'json') expect(at).toBe(k);
    else if (c.framing === 'warc' && c.compressed) expect(at).toBeGreaterThanOrEqual(previous);
    else expect(at).toBeGreaterThan(previous);
    previous = at;
    if (c.framing === 'jsonl') expect(at).toBeGreaterThanOrEqual(1);
    if (c.framing === 'warc') expect(at).toBeLessThan(size);
    if (item.kind === 'document') {
      const { id, text, record } = item.document;
      expect(typeof id === 'string' && id.length > 0).toBe(true);
      expect(checkText(text, DEFAULT_READER_OPTIONS.maxDocBytes)).toBeUndefined();
      expect(typeof record === 'object' && record !== null && !Array.isArray(record)).toBe(true);
    } else {
      const { reason, raw, detail, offset } = item.rejected;
      expect(REJECT_REASONS).toContain(reason);
      expect(typeof raw).toBe('string');
      expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(RAW_LIMIT_BYTES);
      if (detail !== undefined) expect(detail.length).toBeGreaterThan(0);
      if (offset !== undefined) expect(offset >= 0 && offset <= size).toBe(true);
    }
  });
  // No more items than the input can hold: one per line of a plain JSONL file (plus a last one for
  // a broken stream), one per byte of a JSON array or a WARC file; a compressed input decodes to at
  // most 1,032 bytes per byte (deflate's limit).
  const decoded = c.compressed ? 1032 * size : size;
  const bound = c.framing === 'jsonl' && !c.compressed ? c.bytes.filter((b) => b === 0x0a).length + 2 : decoded + 1;
  expect(items.length).toBeLessThanOrEqual(bound);
}

import type { FileHandle } from 'node:fs/promises';
import { ByteMeter } from './byte-meter.js';
import { fileChunks } from './file-chunks.js';
import { MAX_WARC_HEADER_BYTES, WarcRecordError, parseContentLength } from './warc-parser.js';

/** Where a record can start in gzip WARC: a gzip member header. */
export const GZIP_MEMBER_MARKER = Buffer.from([0x1f, 0x8b, 0x08]);
/** Where a record can start in a plain WARC: its version line. */
export const WARC_HEADER_MARKER = Buffer.from('WARC/1.', 'latin1');
const LINE_START_MARKER = Buffer.from('\nWARC/1.', 'latin1');
const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');

/** Where reading can resume after damage. */
export interface Resume {
  /** Absolute offset of the record. */
  offset: number;
  /**
   * Set for a plain WARC record whose header reads well but whose block does not end where its
   * Content-Length says: it is reported as it is, without reading the block (which may run to the
   * end of the file), and the search goes on past it.
   */
  badBlock?: { contentLength: number; blockEnd: number };
}

/** The file a resync search reads, open, and what counts its reads: `meter` once per byte, `onRead` every byte read. */
export interface ScanInput {
  handle: FileHandle;
  /** The file's size in bytes. */
  size: number;
  meter: ByteMeter;
  onRead?: (bytes: number) => void;
}

/**
 * Scans a file from `from` (see fileChunks), holding the last `keep` bytes of what was scanned
 * before each new chunk. Calls `look(window, windowStart)` after each chunk; a Resume it returns
 * ends the scan.
 */
async function scan(
  input: ScanInput,
  from: number,
  keep: number,
  look: (window: Buffer, windowStart: number) => Promise<Resume | 'more'>,
): Promise<Resume | null> {
  let window: Buffer = Buffer.alloc(0);
  let windowStart = from;
  for await (const chunk of fileChunks(input.handle, from, input.onRead)) {
    window = window.length > 0 ? Buffer.concat([window, chunk]) : chunk;
    const found = await look(window, windowStart);
    if (found !== 'more') return found;
    input.meter.advanceTo(windowStart + window.length);
    const held = Math.min(window.length, keep);
    windowStart += window.length - held;
    window = Buffer.from(window.subarray(window.length - held));
  }
  return null;
}

/** The absolute offset of the next gzip member header at or after `from`, or null at the end of the file. */
export async function findNextGzipMember(input: ScanInput, from: number): Promise<Resume | null> {
  return scan(input, from, GZIP_MEMBER_MARKER.length - 1, async (window, windowStart) => {
    const hit = window.indexOf(GZIP_MEMBER_MARKER);
    return hit === -1 ? 'more' : { offset: windowStart + hit };
  });
}

/**
 * The absolute offset of the next place at or after `from` where a plain WARC record plausibly
 * starts, or null when none does before the end of the file. Linear in what it scans, so a file of
 * look-alikes costs one pass, not one parse per look-alike (`WARC/1.0\r\n\r\n` repeated 16,000
 * times took 21 s when every `WARC/1.` was tried by opening the file there and parsing).
 *
 * A header block ends at a blank line (CR LF CR LF). For each one, only one candidate is tried:
 * the last `WARC/1.` at the start of a line before it (a header holds no other version line), or
 * the last one anywhere (a record glued to a cut line). It is taken when its header is at most
 * MAX_WARC_HEADER_BYTES and holds one Content-Length that parses strictly, and the block that length
 * gives ends where a record ends: at a blank line, at the next version line, or at the end of the
 * file. A candidate whose block ends elsewhere in the file, of a type that is read as a document
 * (conversion, response, resource), is returned with `badBlock`. Anything skipped lies inside the
 * damage already reported (a look-alike, or a record of another type, or one cut by the end of the
 * file): the reader used to try each and report none of them.
 */
export async function findNextWarcRecord(input: ScanInput, from: number): Promise<Resume | null> {
  let blockStart = from; // markers before this belong to a header block already judged
  let searchFrom = from; // where to look for the next CR LF CR LF
  return scan(input, from, MAX_WARC_HEADER_BYTES + HEADER_END.length, async (window, windowStart) => {
    for (;;) {
      const end = window.indexOf(HEADER_END, Math.max(0, searchFrom - windowStart));
      if (end === -1) {
        // Keep looking from where a blank line split across chunks could start.
        searchFrom = Math.max(searchFrom, windowStart + window.length - (HEADER_END.length - 1));
        return 'more';
      }
      const headerEnd = windowStart + end;
      const candidate = lastMarkerBefore(window, windowStart, Math.max(blockStart, headerEnd - MAX_WARC_HEADER_BYTES), headerEnd);
      if (candidate !== null) {
        const verdict = await judgeCandidate(input, window, windowStart, candidate, headerEnd);
        if (verdict !== null) return verdict;
      }
      blockStart = headerEnd + HEADER_END.length;
      searchFrom = headerEnd + 1;
    }
  });
}

/** The last version line in [from, to) of the window, preferring one at a line start; null if none. */
function lastMarkerBefore(window: Buffer, windowStart: number, from: number, to: number): number | null {
  const lo = Math.max(0, from - windowStart);
  const hi = to - windowStart - WARC_HEADER_MARKER.length;
  if (hi < lo) return null;
  const lineStart = window.lastIndexOf(LINE_START_MARKER, hi - 1);
  if (lineStart !== -1 && lineStart + 1 >= lo) return windowStart + lineStart + 1;
  const anywhere = window.lastIndexOf(WARC_HEADER_MARKER, hi);
  return anywhere !== -1 && anywhere >= lo ? windowStart + anywhere : null;
}

/** Types of record the reader turns into a document or a rejection of its own. */
const DOCUMENT_TYPES = new Set(['conversion', 'response', 'resource']);

/**
 * The candidate record [start, headerEnd) as a place to resume (see findNextWarcRecord), or null
 * when it is not one. Reads a few bytes at the end of its block.
 */
async function judgeCandidate(input: ScanInput, window: Buffer, windowStart: number, start: number, headerEnd: number): Promise<Resume | null> {
  const lines = window.subarray(start - windowStart, headerEnd - windowStart).toString('latin1').split('\n');
  const field = (name: string) => {
    const values = lines.flatMap((line) => {
      const colon = line.indexOf(':');
      return colon !== -1 && line.slice(0, colon).trim().toLowerCase() === name ? [line.slice(colon + 1).trim()] : [];
    });
    return values.length === 0 ? undefined : values.join(', ');
  };
  let contentLength: number;
  try {
    contentLength = parseContentLength(field('content-length'));
  } catch (error) {
    if (error instanceof WarcRecordError) return null;
    throw error;
  }
  const blockEnd = headerEnd + HEADER_END.length + contentLength;
  // A last record without a blank line after it; past the end of the file, a record cut short.
  if (blockEnd >= input.size) return blockEnd === input.size ? { offset: start } : null;
  const after = Buffer.alloc(64);
  const { bytesRead } = await input.handle.read(after, 0, after.length, blockEnd);
  input.onRead?.(bytesRead);
  if (endsARecord(after.subarray(0, bytesRead), blockEnd + bytesRead === input.size)) return { offset: start };
  return DOCUMENT_TYPES.has(field('warc-type') ?? '') ? { offset: start, badBlock: { contentLength, blockEnd } } : null;
}

/** Whether the bytes after a block are what warcio takes for a record's end: a blank line, or a version line. */
function endsARecord(next: Buffer, endOfFile: boolean): boolean {
  if (next.subarray(0, WARC_HEADER_MARKER.length).equals(WARC_HEADER_MARKER)) return true;
  const newline = next.indexOf(0x0a);
  const line = newline === -1 ? next : next.subarray(0, newline + 1);
  return line.every((byte) => byte === 0x0d || byte === 0x0a) && (newline !== -1 || endOfFile);
}

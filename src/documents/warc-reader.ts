import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { WARCRecord } from 'warcio';
import { ByteMeter } from './byte-meter.js';
import { InputError } from './input-error.js';
import type { InputFile } from './input-format.js';
import { MAGIC_BYTES, detectCompression, type Compression } from './open-input.js';
import { checkText, derivedId, rejectItem, type RecordOptions } from './record-to-document.js';
import { MAX_NESTING_DEPTH } from './nesting-depth.js';
import { classifyWarcRecord, decodePayload, htmlNestsDeeperThan, htmlToPlainText, mimeType, warcRecordId } from './warc-content.js';
import { MAX_HTTP_HEADER_BYTES, RecordOverrunError, StrictWarcParser, WarcRecordError } from './warc-parser.js';
import { findNextGzipMember, findNextWarcRecord, type ScanInput } from './warc-resync.js';
import { fileChunks } from './file-chunks.js';
import type { ReadItem, ReaderOptions, SourceRef } from './types.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Why a segment of the file stopped before its end. */
interface SegmentStop {
  /** Absolute offset of the first byte that did not parse as a record. */
  offset: number;
  detail: string;
  /**
   * True if no record at all was read in this segment: after a resync, a look-alike of a record
   * start inside the damaged record already reported, not a record of its own.
   */
  empty: boolean;
  /** Set when the record's block did not end where its Content-Length says: the detail waits for the next record's offset. */
  overrun?: BlockOverrun;
}

/** A block that does not end where its record's Content-Length says (see overrunDetail). */
interface BlockOverrun {
  contentLength: number;
  /** Absolute offset where the block ended (plain files). */
  blockEnd: number;
  /** Gzip: whether the block ran into the next member. */
  ranIntoNextMember?: boolean;
}

/**
 * Streams the documents of a WARC or WET file (plain, or gzip with one member per record, as
 * Common Crawl writes them) with warcio. A record that cannot be read becomes one
 * `unreadable-warc-record` rejection at its byte offset; reading resumes at the next record
 * boundary (next gzip member, or the next place a plain record plausibly starts: see
 * findNextWarcRecord) when one can be found; that includes a record whose Content-Length does not
 * match its block (warcio only warns on the console). Reading costs reads in proportion to the file,
 * however many times damage makes it start over (each start reads from 1 KiB up). A file that holds
 * zstd data is refused with an `InputError`: zstd WARC is dictionary-framed, which warcio does not
 * read, and its records would come out as garbage.
 */
export async function* readWarc(file: InputFile, options: ReaderOptions & RecordOptions, meter: ByteMeter): AsyncGenerator<ReadItem> {
  const compression = await storedCompression(file.path);
  if (compression === 'zstd') {
    throw new InputError(
      'unknown-format',
      file.path,
      `${file.path} holds zstd data: zstd-compressed WARC/WET is not supported (decompress it with zstd -d, or recompress it with gzip)`,
    );
  }
  const gzip = compression === 'gzip';
  // One handle for every segment and resync search: a damaged file may be started over at many places.
  const handle = await open(file.path, 'r');
  try {
    yield* readFromHandle(file, handle, gzip, options, meter);
  } finally {
    await handle.close();
  }
}

async function* readFromHandle(file: InputFile, handle: FileHandle, gzip: boolean, options: ReaderOptions & RecordOptions, meter: ByteMeter): AsyncGenerator<ReadItem> {
  const scanInput: ScanInput = { handle, size: (await handle.stat()).size, meter, onRead: options.onRead };
  const findResume = (from: number) => (gzip ? findNextGzipMember(scanInput, from) : findNextWarcRecord(scanInput, from));
  let start = 0;
  let resyncing = false;
  for (;;) {
    const segment = readSegment(file, handle, start, gzip, resyncing, options, meter);
    let next = await segment.next();
    while (!next.done) {
      yield next.value;
      next = await segment.next();
    }
    const stop = next.value;
    if (stop === null) return;
    // A resync candidate that does not parse was only a look-alike inside a damaged record: it is
    // part of the record already reported, not a second bad record.
    let pending: PendingRejection | undefined = resyncing && stop.empty ? undefined : stop;
    // Each search starts past the last one's start, and each round past the last one's start, so both loops end.
    let resume = await findResume(stop.offset + 1);
    for (;;) {
      if (pending) yield rejectItem('unreadable-warc-record', { file: file.path, offset: pending.offset }, '', detailOf(pending, resume?.offset ?? null));
      if (resume?.badBlock === undefined) break;
      // A record the search found whose block does not end where its Content-Length says: reported
      // from the search, without reading its block (which may run to the end of the file).
      pending = { offset: resume.offset, detail: '', overrun: { contentLength: resume.badBlock.contentLength, blockEnd: resume.badBlock.blockEnd } };
      resume = await findResume(resume.offset + 1);
    }
    if (resume === null) return;
    start = resume.offset;
    resyncing = true;
  }
}

/** A record to report as unreadable, whose detail may wait for the offset of the record after it. */
interface PendingRejection {
  offset: number;
  detail: string;
  overrun?: BlockOverrun;
}

function detailOf(rejection: PendingRejection, nextRecord: number | null): string {
  return rejection.overrun ? overrunDetail(rejection.overrun, nextRecord) : rejection.detail;
}

/**
 * Reads records from `start` until the end of the file (returns null) or the first record that
 * does not parse (returns where and why). warcio is lenient (a damaged gzip member silently
 * ends its stream, a garbage header parses as a record), so every record is checked here.
 */
async function* readSegment(
  file: InputFile,
  handle: FileHandle,
  start: number,
  gzip: boolean,
  resyncing: boolean,
  options: ReaderOptions & RecordOptions,
  meter: ByteMeter,
): AsyncGenerator<ReadItem, SegmentStop | null> {
  const chunks = fileChunks(handle, start, options.onRead);
  async function* counted(): AsyncGenerator<Uint8Array> {
    let read = 0;
    for await (const chunk of chunks) {
      read += chunk.length;
      meter.advanceTo(start + read);
      yield chunk;
    }
  }
  // After a resync in gzip, the first record must end in its own member: a look-alike member
  // declaring a huge Content-Length would otherwise read on to the end of the file, once per look-alike.
  const parser = new StrictWarcParser(counted(), gzip, { firstBlockInOneMember: gzip && resyncing });
  const reader = parser._reader;
  let records = 0;
  const stop = (offset: number, detail: string, whole = false): SegmentStop => ({ offset, detail, empty: records === 0 && !whole });
  try {
    for (;;) {
      let record: WARCRecord | null;
      try {
        record = await parser.parse();
      } catch (error) {
        const detail = error instanceof WarcRecordError ? error.message : `warcio could not parse the record: ${(error as Error).message}`;
        return stop(start + parser.offset, detail);
      }
      if (record === null) break;
      const offset = start + parser.offset;
      if (!record.warcHeaders.statusline.startsWith('WARC/')) {
        return stop(offset, 'the record does not start with a WARC version line');
      }
      if (gzip && reader.compressed !== 'gzip') {
        return stop(offset, 'the gzip member cannot be inflated');
      }
      let item: ReadItem | undefined;
      try {
        item = await recordToItem(record, { file: file.path, offset }, options);
      } catch (error) {
        return stop(offset, `the record's content cannot be read: ${(error as Error).message}`);
      }
      if (remaining(record) > 0) {
        const detail = `the data ends before the record does: the file is cut short, or the Content-Length of ${record.warcContentLength} bytes is too large`;
        return stop(offset, detail);
      }
      if (gzip && reader.compressed !== 'gzip') return stop(offset, 'the gzip member cannot be inflated');
      // A Content-Length that is too small cuts the text short: only the bytes after the block
      // tell, so the document waits for them.
      try {
        await parser.endRecord();
      } catch (error) {
        // A record that read as a document or a rejection is a record even right after a resync.
        if (error instanceof RecordOverrunError) {
          const overrun = { contentLength: error.contentLength, blockEnd: start + error.blockEnd, ranIntoNextMember: error.ranIntoNextMember };
          return { ...stop(offset, error.message, item !== undefined), overrun };
        }
        return stop(offset, `the end of the record cannot be read: ${(error as Error).message}`);
      }
      records++;
      if (item) yield item;
    }
    // warcio ends quietly on a cut or damaged gzip member: anything left unread is a bad record.
    // Plain: parser.offset is where it last looked for a record, taken before the damage was met.
    // Gzip: warcio's raw offset counter is past every member that ended whole, so it stops at the
    // start of a cut or damaged one (an empty member, a whole file of nothing, ends whole: nothing is
    // left). Read as the field: once a member fails, getRawOffset() counts inflated bytes instead.
    const tail = start + (gzip ? reader._rawOffset : parser.offset);
    if (gzip && reader.compressed !== 'gzip') return stop(tail, 'the gzip member cannot be inflated');
    if (file.size !== undefined && tail < file.size) return stop(tail, 'the record is truncated or damaged');
    return null;
  } finally {
    await chunks.return(undefined);
  }
}

/**
 * Why a record's block did not end at its Content-Length: it ran into the next record (gzip: into
 * the next member; plain: past the start of the next record found), or it goes on past it.
 */
function overrunDetail(overrun: BlockOverrun, nextRecord: number | null): string {
  const length = `Content-Length of ${overrun.contentLength} bytes`;
  if (overrun.ranIntoNextMember ?? (nextRecord !== null && nextRecord < overrun.blockEnd)) {
    const where = nextRecord === null ? '' : ` (at offset ${nextRecord})`;
    return `the record's block runs into the next record${where}: its ${length} is too large`;
  }
  return `the record's block goes on past its ${length}: the Content-Length is too small`;
}

/** Bytes of the record's block not yet read: non-zero after draining means the file was cut. */
function remaining(record: WARCRecord): number {
  const limited = record._reader as { limit?: number };
  return typeof limited.limit === 'number' ? Math.max(0, limited.limit) : 0;
}

/** Reads every byte of the record's block so warcio never has to skip (it loops on a cut file). */
async function drain(record: WARCRecord): Promise<void> {
  for await (const chunk of record._reader) void chunk;
}

/** Reads the decoded payload up to `limit` bytes; returns null (and drains) when it is longer. */
async function readPayload(record: WARCRecord, limit: number): Promise<Uint8Array | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of record) {
    size += chunk.length;
    if (size > limit) {
      await drain(record);
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** One WARC record → a document, a rejection, or nothing (records that are not documents). */
async function recordToItem(record: WARCRecord, source: SourceRef, options: ReaderOptions & RecordOptions): Promise<ReadItem | undefined> {
  const warcType = record.warcType;
  const contentType =
    warcType === 'conversion'
      ? (record.warcContentType ?? undefined)
      : (record.httpHeaders?.headers.get('Content-Type') ?? record.warcContentType ?? undefined);
  const kind = classifyWarcRecord(warcType, contentType);
  if (kind === 'skip') {
    await drain(record);
    return undefined;
  }
  if (kind === 'unsupported') {
    await drain(record);
    const detail = contentType ? `${mimeType(contentType)} is not text` : 'the response has no Content-Type';
    return rejectItem('unsupported-content', source, '', detail);
  }
  const limit = options.maxDocBytes * 4;
  // A block that large cannot hold a payload within the limit (chunked transfer adds a few bytes a
  // chunk, content encodings make the block smaller, not larger): refused unread, as warcio's
  // de-chunking holds a whole chunk (up to 4 GiB) before it hands out a byte.
  const blockLimit = 2 * limit + MAX_HTTP_HEADER_BYTES;
  if (record.warcContentLength > blockLimit) {
    await drain(record);
    return rejectItem(
      'oversize',
      source,
      '',
      `the record's block of ${record.warcContentLength} bytes is over the ${blockLimit}-byte block limit (2 × the payload limit of 4 × max-doc-bytes, plus 256 KiB of HTTP headers)`,
    );
  }
  const payload = await readPayload(record, limit);
  if (payload === null) {
    return rejectItem(
      'oversize',
      source,
      '',
      `the payload is over the ${limit}-byte payload limit (4 × max-doc-bytes, counting the payload as fetched, markup included, however short its text)`,
    );
  }
  let text: string;
  if (kind === 'html') {
    const html = decodePayload(payload, contentType);
    if (htmlNestsDeeperThan(html, MAX_NESTING_DEPTH)) {
      return rejectItem('too-deep', source, html, `the HTML page nests elements more than ${MAX_NESTING_DEPTH} levels deep`);
    }
    text = htmlToPlainText(html);
  } else if (warcType === 'conversion') {
    try {
      text = strictUtf8.decode(payload);
    } catch {
      return rejectItem('invalid-utf8', source, Buffer.from(payload).toString('utf8'), 'the WET text is not valid UTF-8');
    }
  } else {
    text = decodePayload(payload, contentType);
  }
  const check = checkText(text, options.maxDocBytes);
  if (check) return rejectItem(check.reason, source, text, check.detail);
  const id = warcRecordId(record.warcHeader('WARC-Record-ID')) ?? derivedId(source, options.idName);
  const fields: Record<string, unknown> = {
    id,
    url: record.warcTargetURI ?? null,
    date: record.warcDate ?? null,
    warcType,
    ...(contentType === undefined ? {} : { contentType }),
    text,
  };
  return { kind: 'document', document: { id, text, record: fields, source } };
}

async function storedCompression(path: string): Promise<Compression> {
  const stream = createReadStream(path, { start: 0, end: MAGIC_BYTES - 1 });
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return detectCompression(Buffer.concat(chunks));
}

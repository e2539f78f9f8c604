import { AsyncIterReader, WARCParser, type LimitReader, type StatusAndHeaders, type StatusAndHeadersParser, type WARCRecord } from 'warcio';

const latin1 = new TextDecoder('latin1');
const EMPTY = new Uint8Array(0);

/**
 * The most a record's WARC header block may take, version line included: crawlers write a few
 * hundred bytes, a long target URI a few KB.
 */
export const MAX_WARC_HEADER_BYTES = 64 * 1024;
/** The most a response's HTTP header block may take: Chrome's own limit on response headers. */
export const MAX_HTTP_HEADER_BYTES = 256 * 1024;
/**
 * The most read of a line that should be a record separator (CR LF) or a version line: anything
 * longer is neither, and is read no further than this.
 */
const MAX_SEPARATOR_LINE_BYTES = 1024;

/** A record warcio would read wrongly: a header it reads leniently, or that has no end. The message says why. */
export class WarcRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WarcRecordError';
  }
}

/**
 * The bytes after a record's block are not the blank line that ends a record: its Content-Length
 * does not match its block, being too small (the block goes on) or too large (the block ran into
 * the next record). In gzip (one member per record) the parser tells which: the block ran on into
 * another member. In a plain file it shows only once the next record is found, so the reader words
 * the message from `blockEnd`.
 */
export class RecordOverrunError extends Error {
  constructor(
    /** The record's Content-Length in bytes. */
    readonly contentLength: number,
    /** Where the block ended: a byte offset from the start of the parser's input (used for plain files). */
    readonly blockEnd: number,
    /** Gzip only: whether the block ran on into the next member (the Content-Length is too large). */
    readonly ranIntoNextMember: boolean | undefined,
  ) {
    super(`the record's block does not end where its Content-Length of ${contentLength} bytes says`);
    this.name = 'RecordOverrunError';
  }
}

/**
 * A record's Content-Length, strictly: digits only, at most Number.MAX_SAFE_INTEGER (so byte
 * arithmetic on it is exact). warcio takes `Number(value || 0)`: `5.5` made it skip half a byte
 * for ever (a hang), `abc` or `5 6` (NaN) made the block run to the end of the file, a missing
 * header made it 0. A repeated header (`5, 7` once joined) is refused too. Throws WarcRecordError.
 */
export function parseContentLength(value: string | null | undefined): number {
  if (value === null || value === undefined) throw new WarcRecordError('the record has no Content-Length');
  const digits = value.trim();
  const length = /^\d{1,16}$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isSafeInteger(length)) {
    const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    throw new WarcRecordError(`the record's Content-Length ${JSON.stringify(shown)} is not a whole number of bytes (digits only, at most ${Number.MAX_SAFE_INTEGER})`);
  }
  return length;
}

/**
 * warcio's byte reader with a cap on a header block: warcio reads a header until its blank line
 * however far that is, holding all of it. While a cap is set, a read that starts past it throws
 * WarcRecordError, so a header never holds more than the cap plus one chunk; `endCap` then checks
 * the header that was read (within one chunk, it may have been read whole).
 */
class HeaderCappedReader extends AsyncIterReader {
  #cap: { end: number; bytes: number; what: string } | undefined;
  #held: { member: unknown; contentLength: number } | undefined;
  /** Compressed offset where the current gzip member starts. */
  #memberStart = 0;

  override _push(value: Uint8Array): void {
    const member = this.inflator;
    // Members end (and _rawOffset moves past them) before the next one's inflater is made.
    const start = this._rawOffset;
    super._push(value);
    if (this.inflator !== member) this.#memberStart = start;
  }

  /**
   * Compressed offset of the gzip member the next byte read comes from: the current one while it
   * has output left, else the next one (warcio's raw offset is past every member that ended).
   */
  nextByteMemberStart(): number {
    const pending = this._savedChunk !== null || (this.inflator?.chunks.length ?? 0) > 0 || this.inflator?.ended === false;
    return pending ? this.#memberStart : this._rawOffset;
  }

  /** Until `release()`, reading on into another gzip member throws WarcRecordError (a block that must end in its member). */
  holdToMember(contentLength: number): void {
    this.#held = { member: this.inflator, contentLength };
  }

  release(): void {
    this.#held = undefined;
  }

  /** Lets the next reads take `bytes` more bytes, as the header block `what`, until `uncap()`. */
  cap(bytes: number, what: string): void {
    this.#cap = { end: this._readOffset + bytes, bytes, what };
  }

  /** Ends the cap, throwing WarcRecordError when what was read under it went past it. */
  endCap(): void {
    const cap = this.#cap;
    this.#cap = undefined;
    if (cap !== undefined && this._readOffset > cap.end) throw this.#overCap(cap);
  }

  uncap(): void {
    this.#cap = undefined;
  }

  #overCap(cap: { bytes: number; what: string }): WarcRecordError {
    return new WarcRecordError(`the record's ${cap.what} runs on for more than ${cap.bytes} bytes without the blank line that ends it`);
  }

  override async _next(): Promise<Uint8Array | null> {
    if (this.#cap !== undefined && this._readOffset > this.#cap.end) throw this.#overCap(this.#cap);
    const chunk = await super._next();
    // warcio starts the next member's inflater only once the last member's output is all read.
    if (this.#held !== undefined && this.inflator !== this.#held.member) {
      throw new WarcRecordError(`the record's block runs on past its gzip member: its Content-Length of ${this.#held.contentLength} bytes is too large`);
    }
    return chunk;
  }
}

/**
 * warcio's parser, strict where warcio is lenient, and bounded where warcio is not:
 *
 * - Content-Length is parsed strictly ({@link parseContentLength}).
 * - A WARC header block is capped at {@link MAX_WARC_HEADER_BYTES}, an HTTP one at
 *   {@link MAX_HTTP_HEADER_BYTES} (warcio holds a header until its blank line, however far).
 * - When the line after a record's block is not blank, warcio's `readToNextRecord` prints "Content-Length
 *   Too Small" with `console.warn` and reads on, so the record has already been taken whole with its
 *   text cut short. Here the same check throws {@link RecordOverrunError} instead, and
 *   {@link endRecord} runs it as soon as a record's block has been read, before its document is let
 *   through; what is read past the block is kept for the next `parse()`.
 * - Every loop reading past a record takes at least one byte per round or ends at the end of the
 *   data: the block is skipped by reading it (warcio's `skipFully` loops for ever at the end of a
 *   cut file), and the separator lines are read at most {@link MAX_SEPARATOR_LINE_BYTES} at a time.
 *
 * The rest follows warcio 2.4 `WARCParser.readToNextRecord` line for line, so offsets and the
 * records read are the same as warcio's. Two differences: warcio skips the line's last byte (its
 * newline) when it looks for leftover bytes, so a single stray byte at the end of the file passes;
 * here every byte of the line must be CR or LF. And a record that starts right after a block (no
 * blank line between) gets its own offset; warcio left the one of the record before.
 */
export class StrictWarcParser extends WARCParser {
  /** The next record's first line when `endRecord` has read past the current record. */
  #ahead: Uint8Array | null | undefined;
  /** warcio's inflater of the gzip member the current record's block starts in (one per member). */
  #member: unknown;
  readonly #bytes: HeaderCappedReader;

  readonly #firstBlockInOneMember: boolean;
  #records = 0;

  /**
   * `gzip`: the data is gzip members (else plain, never sniffed: a plain block may start like gzip).
   * `firstBlockInOneMember`: the first record's block must end in the gzip member it starts in.
   */
  constructor(source: AsyncIterable<Uint8Array>, gzip: boolean, options: { firstBlockInOneMember?: boolean } = {}) {
    const bytes = new HeaderCappedReader(source, gzip ? 'gzip' : null);
    super(bytes);
    this.#bytes = bytes;
    this.#firstBlockInOneMember = options.firstBlockInOneMember ?? false;
  }

  /**
   * Reads the end of the current record (its block must have been read or skipped): throws
   * RecordOverrunError when it is not followed by a blank line. `offset` then points at the next
   * record.
   */
  async endRecord(): Promise<void> {
    if (this.#ahead === undefined) this.#ahead = await this.#readPastRecord();
  }

  /** The next record, its WARC (and HTTP) headers read within their caps; null at the end of the data. */
  override async parse(): Promise<WARCRecord | null> {
    await this.endRecord();
    // In gzip, a record's offset is that of the member it starts in (the place to start inflating
    // to reach it): one member per record gives each its own, a whole-file gzip gives all the first.
    if (this._reader.compressed) this._offset = this.#bytes.nextByteMemberStart();
    this.#bytes.cap(MAX_WARC_HEADER_BYTES, 'WARC header');
    try {
      return await super.parse();
    } finally {
      this.#bytes.uncap();
    }
  }

  override _initRecordReader(warcHeaders: StatusAndHeaders): LimitReader {
    this.#bytes.endCap();
    const length = parseContentLength(warcHeaders.headers.get('Content-Length'));
    // warcio's own reader, made with a length it reads exactly.
    warcHeaders.headers.set('Content-Length', String(length));
    this.#member = this._reader.inflator;
    if (this.#records++ === 0 && this.#firstBlockInOneMember) this.#bytes.holdToMember(length);
    return super._initRecordReader(warcHeaders);
  }

  override async _addHttpHeaders(record: WARCRecord, headersParser: StatusAndHeadersParser): Promise<void> {
    this.#bytes.cap(MAX_HTTP_HEADER_BYTES, 'HTTP header');
    await super._addHttpHeaders(record, headersParser);
    this.#bytes.endCap();
  }

  override async readToNextRecord(): Promise<Uint8Array | null> {
    const ahead = this.#ahead;
    this.#ahead = undefined;
    return ahead === undefined ? this.#readPastRecord() : ahead;
  }

  async #readPastRecord(): Promise<Uint8Array | null> {
    const reader = this._reader;
    const record = this._record;
    if (!record) return EMPTY;
    // Read what is left of the block (nothing, when it was read), to its end or the end of the data:
    // each round takes a chunk, or the loop ends.
    for await (const chunk of record._reader) void chunk;
    this.#bytes.release();
    const blockEnd = reader.getRawOffset();
    // warcio inflates member by member, starting the next one only once the last one's output is read.
    const ranIntoNextMember = reader.compressed ? reader.inflator !== this.#member : undefined;
    if (reader.compressed) this._offset = blockEnd;

    let nextline = await reader.readlineRaw(MAX_SEPARATOR_LINE_BYTES);
    if (nextline) {
      // A version line right after the block: the next record, with no blank lines between. (warcio
      // returns it leaving the offset at the record before: two records at one offset.)
      if (nextline.byteLength === 10 && latin1.decode(nextline).startsWith('WARC/')) {
        if (!reader.compressed) this._offset = reader.getRawOffset() - nextline.length;
        return nextline;
      }
      if (!isBlankLine(nextline)) throw new RecordOverrunError(record.warcContentLength, blockEnd, ranIntoNextMember);
    }

    if (reader.compressed) {
      await reader.skipSize(2);
      return EMPTY;
    }
    nextline = await reader.readlineRaw(MAX_SEPARATOR_LINE_BYTES);
    while (nextline && nextline.byteLength === 2) nextline = await reader.readlineRaw(MAX_SEPARATOR_LINE_BYTES);
    this._offset = reader.getRawOffset();
    if (nextline) this._offset -= nextline.length;
    return nextline;
  }
}

/** Only CR and LF bytes, as warcio judges the line after a block. */
function isBlankLine(line: Uint8Array): boolean {
  return line.every((b) => b === 0x0a || b === 0x0d);
}

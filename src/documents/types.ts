/** Where a record came from: the input file and its line (JSONL), element index (JSON arrays) or byte offset (WARC). */
export interface SourceRef {
  /** The path as the user gave it (relative stays relative); `-` for stdin. */
  file: string;
  /** 1-based line number (JSONL). */
  line?: number;
  /**
   * Byte offset in the file as stored on disk (WARC/WET: the record's gzip member or header; a gzip
   * or zstd rejection: the compressed offset where decoding stopped).
   */
  offset?: number;
  /** 0-based position of the element in a JSON array file, counted across all its arrays. */
  index?: number;
}

/** A readable input record, ready to be scored. `record` is the input object, kept verbatim for output. */
export interface CrawlDocument {
  /** The record's id field (a string, or a number made one), else a stable id derived from `source`. */
  id: string;
  /** The text to score, as it was in the input (normalisation happens at scoring time only). */
  text: string;
  /** The whole input record (for JSONL/JSON) or the fields made from a WARC record. */
  record: Record<string, unknown>;
  source: SourceRef;
}

/**
 * Why a record could not be routed. Stable strings: they end up in manifests and rejected shards.
 * Each rejection carries its source: `file`, and `line` (JSONL), `index` (JSON arrays) or `offset`
 * (WARC/WET records, and the compressed offset of broken gzip or zstd). docs/rejections.md has an
 * example of each.
 */
export const REJECT_REASONS = [
  /** JSONL line or JSON array that does not parse. JSONL: line; JSON array: index (it ends the file). */
  'malformed-json',
  /** A JSON value that is not an object (an array, string, number, null). line / index. */
  'not-an-object',
  /** A JSONL record or JSON array element nesting arrays and objects, or a WARC HTML page nesting elements, more than 512 levels deep (MAX_NESTING_DEPTH). line / index / offset. */
  'too-deep',
  /** Bytes that are not UTF-8. JSONL: line; JSON array: index (it ends the file); WET: offset. */
  'invalid-utf8',
  /** No text field, or it is null. line / index. */
  'missing-text',
  /** A text field that is not a string (a number, array, object, boolean). line / index. */
  'non-string-text',
  /** Text that is empty or only whitespace and invisible characters. line / index / offset. */
  'empty-text',
  /** Text over max-doc-bytes, a JSONL line or JSON array element over 4 × max-doc-bytes, a WARC payload over 4 × max-doc-bytes (or a block over twice that plus 256 KiB). line / index / offset. */
  'oversize',
  /** Gzip data that stops inside a member. offset: compressed bytes read; JSONL also the line it cut. */
  'truncated-gzip',
  /** Gzip data that is not valid (bad bytes, checksum, trailing junk). offset where decoding stopped. */
  'corrupt-gzip',
  /** Zstd data that stops inside a frame. offset. */
  'truncated-zstd',
  /** Zstd data that is not valid or not readable here (dictionary, window over 32 MiB). offset. */
  'corrupt-zstd',
  /** A WARC/WET record whose header, Content-Length, block or gzip member cannot be read. offset of the record. */
  'unreadable-warc-record',
  /** A WARC response or resource that is not text (an image, a PDF, no Content-Type). offset. */
  'unsupported-content',
  // Not a reader's: a batch whose processing failed on every attempt has its records rejected with it.
  'processing-failed',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** A record that goes to `rejected/`: reason, where it came from, and its raw bytes (cut to 4 KB). */
export interface RejectedRecord {
  reason: RejectReason;
  /** Human-readable detail, for example the JSON parser's message. */
  detail?: string;
  file: string;
  line?: number;
  offset?: number;
  index?: number;
  raw: string;
}

export type ReadItem =
  | { kind: 'document'; document: CrawlDocument }
  | { kind: 'rejected'; rejected: RejectedRecord };

export interface ReaderOptions {
  /** Field holding the text. @defaultValue 'text' */
  textField: string;
  /** Field holding the id. @defaultValue 'id' */
  idField: string;
  /** Documents whose text is longer than this many UTF-8 bytes are rejected as `oversize`. @defaultValue 1_048_576 */
  maxDocBytes: number;
  /** Called with the number of input bytes (as stored on disk) consumed, for progress: each byte once. */
  onBytes?: (bytes: number) => void;
  /**
   * Called with every number of bytes read from storage, a byte read again (a WARC reader resyncing
   * after damage) counted again: how much reading a file costs, where `onBytes` says how far it got.
   */
  onRead?: (bytes: number) => void;
  /** Where `-` reads from: a seam for tests and embedding. @defaultValue process.stdin */
  stdin?: AsyncIterable<Uint8Array>;
}

export const DEFAULT_READER_OPTIONS: ReaderOptions = {
  textField: 'text',
  idField: 'id',
  maxDocBytes: 1_048_576,
};

/** How many bytes of a bad record's raw input are kept in `rejected/`. */
export const RAW_LIMIT_BYTES = 4096;

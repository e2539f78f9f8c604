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

/** Why a record could not be routed. Stable strings: they end up in manifests and rejected shards. */
export const REJECT_REASONS = [
  'malformed-json',
  'not-an-object',
  'invalid-utf8',
  'missing-text',
  'non-string-text',
  'empty-text',
  'oversize',
  'truncated-gzip',
  'corrupt-gzip',
  'truncated-zstd',
  'corrupt-zstd',
  'unreadable-warc-record',
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
  /** Called with the number of input bytes (as stored on disk) consumed, for progress. */
  onBytes?: (bytes: number) => void;
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

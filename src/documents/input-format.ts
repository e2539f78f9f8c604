/** How a file's records are framed. Compression (gzip, zstd) is detected from the bytes, not the name. */
export type InputFormat = 'jsonl' | 'json' | 'warc' | 'wet';

/** One resolved input: a file path (as the user spelled it) or `-` for stdin. */
export interface InputFile {
  path: string;
  /** Size on disk in bytes, when known (not for stdin): lets the CLI show an ETA. */
  size?: number;
  format: InputFormat;
}

/**
 * Name suffixes we read, longest first so `.warc.wet.gz` wins over `.wet.gz` and `.gz`. WARC and
 * WET have no `.zst` suffix: zstd WARC files use a dictionary-framed format the WARC reader does
 * not read (it resyncs by compressed offsets of gzip members), so `.warc.zst` is an unknown format.
 */
const SUFFIXES: ReadonlyArray<readonly [string, InputFormat]> = [
  ['.warc.wet.gz', 'wet'],
  ['.jsonl.gz', 'jsonl'],
  ['.jsonl.zst', 'jsonl'],
  ['.ndjson.gz', 'jsonl'],
  ['.ndjson.zst', 'jsonl'],
  ['.json.gz', 'json'],
  ['.json.zst', 'json'],
  ['.warc.gz', 'warc'],
  ['.wet.gz', 'wet'],
  ['.jsonl', 'jsonl'],
  ['.ndjson', 'jsonl'],
  ['.json', 'json'],
  ['.warc', 'warc'],
  ['.wet', 'wet'],
];

/** The format a file name implies, or `undefined` when we do not read such files. Case-insensitive. */
export function detectFormat(path: string): InputFormat | undefined {
  const lower = path.toLowerCase();
  for (const [suffix, format] of SUFFIXES) {
    if (lower.endsWith(suffix)) return format;
  }
  return undefined;
}

/** The path that stands for standard input. */
export const STDIN_PATH = '-';

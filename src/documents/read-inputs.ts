import { ByteMeter } from './byte-meter.js';
import { idNames } from './id-names.js';
import type { InputFile } from './input-format.js';
import { readJsonArray } from './json-array-reader.js';
import { readJsonl } from './jsonl-reader.js';
import type { RecordOptions } from './record-to-document.js';
import { DEFAULT_READER_OPTIONS, type ReadItem, type ReaderOptions } from './types.js';
import { readWarc } from './warc-reader.js';

/**
 * Streams every record of every file, in order, as documents or rejections. Memory stays flat:
 * files are read in chunks, one line / array element / WARC record at a time. `onBytes`
 * receives the bytes read from disk (compressed bytes for gzip and zstd); bytes a reader skips after
 * damage are counted as consumed, so per-file totals equal the file size.
 *
 * Derived ids name each file by its path below the directory common to all of `files`
 * (`idNames`), so they are unique across the run.
 *
 * Throws `InputError` only for a file that cannot be opened; bad records are items.
 */
export async function* readInputs(files: InputFile[], options: Partial<ReaderOptions> = {}): AsyncGenerator<ReadItem> {
  const opts: ReaderOptions = { ...DEFAULT_READER_OPTIONS, ...options };
  const names = idNames(files);
  for (const file of files) {
    const meter = new ByteMeter(opts.onBytes);
    yield* readFile(file, { ...opts, idName: names.get(file.path)! }, meter);
    if (file.size !== undefined) meter.advanceTo(file.size);
  }
}

function readFile(file: InputFile, options: ReaderOptions & RecordOptions, meter: ByteMeter): AsyncGenerator<ReadItem> {
  switch (file.format) {
    case 'jsonl':
      return readJsonl(file, options, meter);
    case 'json':
      return readJsonArray(file, options, meter);
    case 'warc':
    case 'wet':
      return readWarc(file, options, meter);
  }
}

import { ByteMeter } from './byte-meter.js';
import type { InputFile } from './input-format.js';
import { isBlankLine, readLines } from './line-reader.js';
import { endsAfterCompleteMembers, gzipErrorOffset, isGzipError, isTruncatedGzip, openInput } from './open-input.js';
import { rawFromBytes } from './raw-text.js';
import { lineToItem, rejectItem, type RecordOptions } from './record-to-document.js';
import type { ReadItem, ReaderOptions } from './types.js';

/**
 * Streams a JSONL file (plain, gzip, multi-member gzip, or stdin): one item per non-blank line.
 * A gzip stream that breaks off ends the file with one `truncated-gzip` (or `corrupt-gzip`)
 * rejection carrying the compressed byte offset; every line decoded before it is kept. A last
 * line cut by the damage is part of that rejection; after complete members (trailing junk) no
 * line was cut, and a last line without a newline is read as any other.
 */
export async function* readJsonl(file: InputFile, options: ReaderOptions & RecordOptions, meter: ByteMeter): AsyncGenerator<ReadItem> {
  const input = await openInput(file.path, { decompress: true, stdin: options.stdin, meter });
  let gzipError: unknown;

  // Swallow the gzip error so the line reader ends normally and hands over the partial last
  // line; the error is reported after it, as one record.
  async function* guarded(): AsyncGenerator<Buffer> {
    try {
      yield* input.bytes;
    } catch (error) {
      if (!isGzipError(error)) throw error;
      gzipError = error;
    }
  }

  const maxLineBytes = options.maxDocBytes * 4;
  let lastLine = 0;
  for await (const line of readLines(guarded(), maxLineBytes)) {
    lastLine = line.number;
    const source = { file: file.path, line: line.number };
    if (!line.terminated && gzipError !== undefined && !endsAfterCompleteMembers(gzipError)) {
      // The line was cut by the broken gzip stream: it belongs to the truncation record.
      yield gzipRejection(gzipError, file.path, line.number, input.bytesRead(), rawFromBytes(line.head));
      return;
    }
    if (line.bytes === null) {
      yield rejectItem(
        'oversize',
        source,
        rawFromBytes(line.head),
        `line is ${line.byteLength} bytes, over the ${maxLineBytes}-byte line limit`,
      );
      continue;
    }
    if (isBlankLine(line.bytes)) continue;
    yield lineToItem(line.bytes, source, options);
  }
  if (gzipError !== undefined) {
    yield gzipRejection(gzipError, file.path, lastLine + 1, input.bytesRead(), '');
  }
}

function gzipRejection(error: unknown, file: string, line: number, bytesRead: number, raw: string): ReadItem {
  const reason = isTruncatedGzip(error) ? 'truncated-gzip' : 'corrupt-gzip';
  const offset = gzipErrorOffset(error) ?? bytesRead;
  return rejectItem(reason, { file, line, offset }, raw, `${(error as Error).message} (after ${offset} compressed bytes)`);
}

import { ByteMeter } from './byte-meter.js';
import { decodeFailure, type DecodeFailure } from './decode-failure.js';
import type { InputFile } from './input-format.js';
import { isBlankLine, readLines } from './line-reader.js';
import { openInput } from './open-input.js';
import { rawFromBytes } from './raw-text.js';
import { lineToItem, rejectItem, type RecordOptions } from './record-to-document.js';
import type { ReadItem, ReaderOptions } from './types.js';

/**
 * Streams a JSONL file (plain, gzip or zstd, multi-member or multi-frame, or stdin): one item per
 * non-blank line. A compressed stream that breaks off ends the file with one `truncated-gzip`,
 * `corrupt-gzip`, `truncated-zstd` or `corrupt-zstd` rejection carrying the compressed byte
 * offset; every line decoded before it is kept. A last line cut by the damage is part of that
 * rejection; after complete members or frames (trailing junk) no line was cut, and a last line
 * without a newline is read as any other.
 */
export async function* readJsonl(file: InputFile, options: ReaderOptions & RecordOptions, meter: ByteMeter): AsyncGenerator<ReadItem> {
  const input = await openInput(file.path, { decompress: true, stdin: options.stdin, meter, onRead: options.onRead });
  let failure: DecodeFailure | undefined;

  // Swallow the decoding error so the line reader ends normally and hands over the partial last
  // line; the error is reported after it, as one record.
  async function* guarded(): AsyncGenerator<Buffer> {
    try {
      yield* input.bytes;
    } catch (error) {
      failure = decodeFailure(error);
      if (failure === undefined) throw error;
    }
  }

  // A line is held whole before it is parsed, so its length is capped too, above any text that
  // passes max-doc-bytes with room for escapes and the record's other fields.
  const maxLineBytes = options.maxDocBytes * 4;
  let lastLine = 0;
  for await (const line of readLines(guarded(), maxLineBytes)) {
    lastLine = line.number;
    const source = { file: file.path, line: line.number };
    if (!line.terminated && failure !== undefined && !failure.afterCompleteFrames) {
      // The line was cut by the broken stream: it belongs to the truncation record.
      yield decodeRejection(failure, file.path, line.number, input.bytesRead(), rawFromBytes(line.head));
      return;
    }
    if (line.bytes === null) {
      yield rejectItem(
        'oversize',
        source,
        rawFromBytes(line.head),
        `the line is ${line.byteLength} bytes, over the ${maxLineBytes}-byte line limit (4 × max-doc-bytes, ` +
          'counting the whole JSON line with all its fields, however short its text)',
      );
      continue;
    }
    // A byte-order mark is layout too: the decoder drops it from line 1, and a line of nothing else is blank.
    if (isBlankLine(line.number === 1 ? withoutBom(line.bytes) : line.bytes)) continue;
    yield lineToItem(line.bytes, source, options);
  }
  if (failure !== undefined) {
    yield decodeRejection(failure, file.path, lastLine + 1, input.bytesRead(), '');
  }
}

function decodeRejection(failure: DecodeFailure, file: string, line: number, bytesRead: number, raw: string): ReadItem {
  const offset = failure.offset ?? bytesRead;
  return rejectItem(failure.reason, { file, line, offset }, raw, `${failure.message} (after ${offset} compressed bytes)`);
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function withoutBom(bytes: Buffer): Buffer {
  return bytes.subarray(0, 3).equals(BOM) ? bytes.subarray(3) : bytes;
}

import { isUtf8 } from 'node:buffer';
import { Readable, pipeline } from 'node:stream';
import Assembler from 'stream-json/assembler.js';
import parser, { type Token } from 'stream-json/parser.js';
import { ByteMeter } from './byte-meter.js';
import type { InputFile } from './input-format.js';
import { decodeFailure } from './decode-failure.js';
import { openInput } from './open-input.js';
import { rejectItem, valueToItem, type RecordOptions } from './record-to-document.js';
import type { ReadItem, ReaderOptions, SourceRef } from './types.js';
import { untilError } from './until-error.js';

/**
 * Streams the records of a JSON array file: the elements of a top-level array, or of every
 * array-valued key of a top-level object (`{"documents": [...]}`), in file order; the object's
 * other values are skipped. Only one element is assembled at a time. A syntax error, data after
 * the top-level value or broken gzip or zstd ends the file with one rejection; every element completed
 * before it is kept. stream-json reports no byte offsets, so sources carry the element's 0-based
 * `index`, counted across the file (the arrays of a top-level object share one count).
 */
export async function* readJsonArray(file: InputFile, options: ReaderOptions & RecordOptions, meter: ByteMeter): AsyncGenerator<ReadItem> {
  const input = await openInput(file.path, { decompress: true, stdin: options.stdin, meter });
  // Packed tokens only (keyValue, stringValue, numberValue): the Assembler needs nothing else.
  const tokens = parser.asStream({ streamValues: false });
  pipeline(Readable.from(piecesEndingAtCloses(utf8Text(input.bytes))), tokens, () => {});

  let index = 0;
  const at = (): SourceRef => ({ file: file.path, index });
  try {
    // untilError, not `for await` over the stream: that drops the tokens the parser emitted in the
    // same chunk as its error, and with them the last complete elements of a cut file.
    for await (const element of arrayElements(untilError<Token>(tokens))) {
      if (element.kind === 'malformed') {
        yield rejectItem('malformed-json', at(), '', element.detail);
        return;
      }
      yield valueToItem(element.value, () => JSON.stringify(element.value), at(), options);
      index++;
    }
  } catch (error) {
    const failure = decodeFailure(error);
    if (failure) {
      yield rejectItem(failure.reason, { ...at(), offset: failure.offset ?? input.bytesRead() }, '', failure.message);
    } else if (error instanceof InvalidUtf8) {
      yield rejectItem('invalid-utf8', at(), '', error.message);
    } else {
      yield rejectItem('malformed-json', at(), '', (error as Error).message);
    }
  } finally {
    tokens.destroy();
  }
}

class InvalidUtf8 extends Error {}

/**
 * The bytes as text, checked: an invalid UTF-8 sequence ends the file (one `invalid-utf8`
 * rejection), never a silent U+FFFD in the text we score; the text before it is still handed out,
 * so the elements it completes are kept. A leading BOM is dropped.
 */
async function* utf8Text(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let carry: Buffer = Buffer.alloc(0); // the bytes of a sequence split across chunks
  for await (const chunk of bytes) {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const whole = data.length - incompleteTail(data);
    const good = validPrefix(data.subarray(0, whole));
    if (good > 0) yield decoder.decode(data.subarray(0, good), { stream: true });
    if (good < whole) throw new InvalidUtf8('the file is not valid UTF-8 from here on');
    carry = Buffer.from(data.subarray(whole));
  }
  if (carry.length > 0) throw new InvalidUtf8('the file ends inside a UTF-8 sequence');
}

/** Bytes at the end of `data` that start a multi-byte sequence it does not finish. */
function incompleteTail(data: Buffer): number {
  for (let back = 1; back <= Math.min(3, data.length); back++) {
    const byte = data[data.length - back]!;
    if ((byte & 0xc0) !== 0x80) {
      const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return need > back ? back : 0;
    }
  }
  return 0;
}

/** Length of the longest prefix of `data` with no invalid UTF-8 (all of it, on the common path). */
function validPrefix(data: Buffer): number {
  if (isUtf8(data)) return data.length;
  // Validity of a prefix (as a stream: a cut last sequence is fine) only falls as it grows.
  const ok = (n: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = data.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  // Keep only whole sequences of the valid prefix.
  return lo - incompleteTail(data.subarray(0, lo));
}

/**
 * The text cut after every `}` and `]`. stream-json's parser hands out the tokens of a write only
 * when the whole write parses: a syntax error drops every token of the write it is in. Cut this
 * way, an element that closes before the error has its tokens in a write of its own, so only the
 * broken element is lost to the rejection. (Cuts inside strings are harmless: the parser joins
 * writes.)
 */
export function* piecesOf(text: string): Generator<string> {
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      yield text.slice(start, i + 1);
      start = i + 1;
    }
  }
  if (start < text.length) yield text.slice(start);
}

async function* piecesEndingAtCloses(texts: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const text of texts) yield* piecesOf(text);
}

type Element = { kind: 'value'; value: unknown } | { kind: 'malformed'; detail: string };

const SCALARS: Partial<Record<Token['name'], (token: Token) => unknown>> = {
  stringValue: (t) => (t as { value: string }).value,
  numberValue: (t) => Number((t as { value: string }).value),
  nullValue: () => null,
  trueValue: () => true,
  falseValue: () => false,
};

/**
 * Walks the token stream and yields the elements of the top-level array, or of each array-valued
 * key of the top-level object; then `malformed` if anything follows the top-level value. Pure
 * over tokens: the state is the nesting depth, the depth the current array's elements live at,
 * and the element being assembled.
 */
export async function* arrayElements(tokens: AsyncIterable<Token>): AsyncGenerator<Element> {
  let depth = 0;
  let elementDepth = 0; // 0 while outside a target array
  let assembler: Assembler | null = null;
  let topLevel: 'array' | 'object' | undefined;
  let arrays = 0;
  let finished = false; // the top-level value has ended

  for await (const token of tokens) {
    if (token.name === 'whitespace') continue;
    if (finished) {
      yield { kind: 'malformed', detail: 'data after the top-level JSON value' };
      return;
    }
    if (assembler) {
      assembler.consume(token);
      if (assembler.done) {
        yield { kind: 'value', value: assembler.current };
        assembler = null;
      }
      continue;
    }
    const opens = token.name === 'startObject' || token.name === 'startArray';
    const closes = token.name === 'endObject' || token.name === 'endArray';

    if (elementDepth > 0 && depth === elementDepth) {
      if (opens) {
        assembler = new Assembler();
        assembler.consume(token);
        continue;
      }
      const scalar = SCALARS[token.name];
      if (scalar) yield { kind: 'value', value: scalar(token) };
      if (closes) {
        // The end of a target array: the file ends with it (top-level array), or the object goes on.
        elementDepth = 0;
        depth--;
        finished = depth === 0;
      }
      continue;
    }

    if (depth === 0) {
      if (token.name === 'startArray') {
        topLevel = 'array';
        elementDepth = 1;
      } else if (token.name === 'startObject') {
        topLevel = 'object';
      } else {
        yield { kind: 'malformed', detail: 'expected a top-level array or an object holding one' };
        return;
      }
    } else if (topLevel === 'object' && depth === 1 && token.name === 'startArray') {
      elementDepth = 2;
      arrays++;
    }
    if (opens) depth++;
    if (closes) depth--;
    if (topLevel === 'object' && depth === 0) {
      if (arrays === 0) {
        yield { kind: 'malformed', detail: 'the top-level object has no array value' };
        return;
      }
      finished = true;
    }
  }
}

import { Readable, pipeline } from 'node:stream';
import Assembler from 'stream-json/assembler.js';
import parser, { type Token } from 'stream-json/parser.js';
import { ByteMeter } from './byte-meter.js';
import type { InputFile } from './input-format.js';
import { isGzipError, isTruncatedGzip, openInput } from './open-input.js';
import { rejectItem, valueToItem } from './record-to-document.js';
import type { ReadItem, ReaderOptions, SourceRef } from './types.js';

/**
 * Streams the elements of a JSON array file: a top-level array, or the first array-valued key
 * of a top-level object (`{"documents": [...]}`). Only one element is assembled at a time.
 * A syntax error or broken gzip ends the file with one rejection; elements before it are kept.
 * stream-json reports no byte offsets, so sources carry the element `index` only.
 */
export async function* readJsonArray(file: InputFile, options: ReaderOptions, meter: ByteMeter): AsyncGenerator<ReadItem> {
  const input = await openInput(file.path, { decompress: true, stdin: options.stdin, meter });
  // Packed tokens only (keyValue, stringValue, numberValue): the Assembler needs nothing else.
  const tokens = parser.asStream({ streamValues: false });
  pipeline(Readable.from(input.bytes), tokens, () => {});

  let index = 0;
  const at = (): SourceRef => ({ file: file.path, index });
  try {
    for await (const element of arrayElements(tokens as AsyncIterable<Token>)) {
      if (element.kind === 'no-array') {
        yield rejectItem('malformed-json', at(), '', element.detail);
        return;
      }
      yield valueToItem(element.value, () => JSON.stringify(element.value), at(), options);
      index++;
    }
  } catch (error) {
    if (isGzipError(error)) {
      const reason = isTruncatedGzip(error) ? 'truncated-gzip' : 'corrupt-gzip';
      yield rejectItem(reason, { ...at(), offset: input.bytesRead() }, '', (error as Error).message);
    } else {
      yield rejectItem('malformed-json', at(), '', (error as Error).message);
    }
  } finally {
    tokens.destroy();
  }
}

type Element = { kind: 'value'; value: unknown } | { kind: 'no-array'; detail: string };

const SCALARS: Partial<Record<Token['name'], (token: Token) => unknown>> = {
  stringValue: (t) => (t as { value: string }).value,
  numberValue: (t) => Number((t as { value: string }).value),
  nullValue: () => null,
  trueValue: () => true,
  falseValue: () => false,
};

/**
 * Walks the token stream to the target array and yields its elements. Pure over tokens: the
 * state is the nesting depth, the depth the array's elements live at, and the element being
 * assembled.
 */
export async function* arrayElements(tokens: AsyncIterable<Token>): AsyncGenerator<Element> {
  let depth = 0;
  let elementDepth = 0; // 0 until the target array is found
  let assembler: Assembler | null = null;
  let topLevel: 'array' | 'object' | undefined;

  for await (const token of tokens) {
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
      if (closes) return; // the end of the target array: the rest of the file is not ours
      continue;
    }

    if (depth === 0 && topLevel === undefined) {
      if (token.name === 'startArray') {
        topLevel = 'array';
        elementDepth = 1;
      } else if (token.name === 'startObject') {
        topLevel = 'object';
      } else if (token.name !== 'whitespace') {
        yield { kind: 'no-array', detail: 'expected a top-level array or an object holding one' };
        return;
      }
    } else if (topLevel === 'object' && depth === 1 && token.name === 'startArray') {
      elementDepth = 2;
    }
    if (opens) depth++;
    if (closes) depth--;
    if (topLevel === 'object' && depth === 0) {
      yield { kind: 'no-array', detail: 'the top-level object has no array value' };
      return;
    }
  }
}

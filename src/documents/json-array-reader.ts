import { isUtf8 } from 'node:buffer';
import Assembler from 'stream-json/assembler.js';
import { getManyValues, isMany, none, type Many } from 'stream-chain/defs.js';
import { jsonParser, type Token } from 'stream-json/parser.js';
import { ByteMeter } from './byte-meter.js';
import type { InputFile } from './input-format.js';
import { decodeFailure } from './decode-failure.js';
import { MAX_NESTING_DEPTH, tooDeepDetail } from './nesting-depth.js';
import { openInput } from './open-input.js';
import { rejectItem, valueToItem, type RecordOptions } from './record-to-document.js';
import type { ReadItem, ReaderOptions, SourceRef } from './types.js';

/**
 * Streams the records of a JSON array file: the elements of a top-level array, or of every
 * array-valued key of a top-level object (`{"documents": [...]}`), in file order; the object's
 * other values are skipped. Only one element is assembled at a time, within limits on its depth
 * (`too-deep`) and size (`oversize`). A syntax error, data after
 * the top-level value or broken gzip or zstd ends the file with one rejection; every element completed
 * before it is kept. stream-json reports no byte offsets, so sources carry the element's 0-based
 * `index`, counted across the file (the arrays of a top-level object share one count).
 */
export async function* readJsonArray(file: InputFile, options: ReaderOptions & RecordOptions, meter: ByteMeter): AsyncGenerator<ReadItem> {
  const input = await openInput(file.path, { decompress: true, stdin: options.stdin, meter, onRead: options.onRead });
  // Streamed tokens only: strings, keys and numbers come in chunks, so the size of an element can be
  // bounded while it is read (packed, the parser would hold a string of any length). The parser is
  // called as a function, not as a stream: tokens cost a call each, not a stream event.
  const parse = jsonParser({ packValues: false, streamValues: true });
  const limits: ElementLimits = { depth: MAX_NESTING_DEPTH, size: options.maxDocBytes * 4 };
  const elements = new ArrayElements(limits);

  let index = 0;
  const at = (): SourceRef => ({ file: file.path, index });
  try {
    for await (const text of textThenEnd(utf8Text(input.bytes))) {
      for (const token of tokensOf(parse, text)) {
        const element = elements.next(token);
        if (element === undefined) continue;
        if (element.kind === 'malformed') {
          yield rejectItem('malformed-json', at(), '', element.detail);
          return;
        }
        if (element.kind === 'over-limit') yield overLimit(element.limit, limits, at());
        // Within the depth limit, so serialising it for `raw` is safe.
        else yield valueToItem(element.value, () => JSON.stringify(element.value), at(), options);
        index++;
      }
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
  }
}

/** Stands for the end of the text: the parser, given it, checks that the JSON value was complete. */
const END = none;

async function* textThenEnd(texts: AsyncIterable<string>): AsyncGenerator<string | typeof END> {
  yield* texts;
  yield END;
}

/**
 * The tokens of `text`, parsed piece by piece. The tokens of a piece come only when all of it
 * parses, so the text is cut after every closing bracket: an element that closes before a syntax
 * error is then handed out before the error is thrown (see piecesOf). At the end the parser is
 * flushed (called with `none`, its protocol), which throws if the JSON value is not complete.
 */
function* tokensOf(parse: ReturnType<typeof jsonParser>, text: string | typeof END): Generator<Token> {
  const pieces: Iterable<string | typeof END> = typeof text === 'string' ? piecesOf(text) : [END];
  for (const piece of pieces) {
    const produced: unknown = parse(piece as string);
    if (isMany(produced)) yield* getManyValues(produced as Many<Token>);
  }
}

/** The rejection of an element past one of its limits; it was never built, so it has no `raw`. */
function overLimit(limit: ElementLimit, limits: ElementLimits, source: SourceRef): ReadItem {
  if (limit === 'depth') return rejectItem('too-deep', source, '', tooDeepDetail(limits.depth));
  return rejectItem(
    'oversize',
    source,
    '',
    `the element is over the ${limits.size}-character element limit (4 × max-doc-bytes, counting its strings, keys and ` +
      'numbers by characters and every other value and bracket as one, however short its text)',
  );
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
 * The text cut after every `}` and `]`, and after every `,` that follows the end of a string, a
 * number or a literal (`"`, a digit, `e` of true/false, `l` of null). The parser hands out the
 * tokens of a call only when the whole text of the call parses: a syntax error drops every token
 * of the piece it is in. Cut this way, an element that ends before the error has its tokens in a
 * piece of its own, so only the broken element is lost to the rejection. (Cuts inside strings are
 * harmless: the parser joins pieces.)
 */
export function* piecesOf(text: string): Generator<string> {
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7d /* } */ || c === 0x5d /* ] */ || (c === 0x2c /* , */ && i > 0 && endsScalar(text.charCodeAt(i - 1)))) {
      yield text.slice(start, i + 1);
      start = i + 1;
    }
  }
  if (start < text.length) yield text.slice(start);
}

/** `"`, a digit, or the last letter of true, false and null. */
function endsScalar(c: number): boolean {
  return c === 0x22 || (c >= 0x30 && c <= 0x39) || c === 0x65 /* e */ || c === 0x6c /* l */;
}

type Element =
  | { kind: 'value'; value: unknown }
  | { kind: 'malformed'; detail: string }
  /** An element past a limit: never assembled, its tokens are skipped to its end. */
  | { kind: 'over-limit'; limit: ElementLimit };

/** The limits of one array element, so that neither memory nor what reads the record later can blow up. */
export interface ElementLimits {
  /** Nesting depth of arrays and objects, the element itself being 1. */
  depth: number;
  /**
   * Size of the element: the characters of its strings, keys and numbers, plus one for every
   * other value and bracket (so an element of a million nulls counts too).
   */
  size: number;
}
export type ElementLimit = keyof ElementLimits;

/**
 * Builds one array element from streamed tokens (strings, keys and numbers arrive in chunks), within
 * `limits`: stream-json's own packing would hold a string of any length, and its Assembler a
 * structure of any depth. Past a limit it stops building and only follows the structure to the
 * element's end.
 */
class ElementBuilder {
  private readonly assembler = new Assembler();
  private depth = 0;
  private size = 0;
  private chunks: string[] = [];
  private over: ElementLimit | undefined;

  constructor(private readonly limits: ElementLimits) {}

  /** Takes the element's next token; returns true once the element is complete. */
  consume(token: Token): boolean {
    this.size += token.name === 'stringChunk' || token.name === 'numberChunk' ? token.value.length : 1;
    if (this.over === undefined && this.size > this.limits.size) this.over = 'size';
    switch (token.name) {
      case 'startObject':
      case 'startArray':
        if (++this.depth > this.limits.depth && this.over === undefined) this.over = 'depth';
        this.assemble(token);
        return false;
      case 'endObject':
      case 'endArray':
        this.assemble(token);
        return --this.depth === 0;
      case 'startKey':
      case 'startString':
      case 'startNumber':
        this.chunks = [];
        return false;
      case 'stringChunk':
      case 'numberChunk':
        if (this.over === undefined) this.chunks.push(token.value);
        return false;
      case 'endKey':
        this.assemble({ name: 'keyValue', value: this.packed() });
        return false;
      case 'endString':
        this.assemble({ name: 'stringValue', value: this.packed() });
        return this.depth === 0;
      case 'endNumber':
        this.assemble({ name: 'numberValue', value: this.packed() });
        return this.depth === 0;
      case 'nullValue':
      case 'trueValue':
      case 'falseValue':
        this.assemble(token);
        return this.depth === 0;
      default:
        return false;
    }
  }

  /** The complete element, or the limit it went past. */
  result(): Element {
    return this.over === undefined ? { kind: 'value', value: this.assembler.current } : { kind: 'over-limit', limit: this.over };
  }

  private packed(): string {
    const value = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
    this.chunks = [];
    return value;
  }

  private assemble(token: Token): void {
    if (this.over === undefined) this.assembler.consume(token);
  }
}

/** Tokens that start a value (and so an element, in a target array). */
const VALUE_STARTS = new Set<Token['name']>(['startObject', 'startArray', 'startString', 'startNumber', 'nullValue', 'trueValue', 'falseValue']);

/**
 * Follows the token stream and hands out the elements of the top-level array, or of each
 * array-valued key of the top-level object; then `malformed` if anything follows the top-level
 * value. Pure over tokens: the state is the nesting depth, the depth the current array's elements
 * live at, and the element being built (see {@link ElementBuilder} for its limits).
 */
export class ArrayElements {
  private depth = 0;
  private elementDepth = 0; // 0 while outside a target array
  private element: ElementBuilder | null = null;
  private topLevel: 'array' | 'object' | undefined;
  private arrays = 0;
  private finished = false; // the top-level value has ended

  constructor(private readonly limits: ElementLimits) {}

  /** Takes the next token; returns the element it completes, or `malformed` (the end: stop there). */
  next(token: Token): Element | undefined {
    if (token.name === 'whitespace') return undefined;
    if (this.finished) return { kind: 'malformed', detail: 'data after the top-level JSON value' };
    if (this.element === null && this.elementDepth > 0 && this.depth === this.elementDepth && VALUE_STARTS.has(token.name)) {
      this.element = new ElementBuilder(this.limits);
    }
    if (this.element) {
      if (!this.element.consume(token)) return undefined;
      const element = this.element.result();
      this.element = null;
      return element;
    }
    const opens = token.name === 'startObject' || token.name === 'startArray';
    const closes = token.name === 'endObject' || token.name === 'endArray';

    if (this.elementDepth > 0 && this.depth === this.elementDepth) {
      if (closes) {
        // The end of a target array: the file ends with it (top-level array), or the object goes on.
        this.elementDepth = 0;
        this.depth--;
        this.finished = this.depth === 0;
      }
      return undefined;
    }

    if (this.depth === 0) {
      if (token.name === 'startArray') {
        this.topLevel = 'array';
        this.elementDepth = 1;
      } else if (token.name === 'startObject') {
        this.topLevel = 'object';
      } else {
        return { kind: 'malformed', detail: 'expected a top-level array or an object holding one' };
      }
    } else if (this.topLevel === 'object' && this.depth === 1 && token.name === 'startArray') {
      this.elementDepth = 2;
      this.arrays++;
    }
    if (opens) this.depth++;
    if (closes) this.depth--;
    if (this.topLevel === 'object' && this.depth === 0) {
      if (this.arrays === 0) return { kind: 'malformed', detail: 'the top-level object has no array value' };
      this.finished = true;
    }
    return undefined;
  }
}

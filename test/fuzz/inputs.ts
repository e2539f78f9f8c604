// Valid-looking inputs for each reader, built from parts whose outcome is known, before mutation.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { rawFrame } from '../documents/zstd-frames.js';
import { DEFAULT_READER_OPTIONS, checkText, type RejectReason } from '../../src/documents/index.js';
import { htmlResponse, warcRecord, warcinfo, wetRecord } from '../documents/warc-records.js';

/** A text field's value: mostly real text, sometimes each kind of bad text. */
export const textValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('', ' \n\t ', '\u200b\u2060', null, ['a'], { a: 'b' }, 7, true) },
);

const nested = (levels: number, inner = '1') => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;

/** One JSON record as text: a plain record, one nested near or past the depth limit, or not a record at all. */
export const jsonRecordArb: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc
      .record(
        { id: fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null)), text: textValueArb, extra: fc.jsonValue({ maxDepth: 3 }) },
        { requiredKeys: [] },
      )
      .map((record) => JSON.stringify(record)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 505, max: 520 }).map((levels) => `{"text":"deep record","n":${nested(levels - 1)}}`) },
  { weight: 1, arbitrary: fc.constant(`{"text":"very deep","n":${nested(5000)}}`) },
  { weight: 1, arbitrary: fc.constantFrom('7', '"text"', 'null', '[{"text":"x"}]', '{"text": tru', '{') },
);

export type Compression = 'none' | 'gzip' | 'gzip-members' | 'zstd-raw';
export const compressionArb = fc.constantFrom<Compression>('none', 'gzip', 'gzip-members', 'zstd-raw');

/** The bytes compressed as asked: one gzip member, one member per `pieces` part, or zstd frames of raw blocks. */
export function compress(pieces: Buffer[], how: Compression): Buffer {
  const whole = Buffer.concat(pieces);
  switch (how) {
    case 'none':
      return whole;
    case 'gzip':
      return gzipSync(whole);
    case 'gzip-members':
      return Buffer.concat(pieces.map((p) => gzipSync(p)));
    case 'zstd-raw':
      return Buffer.concat(pieces.map((p) => rawFrame(p, { blockBytes: 64 })));
  }
}

/** A JSONL file's lines (as byte pieces), with blank lines, CR LF or LF, and maybe a BOM. */
export const jsonlArb = fc
  .record({
    lines: fc.array(fc.oneof({ weight: 8, arbitrary: jsonRecordArb }, fc.constantFrom('', '   ')), { maxLength: 25 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    lastNewline: fc.boolean(),
  })
  .map(({ lines, crlf, bom, lastNewline }) => {
    const eol = crlf ? '\r\n' : '\n';
    const pieces = lines.map((line, i) => Buffer.from(line + (i < lines.length - 1 || lastNewline ? eol : '')));
    return bom ? [Buffer.from([0xef, 0xbb, 0xbf]), ...pieces] : pieces;
  });

/** A JSON array file (as byte pieces) with the records it holds: a top-level array, or an object holding one or two. */
export const jsonArrayArb = fc
  .record({
    records: fc.array(jsonRecordArb, { maxLength: 25 }),
    wrapped: fc.constantFrom('array', 'object', 'two-arrays'),
  })
  .map(({ records, wrapped }) => {
    const half = Math.floor(records.length / 2);
    const text =
      wrapped === 'array'
        ? `[${records.join(',')}]`
        : wrapped === 'object'
          ? `{"meta":{"skip":[1,2]},"docs":[${records.join(',\n')}]}`
          : `{"a":[${records.slice(0, half).join(',')}],"note":"x","b":[${records.slice(half).join(',')}]}`;
    // Pieces cut after each record's closing bracket, so gzip members and zstd frames end there.
    const pieces = text.split(/(?<=\}),/).map((piece, i, all) => Buffer.from(i < all.length - 1 ? `${piece},` : piece));
    return { pieces, records };
  });

/** A Content-Length header: mostly right, sometimes each kind of wrong. */
const contentLengthArb: fc.Arbitrary<(exact: number) => string | null> = fc.oneof(
  { weight: 12, arbitrary: fc.constant((exact: number) => String(exact)) },
  { weight: 1, arbitrary: fc.constantFrom('5.5', 'abc', '5 6', '-5', '', '1e3', '0x10', '+5', '99999999999999999999', '999999999', ' 007 ').map((v) => () => v) },
  { weight: 1, arbitrary: fc.constant(() => null) },
  { weight: 1, arbitrary: fc.integer({ min: -40, max: 40 }).map((delta) => (exact: number) => String(Math.max(0, exact + delta))) },
);

/** An HTML page's body and what reading it yields (<html> and <body> are two levels of nesting). */
const htmlBodyArb: fc.Arbitrary<{ body: string; expected: 'document' | RejectReason }> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 80 })
      .map((t) => t.replace(/[<>&]/g, ' '))
      .map((t) => ({ body: `<p>${t}</p>`, expected: /\S/.test(t) ? ('document' as const) : ('empty-text' as const) })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 505, max: 520 }).map((n) => ({ body: `${'<div>'.repeat(n)}deep words${'</div>'.repeat(n)}`, expected: n + 2 > 512 ? ('too-deep' as const) : ('document' as const) })),
  },
  { weight: 1, arbitrary: fc.constant({ body: `${'<b>'.repeat(3000)}unclosed`, expected: 'too-deep' as const }) },
  { weight: 1, arbitrary: fc.constant({ body: `${'<p>para '.repeat(300)}<ul>${'<li>item '.repeat(300)}</ul>`, expected: 'document' as const }) },
);

/** One WARC record: its bytes, and what reading it alone yields, when that is known (its Content-Length is right). */
export interface WarcRecordCase {
  bytes: Buffer;
  expected: 'nothing' | 'document' | RejectReason | 'unknown';
}

export const warcRecordArb: fc.Arbitrary<WarcRecordCase> = fc
  .record({
    kind: fc.constantFrom('conversion', 'conversion', 'conversion', 'html', 'warcinfo', 'request', 'image'),
    id: fc.uuid(),
    text: fc.oneof({ weight: 8, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }) }, fc.constantFrom('', '  ', '\u200b')),
    html: htmlBodyArb,
    invalidUtf8: fc.boolean(),
    contentLength: contentLengthArb,
    repeatLength: fc.boolean(),
    extraHeaders: fc.array(fc.constantFrom('X-Note: a', 'WARC-Date: 2024-01-01T00:00:00Z', 'X-Folded: a\r\n b'), { maxLength: 2 }),
  })
  .map((r): WarcRecordCase => {
    if (r.kind === 'warcinfo') return { bytes: warcinfo(), expected: 'nothing' };
    if (r.kind === 'html') {
      const body = `<html><body>${r.html.body}</body></html>`;
      return { bytes: htmlResponse(r.id, body), expected: r.html.expected };
    }
    const block =
      r.kind === 'conversion'
        ? Buffer.concat([Buffer.from(r.text), Buffer.from(r.invalidUtf8 ? [0xc3] : [])])
        : r.kind === 'request'
          ? Buffer.from('GET / HTTP/1.1\r\nHost: example.org\r\n\r\n')
          : Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG....', 'latin1');
    const length = r.contentLength(block.length);
    const extraHeaders = [...r.extraHeaders, ...(r.repeatLength && length !== null ? [`Content-Length: ${length}`] : [])];
    const exact = length === String(block.length) && !r.repeatLength;
    if (r.kind === 'conversion') {
      const expected = r.invalidUtf8 ? 'invalid-utf8' : (checkText(r.text, DEFAULT_READER_OPTIONS.maxDocBytes)?.reason ?? 'document');
      return { bytes: wetRecord(r.id, '', { block, contentLength: length, extraHeaders }), expected: exact ? expected : 'unknown' };
    }
    const type = r.kind === 'request' ? 'request' : 'response';
    const bytes = warcRecord({ type, id: r.id, block, contentLength: length, extraHeaders, contentType: `application/http; msgtype=${type}` });
    return { bytes, expected: exact ? (type === 'request' ? 'nothing' : 'unsupported-content') : 'unknown' };
  });

/** A WARC file's records, in order. */
export const warcArb = fc.array(warcRecordArb, { maxLength: 12 });

// WARC headers read strictly and within bounds: a bad Content-Length, a header with no end or an
// HTTP header block without limit costs one unreadable-warc-record, and reading goes on at the next
// record. Reads run in a worker under a deadline: a Content-Length of 5.5 used to hang the reader in
// a loop of resolved promises, which no timer of its own thread can interrupt.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReadItem } from '../../src/documents/index.js';
import { MAX_HTTP_HEADER_BYTES, MAX_WARC_HEADER_BYTES } from '../../src/documents/warc-parser.js';
import { ReaderSandbox } from '../helpers/reader-sandbox/sandbox.js';
import { documents, readAll, rejections, tempDir } from './helpers.js';
import { htmlResponse, prose, recordOffset, warcFile, warcinfo, warcRecord, wetRecord } from './warc-records.js';

const sandbox = new ReaderSandbox();
afterAll(() => sandbox.close());

/** Reads a file in the sandbox; fails the test if the reader throws or runs past 20 s. */
async function readInSandbox(path: string): Promise<ReadItem[]> {
  const reply = await sandbox.run({ kind: 'read', inputs: [path] }, 20_000);
  if (reply.kind !== 'read') throw new Error(`the reader did not finish: ${JSON.stringify(reply)}`);
  return reply.items;
}

const NOT_A_NUMBER = (value: string) => `the record's Content-Length ${JSON.stringify(value)} is not a whole number of bytes (digits only, at most ${Number.MAX_SAFE_INTEGER})`;

describe.each([
  ['plain', false],
  ['gzip per record', true],
])('WARC reader, %s: a record whose Content-Length is not a byte count', (_, gzip) => {
  // warcinfo, rec0, the bad record, rec1, rec2: as the issue's reproduction.
  const cases: Array<[string, string | null, string]> = [
    ['5.5 (hung for ever)', '5.5', NOT_A_NUMBER('5.5')],
    ['abc (swallowed the records after it)', 'abc', NOT_A_NUMBER('abc')],
    ['"5 6" (swallowed the records after it)', '5 6', NOT_A_NUMBER('5 6')],
    ['1e3', '1e3', NOT_A_NUMBER('1e3')],
    ['0x10', '0x10', NOT_A_NUMBER('0x10')],
    ['+5', '+5', NOT_A_NUMBER('+5')],
    ['-5', '-5', NOT_A_NUMBER('-5')],
    ['past 2^53', '99999999999999999999', NOT_A_NUMBER('99999999999999999999')],
    ['empty', '', 'the record has no Content-Length'],
    ['missing', null, 'the record has no Content-Length'],
  ];
  it.each(cases)('%s: one unreadable-warc-record at its offset, then the next records', async (_name, contentLength, detail) => {
    const records = [warcinfo(), wetRecord('r0', prose(0)), wetRecord('bad', prose(9), { contentLength }), wetRecord('r1', prose(1)), wetRecord('r2', prose(2))];
    const path = join(tempDir(), gzip ? 'bad.warc.wet.gz' : 'bad.warc.wet');
    writeFileSync(path, warcFile(records, gzip));
    const items = await readInSandbox(path);
    expect(documents(items).map((d) => [d.id, d.text])).toEqual([0, 1, 2].map((n) => [`r${n}`, prose(n)]));
    expect(rejections(items)).toEqual([
      { reason: 'unreadable-warc-record', file: path, offset: recordOffset(records, 2, gzip), raw: '', detail },
    ]);
  });

  it('a repeated Content-Length (joined as "5, 7") is refused too', async () => {
    const bad = wetRecord('bad', prose(9), { extraHeaders: ['Content-Length: 7'] });
    const records = [wetRecord('r0', prose(0)), bad, wetRecord('r1', prose(1))];
    const path = join(tempDir(), gzip ? 'twice.warc.wet.gz' : 'twice.warc.wet');
    writeFileSync(path, warcFile(records, gzip));
    const items = await readInSandbox(path);
    expect(documents(items).map((d) => d.id)).toEqual(['r0', 'r1']);
    expect(rejections(items).map((r) => [r.offset, r.detail])).toEqual([[recordOffset(records, 1, gzip), NOT_A_NUMBER(`${prose(9).length}, 7`)]]);
  });

  it('a Content-Length too large says so (it said "too small"), and the next record is read', async () => {
    const records = [wetRecord('r0', prose(0)), wetRecord('big', prose(9), { contentLength: String(prose(9).length + 40) }), wetRecord('r1', prose(1))];
    const path = join(tempDir(), gzip ? 'large.warc.wet.gz' : 'large.warc.wet');
    writeFileSync(path, warcFile(records, gzip));
    const items = await readInSandbox(path);
    expect(documents(items).map((d) => d.id)).toEqual(['r0', 'r1']);
    const next = recordOffset(records, 2, gzip);
    expect(rejections(items)).toEqual([
      expect.objectContaining({
        offset: recordOffset(records, 1, gzip),
        detail: `the record's block runs into the next record (at offset ${next}): its Content-Length of ${prose(9).length + 40} bytes is too large`,
      }),
    ]);
  });

  it('a Content-Length too small says so, with its value', async () => {
    const records = [wetRecord('r0', prose(0)), wetRecord('small', prose(9), { contentLength: '10' }), wetRecord('r1', prose(1))];
    const path = join(tempDir(), gzip ? 'small.warc.wet.gz' : 'small.warc.wet');
    writeFileSync(path, warcFile(records, gzip));
    const items = await readInSandbox(path);
    expect(documents(items).map((d) => d.id)).toEqual(['r0', 'r1']);
    expect(rejections(items).map((r) => r.detail)).toEqual(["the record's block goes on past its Content-Length of 10 bytes: the Content-Length is too small"]);
  });

  it('a last record whose Content-Length runs past the end of the file says the file ends first', async () => {
    const records = [wetRecord('r0', prose(0)), wetRecord('last', prose(9), { contentLength: '5000' })];
    const path = join(tempDir(), gzip ? 'end.warc.wet.gz' : 'end.warc.wet');
    writeFileSync(path, warcFile(records, gzip));
    const items = await readInSandbox(path);
    expect(documents(items).map((d) => d.id)).toEqual(['r0']);
    expect(rejections(items)).toEqual([
      expect.objectContaining({
        offset: recordOffset(records, 1, gzip),
        detail: 'the data ends before the record does: the file is cut short, or the Content-Length of 5000 bytes is too large',
      }),
    ]);
  });
});

describe('WARC reader: header blocks are bounded', () => {
  it(`a WARC header of more than ${MAX_WARC_HEADER_BYTES} bytes is one rejection, and the next record is read`, async () => {
    const padding = Array.from({ length: 2000 }, (_, i) => `X-Padding-${i}: ${'p'.repeat(40)}`);
    const records = [wetRecord('r0', prose(0)), wetRecord('long', prose(9), { extraHeaders: padding }), wetRecord('r1', prose(1))];
    const path = join(tempDir(), 'long-header.warc.wet');
    writeFileSync(path, warcFile(records, false));
    const items = await readInSandbox(path);
    expect(documents(items).map((d) => d.id)).toEqual(['r0', 'r1']);
    expect(rejections(items)).toEqual([
      expect.objectContaining({ offset: recordOffset(records, 1, false), detail: `the record's WARC header runs on for more than ${MAX_WARC_HEADER_BYTES} bytes without the blank line that ends it` }),
    ]);
  });

  it(`an HTTP header of more than ${MAX_HTTP_HEADER_BYTES} bytes is one rejection, and the next record is read`, async () => {
    const cookies = Array.from({ length: 3000 }, (_, i) => `Set-Cookie: c${i}=${'v'.repeat(100)}`);
    const page = '<html><body><p>A page with a few plain sentences of text in it, long enough to be prose.</p></body></html>';
    const records = [htmlResponse('p0', page), htmlResponse('cookies', page, cookies), htmlResponse('p1', page)];
    for (const gzip of [false, true]) {
      const path = join(tempDir(), gzip ? 'cookies.warc.gz' : 'cookies.warc');
      writeFileSync(path, warcFile(records, gzip));
      const items = await readInSandbox(path);
      expect(documents(items).map((d) => d.id)).toEqual(['p0', 'p1']);
      expect(rejections(items)).toEqual([
        expect.objectContaining({ offset: recordOffset(records, 1, gzip), detail: `the record's HTTP header runs on for more than ${MAX_HTTP_HEADER_BYTES} bytes without the blank line that ends it` }),
      ]);
    }
  });
});

describe('WARC reader: HTML nested too deep', () => {
  it('rejects a page nesting elements more than 512 deep as too-deep, reads the next records, and counts implied closes as htmlparser2 does', async () => {
    const page = (body: string) => `<html><body>${body}</body></html>`;
    const nested = (n: number, tag = 'div') => `${`<${tag}>`.repeat(n)}Deep text in a page, a few words long.${`</${tag}>`.repeat(n)}`;
    const pages: Array<[string, string, 'document' | 'too-deep']> = [
      ['plain', page('<p>An ordinary page with a few sentences of plain text.</p>'), 'document'],
      // <html> and <body> are two levels: 510 more is 512.
      ['div510', page(nested(510)), 'document'],
      ['div511', page(nested(511)), 'too-deep'],
      // Overflowed html-to-text's recursion: the record was unreadable, and the reader resynced.
      ['div5000', page(nested(5000)), 'too-deep'],
      // Unclosed inline tags nest; each took htmlparser2 time in the depth.
      ['b20000', page(`${'<b>'.repeat(20_000)}bold text`), 'too-deep'],
      // Implied closes do not nest: 2,000 paragraphs and list items without end tags, and void elements.
      ['sloppy', page(`${'<p>para '.repeat(2000)}<ul>${'<li>item '.repeat(2000)}</ul>${'line<br>'.repeat(2000)}`), 'document'],
    ];
    const records = pages.map(([id, html]) => htmlResponse(id, html));
    const path = join(tempDir(), 'deep-html.warc');
    writeFileSync(path, warcFile(records, false));
    const items = await readInSandbox(path);
    expect(items.map((item) => (item.kind === 'document' ? [item.document.id, 'document'] : [item.rejected.offset, item.rejected.reason]))).toEqual(
      pages.map(([id, , expected], i) => (expected === 'document' ? [id, 'document'] : [recordOffset(records, i, false), 'too-deep'])),
    );
    expect(rejections(items)[0]!.detail).toBe('the HTML page nests elements more than 512 levels deep');
  });
});

describe('WARC reader: resyncing costs reads in proportion to the file', () => {
  // Every look-alike used to be tried by opening the file there with a 256 KiB read-ahead and
  // parsing: 'WARC/1.0\r\n\r\n' 8,000 times (96 KB) took 7.6 s, 16,000 times 21 s.
  const rec = (id: string) => wetRecord(id, prose(0));
  const lookAlike = (contentLength: string) => Buffer.from(`WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: ${contentLength}\r\n\r\nxx\r\n\r\n`, 'latin1');
  const files: Array<[string, boolean, Buffer[], { docs: number; rejected: number }]> = [
    ['8,000 empty headers', false, [Buffer.from('WARC/1.0\r\n\r\n'.repeat(8000), 'latin1'), rec('end')], { docs: 1, rejected: 1 }],
    ['500 records declaring 999,999,999 bytes', false, [rec('a'), ...Array.from({ length: 500 }, () => lookAlike('999999999')), rec('end')], { docs: 2, rejected: 1 }],
    ['the same, gzip per record', true, [rec('a'), ...Array.from({ length: 500 }, () => lookAlike('999999999')), rec('end')], { docs: 2, rejected: 1 }],
    ['500 good records, each followed by one whose block is too large', false, Array.from({ length: 500 }, (_, i) => [rec(`g${i}`), lookAlike('50')]).flat(), { docs: 500, rejected: 500 }],
    ['the same, gzip per record', true, Array.from({ length: 500 }, (_, i) => [rec(`g${i}`), lookAlike('50')]).flat(), { docs: 500, rejected: 500 }],
  ];
  it.each(files)('%s (gzip: %s): every record accounted for, read at most 32 times over', async (_, gzip, records, expected) => {
    const path = join(tempDir(), gzip ? 'crafted.warc.gz' : 'crafted.warc');
    const bytes = warcFile(records, gzip);
    writeFileSync(path, bytes);
    let read = 0;
    const { items } = await readAll([path], { onRead: (n) => (read += n) });
    expect({ docs: documents(items).length, rejected: rejections(items).length }).toEqual(expected);
    // Measured at 4,000 records: 1.0x, 2.0x, 27x, 17x, 13x (a resync reads a 1 KiB chunk, then doubles);
    // trying every look-alike with a 256 KiB read-ahead read each of these files hundreds of times over.
    expect(read).toBeGreaterThanOrEqual(bytes.length);
    expect(read).toBeLessThanOrEqual(32 * bytes.length);
  });
});

describe('WARC reader: gzip members holding several records, or none (found by the property test)', () => {
  it('gives each record the offset of the member it starts in, a damaged member too, and reads a file of one empty member as empty', async () => {
    const records = [0, 1, 2, 3].map((n) => wetRecord(`r${n}`, prose(n)));
    const first = gzipSync(Buffer.concat(records.slice(0, 2)));
    const second = gzipSync(records[2]!);
    const mixed = join(tempDir(), 'mixed.warc.wet.gz');
    writeFileSync(mixed, Buffer.concat([first, second, gzipSync(records[3]!)]));
    // The records after the first in a member carried the file's size, or 0, as their offset.
    const items = (await readAll([mixed])).items;
    expect(documents(items).map((d) => [d.id, d.source.offset])).toEqual([
      ['r0', 0],
      ['r1', 0],
      ['r2', first.length],
      ['r3', first.length + second.length],
    ]);
    // A last member whose trailer is damaged: its record is rejected at the member's offset (it was
    // the count of inflated bytes, past the end of the file).
    const damaged = Buffer.concat([first, second]);
    damaged[damaged.length - 1]! ^= 10;
    const damagedPath = join(tempDir(), 'damaged.warc.wet.gz');
    writeFileSync(damagedPath, damaged);
    expect(rejections((await readAll([damagedPath])).items)).toEqual([
      expect.objectContaining({ reason: 'unreadable-warc-record', offset: first.length, detail: 'the gzip member cannot be inflated' }),
    ]);
    const empty = join(tempDir(), 'empty.warc.gz');
    writeFileSync(empty, gzipSync(Buffer.alloc(0)));
    // It was one unreadable-warc-record, 'the record is truncated or damaged'.
    expect((await readAll([empty])).items).toEqual([]);
  });
});

describe('WARC reader: a record right after a block that swallowed the blank line (found by the property test)', () => {
  it('gets its own offset, not the one of the record before', async () => {
    // A Content-Length 4 bytes too large takes the CR LF CR LF: the next version line follows the block.
    const records = [wetRecord('r0', prose(0), { contentLength: String(Buffer.byteLength(prose(0)) + 4) }), wetRecord('r1', prose(1))];
    const path = join(tempDir(), 'glued.warc.wet');
    writeFileSync(path, warcFile(records, false));
    const items = (await readAll([path])).items;
    expect(documents(items).map((d) => [d.id, d.source.offset])).toEqual([
      ['r0', 0],
      ['r1', records[0]!.length],
    ]);
  });
});

describe('WARC reader: a block too large to hold a payload within the limit', () => {
  it('is oversize without being read (warcio holds a whole transfer chunk before handing out a byte)', async () => {
    const body = 'a'.repeat(300_000);
    const block = `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    const records = [warcRecord({ type: 'response', id: 'big', block, contentType: 'application/http; msgtype=response' }), wetRecord('after', prose(1))];
    const path = join(tempDir(), 'chunked.warc');
    writeFileSync(path, warcFile(records, false));
    const { items } = await readAll([path], { maxDocBytes: 1000 });
    expect(documents(items).map((d) => d.id)).toEqual(['after']);
    expect(rejections(items)).toEqual([
      expect.objectContaining({
        reason: 'oversize',
        offset: 0,
        detail: `the record's block of ${Buffer.byteLength(block)} bytes is over the ${2 * 4000 + MAX_HTTP_HEADER_BYTES}-byte block limit (2 × the payload limit of 4 × max-doc-bytes, plus 256 KiB of HTTP headers)`,
      }),
    ]);
  });
});

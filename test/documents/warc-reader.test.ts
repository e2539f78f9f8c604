import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { WARCParser } from 'warcio';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { documents, fixture, readAll, rejections, tempDir } from './helpers.js';

/** The records of a file as warcio itself sees them: proves the fixtures are real WARCs. */
async function warcioIndex(path: string): Promise<{ type: string; offset: number }[]> {
  const parser = new WARCParser(createReadStream(path));
  const out: { type: string; offset: number }[] = [];
  for await (const record of parser) {
    await record.readFully(false);
    out.push({ type: record.warcType, offset: parser.offset });
  }
  return out;
}

describe('WARC reader', () => {
  it('fixtures are valid WARC/WET files by warcio', async () => {
    const warc = await warcioIndex(fixture('sample.warc.gz'));
    expect(warc.map((r) => r.type)).toEqual([
      'warcinfo',
      ...Array.from({ length: 7 }, () => ['request', 'response']).flat(),
      'metadata',
    ]);
    const wet = await warcioIndex(fixture('sample.warc.wet.gz'));
    expect(wet.map((r) => r.type)).toEqual(['warcinfo', ...Array.from({ length: 6 }, () => 'conversion')]);
  });

  it('turns HTML responses into readable text documents and skips non-document records', async () => {
    const { items, bytes, sizes } = await readAll([fixture('sample.warc.gz')]);
    const index = await warcioIndex(fixture('sample.warc.gz'));
    const responseOffsets = index.filter((r) => r.type === 'response').map((r) => r.offset);
    const docs = documents(items);
    expect(docs).toHaveLength(6);
    expect(docs.map((d) => d.source.offset)).toEqual(responseOffsets.slice(0, 6));
    const first = docs[0]!;
    expect(first.id).toBe('00000000-0000-4000-8000-000000000003');
    expect(first.record).toMatchObject({
      id: first.id,
      warcType: 'response',
      contentType: 'text/html; charset=utf-8',
      date: '2024-03-01T12:00:00Z',
    });
    expect(String(first.record.url)).toMatch(/^https:\/\/news\.example\.org\/fdg-/);
    expect(first.record.text).toBe(first.text);
    // Readable text: no markup, no script, no link targets or images.
    expect(first.text).not.toMatch(/<|analytics|https?:|banner/);
    expect(first.text.split(/\s+/).length).toBeGreaterThan(50);
    const rejected = rejections(items);
    expect(rejected).toEqual([
      expect.objectContaining({ reason: 'unsupported-content', offset: responseOffsets[6], detail: 'image/png is not text' }),
    ]);
    expect(bytes).toBe(sizes);
  });

  it('reads WET conversion records as plain text', async () => {
    const docs = documents((await readAll([fixture('sample.warc.wet.gz')])).items);
    expect(docs).toHaveLength(6);
    expect(docs.every((d) => d.record.warcType === 'conversion' && d.record.contentType === 'text/plain')).toBe(true);
    expect(docs[0]!.id).toBe('00000000-0000-4000-8000-000000000065');
    expect(docs[0]!.source.offset).toBe(await warcioIndex(fixture('sample.warc.wet.gz')).then((r) => r[1]!.offset));
  });

  it('reports a corrupt gzip member at its offset and resumes at the next member', async () => {
    const good = documents((await readAll([fixture('sample.warc.gz')])).items);
    const { items, bytes, sizes } = await readAll([fixture('corrupt.warc.gz')]);
    const bad = rejections(items).filter((r) => r.reason === 'unreadable-warc-record');
    expect(bad).toHaveLength(1);
    // The corrupt member is the third response (member 6), which starts where member 5 ends.
    expect(bad[0]!.offset).toBe(good[2]!.source.offset);
    expect(documents(items).map((d) => d.id)).toEqual(good.filter((_, i) => i !== 2).map((d) => d.id));
    expect(bytes).toBe(sizes);
  });

  it('reports a file cut inside a record once and stops cleanly', async () => {
    // The file is members 0-8 of sample.warc.gz, cut inside member 8 (the fourth response).
    const responses = (await warcioIndex(fixture('sample.warc.gz'))).filter((r) => r.type === 'response');
    const { items, bytes, sizes } = await readAll([fixture('truncated.warc.gz')]);
    expect(documents(items)).toHaveLength(3);
    expect(rejections(items)).toEqual([
      expect.objectContaining({ reason: 'unreadable-warc-record', offset: responses[3]!.offset }),
    ]);
    expect(bytes).toBe(sizes);
  });

  it('reads an uncompressed WARC and resyncs after a damaged header', async () => {
    const dir = tempDir();
    const plain = gunzipSync(readFileSync(fixture('sample.warc.gz')));
    const plainPath = join(dir, 'plain.warc');
    writeFileSync(plainPath, plain);
    const clean = await readAll([plainPath]);
    expect(documents(clean.items)).toHaveLength(6);
    expect(rejections(clean.items).map((r) => r.reason)).toEqual(['unsupported-content']);

    // Garble the version line of the second response: that record is lost, the rest is read.
    const damaged = Buffer.from(plain);
    const second = documents(clean.items)[1]!.source.offset!;
    damaged.write('XXXX/1.1', second, 'latin1');
    const damagedPath = join(dir, 'damaged.warc');
    writeFileSync(damagedPath, damaged);
    const { items } = await readAll([damagedPath]);
    expect(rejections(items).filter((r) => r.reason === 'unreadable-warc-record').map((r) => r.offset)).toEqual([second]);
    expect(documents(items).map((d) => d.id)).toEqual(documents(clean.items).filter((_, i) => i !== 1).map((d) => d.id));
  });

  it('rejects an over-long payload as oversize without reading it into a document', async () => {
    const { items } = await readAll([fixture('sample.warc.wet.gz')], { maxDocBytes: 200 });
    expect(rejections(items).map((r) => r.reason)).toEqual(Array.from({ length: 6 }, () => 'oversize'));
    expect(rejections(items)[0]!.detail).toMatch(/^the payload is over the 800-byte payload limit \(4 × max-doc-bytes/);
  });
});

/** The records of sample.warc.gz, each as its plain bytes (split at the offsets warcio reports). */
async function sampleRecords(): Promise<Buffer[]> {
  const plain = gunzipSync(readFileSync(fixture('sample.warc.gz')));
  const path = join(tempDir(), 'sample.warc');
  writeFileSync(path, plain);
  const offsets = (await warcioIndex(path)).map((r) => r.offset);
  return offsets.map((start, i) => plain.subarray(start, offsets[i + 1] ?? plain.length));
}

/** The record with its WARC Content-Length set to `length` (the block itself is unchanged). */
function withContentLength(record: Buffer, length: (old: number) => number): Buffer {
  const text = record.toString('latin1');
  const match = /\r\nContent-Length: (\d+)\r\n/.exec(text)!;
  const line = `\r\nContent-Length: ${length(Number(match[1]))}\r\n`;
  return Buffer.from(text.slice(0, match.index) + line + text.slice(match.index + match[0].length), 'latin1');
}

const offsetOf = (parts: Buffer[], index: number) => parts.slice(0, index).reduce((sum, p) => sum + p.length, 0);

describe('WARC reader: a Content-Length smaller than the record', () => {
  const warn = vi.spyOn(console, 'warn');
  afterEach(() => warn.mockClear());

  // Record 2 is the first response; 300 bytes short cuts its HTML inside the page's text.
  const shortened = async () => {
    const records = await sampleRecords();
    return { records, bad: records.map((r, i) => (i === 2 ? withContentLength(r, (n) => n - 300) : r)) };
  };

  it.each([
    ['plain WARC', 'short.warc', (parts: Buffer[]) => parts],
    ['gzip per record', 'short.warc.gz', (parts: Buffer[]) => parts.map((p) => gzipSync(p))],
  ])('%s: rejects the record at its offset, resyncs at the next one, prints nothing', async (_, name, encode) => {
    const { records, bad } = await shortened();
    const dir = tempDir();
    const cleanPath = join(dir, `clean-${name}`);
    writeFileSync(cleanPath, Buffer.concat(encode(records)));
    const badParts = encode(bad);
    const badPath = join(dir, name);
    writeFileSync(badPath, Buffer.concat(badParts));
    const clean = documents((await readAll([cleanPath])).items);
    warn.mockClear();

    const { items, bytes, sizes } = await readAll([badPath]);
    expect(rejections(items)).toEqual([
      expect.objectContaining({ reason: 'unreadable-warc-record', offset: offsetOf(badParts, 2), detail: expect.stringMatching(/Content-Length is too small/) }),
      expect.objectContaining({ reason: 'unsupported-content' }),
    ]);
    expect(documents(items).map((d) => [d.id, d.text])).toEqual(clean.slice(1).map((d) => [d.id, d.text]));
    expect(bytes).toBe(sizes);
    expect(warn).not.toHaveBeenCalled();
  });

  it('reports it also as the first record read after a resync', async () => {
    // Record 3 (a request) loses its version line, record 4 (the second response) is 300 bytes short.
    const records = await sampleRecords();
    const bad = records.map((r, i) =>
      i === 3 ? Buffer.concat([Buffer.from('XXXX/1.1', 'latin1'), r.subarray(8)]) : i === 4 ? withContentLength(r, (n) => n - 300) : r,
    );
    const path = join(tempDir(), 'damaged.warc');
    writeFileSync(path, Buffer.concat(bad));
    const cleanPath = join(tempDir(), 'clean.warc');
    writeFileSync(cleanPath, Buffer.concat(records));
    const clean = documents((await readAll([cleanPath])).items);

    const { items } = await readAll([path]);
    expect(rejections(items).map((r) => [r.reason, r.offset])).toEqual([
      ['unreadable-warc-record', offsetOf(bad, 3)],
      ['unreadable-warc-record', offsetOf(bad, 4)],
      ['unsupported-content', offsetOf(bad, records.length - 2)],
    ]);
    expect(documents(items).map((d) => d.id)).toEqual(clean.filter((_, i) => i !== 1).map((d) => d.id));
    expect(warn).not.toHaveBeenCalled();
  });
});

import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputError, readInputs, resolveInputs, type ReadItem } from '../../src/documents/index.js';
import { documents, fixture, readAll, rejections, tempDir } from './helpers.js';
import { blockOffsets, junk, rawFrame, readZstdFixture, skippableFrame, zstdFixture } from './zstd-frames.js';

const sampleLines = readFileSync(fixture('sample.jsonl'), 'utf8').trim().split('\n');
const sampleIds = sampleLines.map((l) => (JSON.parse(l) as { id: string }).id);
const sampleZst = readZstdFixture('sample.jsonl.zst');
const head8Zst = readZstdFixture('head-8.jsonl.zst');

const writeTemp = (name: string, data: Buffer | string): string => {
  const path = join(tempDir(), name);
  writeFileSync(path, data);
  return path;
};

const lineOf = (item: ReadItem) => (item.kind === 'document' ? item.document.source.line : item.rejected.line);

describe('zstd input', () => {
  it('reads a .jsonl.zst as the .jsonl it was made from, counting compressed bytes', async () => {
    const plain = documents((await readAll([fixture('sample.jsonl')])).items);
    const { items, bytes, sizes } = await readAll([zstdFixture('sample.jsonl.zst')]);
    expect(rejections(items)).toEqual([]);
    const docs = documents(items);
    expect(docs.map((d) => [d.id, d.text, d.record, d.source.line])).toEqual(plain.map((d) => [d.id, d.text, d.record, d.source.line]));
    expect(docs[0]!.source.file).toBe('fixtures/zstd/sample.jsonl.zst');
    expect(bytes).toBe(statSync(zstdFixture('sample.jsonl.zst')).size);
    expect(bytes).toBe(sizes);
  });

  it('reads concatenated frames (cat a.zst b.zst) and skippable frames as one stream of lines', async () => {
    const path = writeTemp('multi.jsonl.zst', Buffer.concat([sampleZst, skippableFrame(junk(100)), head8Zst]));
    const { items, bytes, sizes } = await readAll([path]);
    expect(rejections(items)).toEqual([]);
    expect(documents(items).map((d) => [d.id, d.source.line])).toEqual([...sampleIds, ...sampleIds.slice(0, 8)].map((id, i) => [id, i + 1]));
    expect(bytes).toBe(sizes);
  });

  it('reads .ndjson.zst and .json.zst (a JSON array) by name, zstd told by the bytes', async () => {
    const array = JSON.parse(readFileSync(fixture('array.json'), 'utf8')) as { id: string }[];
    const docs = documents((await readAll([zstdFixture('array.json.zst')])).items);
    expect(docs.map((d) => [d.id, d.source.index])).toEqual(array.map((d, i) => [d.id, i]));
    const ndjson = join(tempDir(), 'a.ndjson.zst');
    copyFileSync(zstdFixture('head-8.jsonl.zst'), ndjson);
    expect(documents((await readAll([ndjson])).items).map((d) => d.id)).toEqual(sampleIds.slice(0, 8));
  });

  it('reads the complete lines of a cut file, then one truncated-zstd rejection in place of the cut line', async () => {
    const blocks = blockOffsets(sampleZst, 7);
    const cutAt = blocks[5]! + 100;
    const cut = writeTemp('cut.jsonl.zst', sampleZst.subarray(0, cutAt));
    const { items, bytes, sizes } = await readAll([cut, fixture('sample.jsonl')]);
    const fromCut = items.filter((i) => (i.kind === 'document' ? i.document.source.file : i.rejected.file) === cut);
    const docs = documents(fromCut);
    expect(docs.length).toBeGreaterThan(15);
    expect(docs.map((d) => d.id)).toEqual(sampleIds.slice(0, docs.length));
    expect(rejections(fromCut)).toEqual([
      expect.objectContaining({ reason: 'truncated-zstd', file: cut, line: docs.length + 1, offset: cutAt }),
    ]);
    const [rejected] = rejections(fromCut);
    expect(rejected!.detail).toMatch(/unexpected end of zstd data/);
    // The cut line's decoded start is kept with the rejection.
    expect(sampleLines[docs.length]!.startsWith(rejected!.raw)).toBe(true);
    expect(rejected!.raw.length).toBeGreaterThan(0);
    expect(fromCut.at(-1)!.kind).toBe('rejected');
    // The next file is read in full.
    expect(documents(items).length - docs.length).toBe(36);
    expect(bytes).toBe(sizes);
  });

  it('reads every line before trailing junk, then one corrupt-zstd rejection', async () => {
    for (const tail of [junk(300), Buffer.from('JUNK'), Buffer.alloc(512)]) {
      const path = writeTemp('junk.jsonl.zst', Buffer.concat([sampleZst, tail]));
      const { items, bytes, sizes } = await readAll([path]);
      expect(documents(items).map((d) => d.id)).toEqual(sampleIds);
      expect(rejections(items)).toEqual([expect.objectContaining({ reason: 'corrupt-zstd', line: 37, offset: sampleZst.length, raw: '' })]);
      expect(bytes).toBe(sizes);
    }
  });

  it('reads 100 lines before 300 random bytes, and a last line without a newline when its frame is complete', async () => {
    const text = Array.from({ length: 100 }, (_, i) => JSON.stringify({ text: `line ${i + 1} of the dump` })).join('\n');
    const { items } = await readAll([writeTemp('hundred.jsonl.zst', Buffer.concat([rawFrame(text.slice(0, 1000)), rawFrame(text.slice(1000)), junk(300)]))]);
    expect(documents(items).map((d) => d.text)).toEqual(Array.from({ length: 100 }, (_, i) => `line ${i + 1} of the dump`));
    expect(rejections(items).map((r) => [r.reason, r.line])).toEqual([['corrupt-zstd', 101]]);
  });

  it('keeps the lines of the blocks before damaged data, and ends the file with exactly one corrupt-zstd', async () => {
    const blocks = blockOffsets(sampleZst, 7);
    const beforeLastBlock = documents((await readAll([writeTemp('head.jsonl.zst', sampleZst.subarray(0, blocks[6]!))])).items);
    expect(beforeLastBlock.length).toBeGreaterThan(20);
    const reserved = Buffer.from(sampleZst);
    reserved[blocks[6]!]! |= 0b110;
    const flipped = Buffer.from(sampleZst);
    flipped[blocks[6]! + 50]! ^= 0x10;
    for (const data of [reserved, flipped]) {
      const { items, bytes, sizes } = await readAll([writeTemp('bad.jsonl.zst', data)]);
      // The whole file is one read chunk: the good blocks must not go down with the bad one.
      expect(documents(items).slice(0, beforeLastBlock.length).map((d) => d.id)).toEqual(beforeLastBlock.map((d) => d.id));
      const zstdRejections = rejections(items).filter((r) => r.reason.endsWith('-zstd'));
      expect(zstdRejections.map((r) => r.reason)).toEqual(['corrupt-zstd']);
      expect(items.at(-1)).toEqual({ kind: 'rejected', rejected: zstdRejections[0] });
      expect(bytes).toBe(sizes);
    }
    // A reserved block type is caught at the block: nothing of it is read, and the rejection says where.
    const { items } = await readAll([writeTemp('reserved.jsonl.zst', reserved)]);
    expect(rejections(items)).toEqual([expect.objectContaining({ reason: 'corrupt-zstd', offset: blocks[6] })]);
    expect(items.map(lineOf)).toEqual(Array.from({ length: items.length }, (_, i) => i + 1));
  });

  it('reports a cut .json.zst and junk after one by element index', async () => {
    const arrayZst = readZstdFixture('array.json.zst');
    const cut = await readAll([writeTemp('cut.json.zst', arrayZst.subarray(0, arrayZst.length - 100))]);
    expect(rejections(cut.items)).toEqual([expect.objectContaining({ reason: 'truncated-zstd', index: 0, offset: arrayZst.length - 100 })]);
    const junked = await readAll([writeTemp('junk.json.zst', Buffer.concat([arrayZst, junk(50)]))]);
    expect(documents(junked.items)).toHaveLength(10);
    expect(rejections(junked.items)).toEqual([expect.objectContaining({ reason: 'corrupt-zstd', index: 10, offset: arrayZst.length })]);
  });

  it('rejects a dictionary-compressed frame as corrupt-zstd, saying why', async () => {
    // Single segment, 1-byte dictionary id 9, 1-byte content size, one raw block.
    const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x21, 9, 3, 3 << 3 | 1, 0, 0, 0x61, 0x62, 0x0a]);
    const { items } = await readAll([writeTemp('dict.jsonl.zst', frame)]);
    expect(rejections(items)).toEqual([expect.objectContaining({ reason: 'corrupt-zstd', line: 1, offset: 0 })]);
    expect(rejections(items)[0]!.detail).toMatch(/needs dictionary 9/);
  });

  it('reads zstd on stdin, told by its bytes, with the magic number split across chunks', async () => {
    for (const split of [1, 3]) {
      const stdin = Readable.from([head8Zst.subarray(0, split), head8Zst.subarray(split)]);
      const items: ReadItem[] = [];
      for await (const item of readInputs([{ path: '-', format: 'jsonl' }], { stdin })) items.push(item);
      expect(documents(items).map((d) => [d.id, d.source])).toEqual(sampleIds.slice(0, 8).map((id, i) => [id, { file: '-', line: i + 1 }]));
    }
  });

  it('streams a large frame: the first line comes before the file is read, and every line comes once', async () => {
    const lines = 150_000;
    const text = Array.from({ length: lines }, (_, i) => `{"id":"d${i + 1}","text":"document number ${i + 1} of a large generated crawl"}\n`).join('');
    const path = writeTemp('large.jsonl.zst', rawFrame(text, { contentSize: Buffer.byteLength(text) }));
    const size = statSync(path).size;
    let read = 0;
    let readAtFirstItem = -1;
    let count = 0;
    for await (const item of readInputs(await resolveInputs([path]), { onBytes: (n) => (read += n) })) {
      if (readAtFirstItem < 0) readAtFirstItem = read;
      expect(lineOf(item)).toBe(++count);
    }
    expect(size).toBeGreaterThan(10_000_000);
    expect(readAtFirstItem).toBeLessThan(size / 10);
    expect(count).toBe(lines);
    expect(read).toBe(size);
  });
});

describe('zstd WARC/WET', () => {
  it('refuses a named .warc.zst or .wet.zst as a format it does not read', async () => {
    for (const name of ['crawl.warc.zst', 'crawl.wet.zst', 'CC-MAIN-1.warc.wet.zst']) {
      const path = writeTemp(name, sampleZst);
      const error = await resolveInputs([path]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ code: 'unknown-format', path });
    }
  });

  it('refuses zstd bytes in a file named as WARC or WET with an InputError, before any record', async () => {
    for (const name of ['crawl.warc', 'crawl.warc.gz', 'crawl.wet']) {
      const path = writeTemp(name, sampleZst);
      const items: ReadItem[] = [];
      const error = await (async () => {
        for await (const item of readInputs(await resolveInputs([path]))) items.push(item);
      })().catch((e: unknown) => e);
      expect(items).toEqual([]);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ code: 'unknown-format', path });
      expect((error as Error).message).toMatch(/holds zstd data: zstd-compressed WARC\/WET is not supported/);
    }
  });
});

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readInputs, type ReadItem } from '../../src/documents/index.js';
import { documents, fixture, readAll, rejections, tempDir } from './helpers.js';

const sampleIds = readFileSync(fixture('sample.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { id: string }).id);

describe('JSONL reader', () => {
  it('reads every line of a plain file as a document, with line numbers', async () => {
    const { items } = await readAll([fixture('sample.jsonl')]);
    const docs = documents(items);
    expect(sampleIds).toHaveLength(36);
    expect(docs.map((d) => d.id)).toEqual(sampleIds);
    expect(docs.map((d) => d.source.line)).toEqual(sampleIds.map((_, i) => i + 1));
    expect(docs[0]!.source.file).toBe('fixtures/readers/sample.jsonl');
    expect(docs[0]!.record).toHaveProperty('label');
  });

  it('reads gzip and multi-member gzip to the same documents', async () => {
    const plain = documents((await readAll([fixture('sample.jsonl')])).items);
    for (const name of ['sample.jsonl.gz', 'multi-member.jsonl.gz']) {
      const docs = documents((await readAll([fixture(name)])).items);
      expect(docs.map((d) => [d.id, d.text, d.source.line])).toEqual(plain.map((d) => [d.id, d.text, d.source.line]));
    }
  });

  it('rejects each malformed line with its reason and line number, and keeps the good ones', async () => {
    const { items } = await readAll([fixture('malformed.jsonl')], { maxDocBytes: 2000 });
    const rejected = rejections(items).map((r) => [r.line, r.reason]);
    expect(rejected).toEqual([
      [3, 'malformed-json'],
      [4, 'not-an-object'],
      [5, 'invalid-utf8'],
      [6, 'missing-text'],
      [7, 'non-string-text'],
      [8, 'empty-text'],
      [10, 'oversize'],
      [11, 'oversize'],
      [13, 'not-an-object'],
    ]);
    const docs = documents(items);
    expect(docs.map((d) => [d.source.line, d.id])).toEqual([
      [1, docs[0]!.id],
      [9, '12345'],
      [14, 'malformed.jsonl#L14'],
      [15, 'malformed.jsonl#L15'],
      [16, docs[4]!.id],
    ]);
    expect(docs[4]!.text.endsWith('\r')).toBe(false);
    // 16 lines, 2 blank: every other line is exactly one item.
    expect(items).toHaveLength(14);
    const invalid = rejections(items).find((r) => r.reason === 'invalid-utf8')!;
    expect(invalid.raw).toContain('caf\uFFFD');
    const hugeLine = rejections(items).find((r) => r.line === 11)!;
    expect(hugeLine.detail).toMatch(/line limit/);
    expect(hugeLine.raw.startsWith('{"id":"huge-line"')).toBe(true);
  });

  it('rejects a line over 4 × maxDocBytes as oversize however short its text, saying it was the line', async () => {
    const text = 'A short text of sixty-three bytes, well under the 1 KB limit...';
    expect(Buffer.byteLength(text)).toBe(63);
    const big = JSON.stringify({ id: 'big-html', text, html: `<p>${'x'.repeat(5000)}</p>` });
    const small = JSON.stringify({ id: 'small-html', text, html: '<p>x</p>' });
    const path = join(tempDir(), 'html.jsonl');
    writeFileSync(path, `${big}\n${small}\n`);
    const { items } = await readAll([path], { maxDocBytes: 1000 });
    expect(documents(items).map((d) => d.id)).toEqual(['small-html']);
    expect(rejections(items)).toEqual([
      expect.objectContaining({
        reason: 'oversize',
        line: 1,
        detail: `the line is ${Buffer.byteLength(big)} bytes, over the 4000-byte line limit (4 × max-doc-bytes, counting the whole JSON line with all its fields, however short its text)`,
      }),
    ]);
  });

  it('reports a truncated gzip once, with the byte offset, after the lines before it', async () => {
    const { items, bytes, sizes } = await readAll([fixture('truncated.jsonl.gz'), fixture('sample.jsonl')]);
    const fromTruncated = items.filter((i) =>
      (i.kind === 'document' ? i.document.source.file : i.rejected.file).includes('truncated'),
    );
    const rejected = rejections(fromTruncated);
    expect(rejected).toHaveLength(1);
    // The data ends at the end of the file: the offset is the number of compressed bytes read.
    expect(rejected[0]).toMatchObject({ reason: 'truncated-gzip', offset: statSync(fixture('truncated.jsonl.gz')).size });
    const docs = documents(fromTruncated);
    expect(docs.length).toBeGreaterThan(5);
    expect(docs.map((d) => d.id)).toEqual(sampleIds.slice(0, docs.length));
    // The truncation record takes the place of the cut line; the next file is read in full.
    expect(rejected[0]!.line).toBe(docs.length + 1);
    expect(documents(items).length - docs.length).toBe(36);
    expect(bytes).toBe(sizes);
  });

  it('reports corrupt gzip data as corrupt-gzip', async () => {
    const dir = tempDir();
    const gz = gzipSync(readFileSync(fixture('sample.jsonl')));
    for (let i = 4000; i < 4100; i++) gz[i] = 0;
    const path = join(dir, 'bad.jsonl.gz');
    writeFileSync(path, gz);
    const { items } = await readAll([path]);
    const rejected = rejections(items);
    // Inflate decodes the zeros into garbage for a while before it notices: those lines are bad
    // records of their own; the lines before the damage are read as they were written.
    expect(rejected.at(-1)!.reason).toBe('corrupt-gzip');
    for (const r of rejected.slice(0, -1)) expect(['malformed-json', 'invalid-utf8', 'not-an-object', 'missing-text']).toContain(r.reason);
    const lines = readFileSync(fixture('sample.jsonl'), 'utf8').split('\n');
    const read = documents(items);
    expect(read.length).toBeGreaterThan(0);
    read.forEach((d) => expect(lines[d.source.line! - 1]).toContain(JSON.stringify(d.text).slice(1, 40)));
  });

  it('reads stdin, plain or gzip, as JSONL with file "-"', async () => {
    const text = '{"text":"from a pipe"}\n\n{"id":"b","text":"second"}\n';
    for (const bytes of [Buffer.from(text), gzipSync(text)]) {
      const stdin = Readable.from([bytes.subarray(0, 1), bytes.subarray(1)]);
      const items = [];
      for await (const item of readInputs([{ path: '-', format: 'jsonl' }], { stdin })) items.push(item);
      expect(documents(items).map((d) => [d.id, d.text, d.source])).toEqual([
        ['-#L1', 'from a pipe', { file: '-', line: 1 }],
        ['b', 'second', { file: '-', line: 3 }],
      ]);
    }
  });

  it('rejects a record nested deeper than 512 levels as too-deep, from a file or stdin, and reads on', async () => {
    const nested = (levels: number) => `{"id":"deep${levels}","text":"hello world","n":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    // 5,000 levels crashed the run in JSON.stringify (shard writer, queue payload); 512 is the most allowed.
    const text = ['{"text":"before"}', nested(5000), nested(513), nested(512), '{"text":"see [[[[[[ in a string ]]]"}', ''].join('\n');
    const path = join(tempDir(), 'deep.jsonl');
    writeFileSync(path, text);
    const fromStdin: ReadItem[] = [];
    for await (const item of readInputs([{ path: '-', format: 'jsonl' }], { stdin: Readable.from([Buffer.from(text)]) })) fromStdin.push(item);
    for (const items of [(await readAll([path])).items, fromStdin]) {
      expect(documents(items).map((d) => [d.source.line, d.id])).toEqual([
        [1, expect.stringMatching(/#L1$/)],
        [4, 'deep512'],
        [5, expect.stringMatching(/#L5$/)],
      ]);
      expect(rejections(items).map((r) => [r.line, r.reason, r.detail])).toEqual([
        [2, 'too-deep', 'the record nests arrays and objects more than 512 levels deep'],
        [3, 'too-deep', 'the record nests arrays and objects more than 512 levels deep'],
      ]);
      // The line itself is kept (cut to 4 KB), as for any rejected line.
      expect(rejections(items)[0]!.raw.startsWith('{"id":"deep5000","text":"hello world","n":[[[[')).toBe(true);
    }
  });

  it('reads a line holding only a byte-order mark as blank (found by the property test)', async () => {
    const path = join(tempDir(), 'bom-blank.jsonl');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\n{"text":"after the mark"}\n')]));
    const { items } = await readAll([path]);
    expect(items.map((item) => (item.kind === 'document' ? item.document.text : item.rejected.reason))).toEqual(['after the mark']);
  });
});

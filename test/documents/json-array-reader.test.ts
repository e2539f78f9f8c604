import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { documents, fixture, readAll, rejections, tempDir } from './helpers.js';
import { piecesOf } from '../../src/documents/json-array-reader.js';

const write = (name: string, content: string | Buffer): string => {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
};

describe('JSON array reader', () => {
  it('reads a top-level array with element indexes', async () => {
    const expected = JSON.parse(readFileSync(fixture('array.json'), 'utf8')) as { id: string; text: string }[];
    const docs = documents((await readAll([fixture('array.json')])).items);
    expect(docs.map((d) => [d.id, d.text])).toEqual(expected.map((d) => [d.id, d.text]));
    expect(docs.map((d) => d.source.index)).toEqual(expected.map((_, i) => i));
    expect(docs[0]!.record).toEqual(expected[0]);
  });

  it('finds the array under a top-level key, skipping earlier values and arrays nested deeper', async () => {
    const wrapped = JSON.parse(readFileSync(fixture('wrapped.json'), 'utf8')) as { documents: { id: string }[] };
    const { items, bytes, sizes } = await readAll([fixture('wrapped.json')]);
    expect(items).toHaveLength(wrapped.documents.length);
    expect(documents(items).map((d) => d.id)).toEqual(wrapped.documents.map((d) => d.id));
    expect(bytes).toBe(sizes);
  });

  it('rejects bad elements by index and derives ids from the index', async () => {
    const path = write(
      'mixed.json',
      JSON.stringify([{ text: 'first doc' }, 7, { text: '' }, { id: 3, text: 'fourth doc' }, { text: { a: 1 } }, null, 'x', { nope: 1 }]),
    );
    const { items } = await readAll([path]);
    expect(items).toHaveLength(8);
    expect(documents(items).map((d) => [d.id, d.source.index])).toEqual([
      ['mixed.json#I0', 0],
      ['3', 3],
    ]);
    expect(rejections(items).map((r) => [r.index, r.reason])).toEqual([
      [1, 'not-an-object'],
      [2, 'empty-text'],
      [4, 'non-string-text'],
      [5, 'not-an-object'],
      [6, 'not-an-object'],
      [7, 'missing-text'],
    ]);
    expect(rejections(items)[1]!.raw).toBe('{"text":""}');
  });

  it('keeps the elements before a syntax error and reports the error once', async () => {
    const path = write('broken.json', '[{"text":"one"},{"text":"two"},{"text": tru');
    const { items } = await readAll([path]);
    expect(documents(items).map((d) => d.text)).toEqual(['one', 'two']);
    expect(rejections(items).map((r) => [r.reason, r.index])).toEqual([['malformed-json', 2]]);
  });

  it('rejects a file that holds no array', async () => {
    for (const content of ['{"a": 1, "b": {"c": [1]}}', '"text"']) {
      const items = (await readAll([write('none.json', content)])).items;
      expect(rejections(items).map((r) => r.reason)).toEqual(['malformed-json']);
    }
  });

  it('reads .json.gz and reports a truncated one', async () => {
    const gz = gzipSync(readFileSync(fixture('array.json')));
    const full = documents((await readAll([write('a.json.gz', gz)])).items);
    expect(full).toHaveLength(10);
    const { items } = await readAll([write('cut.json.gz', gz.subarray(0, gz.length - 200))]);
    expect(rejections(items).map((r) => r.reason)).toEqual(['truncated-gzip']);
    expect(documents(items).length).toBeLessThan(10);
  });

  it('reads every complete element of a cut array and rejects the cut one by its index', async () => {
    const head = '[{"text":"ok doc"},{"notext":1},{"text":"another doc"},';
    for (const tail of ['{"text":"x\n', '{"text":"x"']) {
      for (const path of [write('arr3.json', head + tail), write('arr3.json.gz', gzipSync(head + tail))]) {
        const { items, bytes, sizes } = await readAll([path]);
        expect(items).toHaveLength(4);
        expect(documents(items).map((d) => [d.source.index, d.text])).toEqual([
          [0, 'ok doc'],
          [2, 'another doc'],
        ]);
        expect(rejections(items).map((r) => [r.index, r.reason])).toEqual([
          [1, 'missing-text'],
          [3, 'malformed-json'],
        ]);
        expect(rejections(items)[1]!.detail).toBeTruthy();
        expect(bytes).toBe(sizes);
      }
    }
  });

  it('reads a whole last element of an array that is not closed, then reports the cut', async () => {
    const { items } = await readAll([write('unclosed.json', '[{"text":"one"},{"text":"two"}\n')]);
    expect(documents(items).map((d) => [d.source.index, d.text])).toEqual([
      [0, 'one'],
      [1, 'two'],
    ]);
    expect(rejections(items)).toEqual([
      expect.objectContaining({ reason: 'malformed-json', index: 2, raw: '' }),
    ]);
  });

  it('ends the file at a syntax error with one rejection at the bad element, keeping the elements before it', async () => {
    const path = write('bad-middle.json', '[{"text":"one"}, {"text": tru}, {"text":"three"}]');
    const { items, bytes, sizes } = await readAll([path]);
    expect(documents(items).map((d) => [d.source.index, d.text])).toEqual([[0, 'one']]);
    expect(rejections(items)).toEqual([expect.objectContaining({ reason: 'malformed-json', index: 1 })]);
    expect(bytes).toBe(sizes);
  });

  it('splits elements by structure, not by the brackets and commas inside strings', async () => {
    const texts = ['a ], [ " , } {', 'back\\slash \\', 'nested [[1,{"x":"]"}]]'];
    const array = JSON.stringify(texts.map((text, i) => ({ id: `t${i}`, text, extra: [[1, { x: '}' }]] })), null, 2);
    const docs = documents((await readAll([write('strings.json', array)])).items);
    expect(docs.map((d) => d.text)).toEqual(texts);
    expect(docs.map((d) => d.id)).toEqual(['t0', 't1', 't2']);
  });

  it('reads every array of a top-level object, indexed across the file', async () => {
    const path = write('ab.json', '{"a":[{"text":"a0"},{"text":"a1"}],"meta":{"skip":[{"text":"no"}]},"n":3,"b":[{"text":"b0"},7]}');
    const { items } = await readAll([path]);
    expect(items).toHaveLength(4);
    expect(documents(items).map((d) => [d.id, d.text])).toEqual([
      ['ab.json#I0', 'a0'],
      ['ab.json#I1', 'a1'],
      ['ab.json#I2', 'b0'],
    ]);
    expect(rejections(items).map((r) => [r.index, r.reason])).toEqual([[3, 'not-an-object']]);
  });

  it('rejects data after the top-level value, an oversize element and invalid UTF-8, each counted', async () => {
    const trailing = (await readAll([write('trailing.json', '[{"text":"a"}] {"text":"b"}')])).items;
    expect(documents(trailing)).toHaveLength(1);
    expect(rejections(trailing)).toEqual([expect.objectContaining({ reason: 'malformed-json', index: 1 })]);

    const big = JSON.stringify([{ text: 'x'.repeat(500) }, { text: 'fits' }]);
    const sized = (await readAll([write('big.json', big)], { maxDocBytes: 100 })).items;
    expect(rejections(sized).map((r) => [r.index, r.reason])).toEqual([[0, 'oversize']]);
    expect(documents(sized).map((d) => d.text)).toEqual(['fits']);

    // Invalid UTF-8 ends the file, as a syntax error does: the elements before it are kept.
    const bytes = Buffer.concat([Buffer.from('[{"text":"ok"},{"text":"caf'), Buffer.from([0xe9]), Buffer.from('"},{"text":"after"}]')]);
    const invalid = (await readAll([write('latin1.json', bytes)])).items;
    expect(documents(invalid).map((d) => d.text)).toEqual(['ok']);
    expect(rejections(invalid)).toEqual([expect.objectContaining({ reason: 'invalid-utf8', index: 1 })]);
  });

  it('reads every element of a gzip member followed by junk, then one corrupt-gzip rejection', async () => {
    const gz = gzipSync(readFileSync(fixture('array.json')));
    const { items } = await readAll([write('junk.json.gz', Buffer.concat([gz, Buffer.from('JUNKJUNKJUNK')]))]);
    expect(documents(items)).toHaveLength(10);
    expect(rejections(items)).toEqual([expect.objectContaining({ reason: 'corrupt-gzip', index: 10, offset: gz.length, raw: '' })]);
  });

  it('puts an element cut by a truncated gzip stream in the one truncation record', async () => {
    const text = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ text: `element ${i} ${'words '.repeat(i % 7)}` })));
    const gz = gzipSync(text);
    const { items } = await readAll([write('cut.json.gz', gz.subarray(0, Math.floor(gz.length * 0.6)))]);
    const docs = documents(items);
    const rejected = rejections(items);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ reason: 'truncated-gzip', index: docs.length });
    expect(docs.map((d) => d.source.index)).toEqual(docs.map((_, i) => i));
  });

  it('reads a file that starts with a byte-order mark', async () => {
    const docs = documents((await readAll([write('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[{"text":"x"}]')]))])).items);
    expect(docs.map((d) => d.text)).toEqual(['x']);
  });

  it('reads multi-byte characters split across read chunks', async () => {
    const texts = Array.from({ length: 5000 }, (_, i) => `élément ${i} 漢字 🙂 ${'ü'.repeat(i % 13)}`);
    const path = write('wide.json', JSON.stringify(texts.map((text) => ({ text }))));
    expect(readFileSync(path).length).toBeGreaterThan(3 * 65536);
    const { items } = await readAll([path]);
    expect(rejections(items)).toEqual([]);
    expect(documents(items).map((d) => d.text)).toEqual(texts);
  });

  it('rejects an element nested deeper than 512 levels as too-deep, never building it, and reads on', async () => {
    const nested = (levels: number) => `{"text":"deep ${levels}","n":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    // 5,000 levels broke JSON.stringify when the rejection's raw was written; 512 is the most allowed.
    const content = `[{"text":"before"},${nested(5000)},${nested(513)},${nested(512)},${'['.repeat(512)}${']'.repeat(512)},{"text":"after"}]`;
    const { items, bytes, sizes } = await readAll([write('deep.json', content)]);
    expect(documents(items).map((d) => [d.source.index, d.text])).toEqual([
      [0, 'before'],
      [3, 'deep 512'],
      [5, 'after'],
    ]);
    expect(rejections(items)).toEqual([
      { reason: 'too-deep', detail: 'the record nests arrays and objects more than 512 levels deep', file: expect.any(String), index: 1, raw: '' },
      expect.objectContaining({ reason: 'too-deep', index: 2 }),
      expect.objectContaining({ reason: 'not-an-object', index: 4 }),
    ]);
    expect(bytes).toBe(sizes);
  });

  it('rejects an element over 4 × max-doc-bytes of strings, keys, numbers or values as oversize, and reads on', async () => {
    const maxDocBytes = 100; // elements over 400 characters
    const elements = [
      { text: 'a'.repeat(100) },
      { text: 'short', other: 'b'.repeat(500) },
      { text: 'short', ['k'.repeat(500)]: 1 },
      { text: 'short', n: Number('9'.repeat(300)) },
      { text: 'short', nulls: Array.from({ length: 500 }, () => null) },
      { text: 'the last one' },
    ];
    // A number of 500 digits, written out (JSON.stringify would print 1e+500 as null).
    const content = JSON.stringify(elements).replace(/"n":[^,}]+/, `"n":${'9'.repeat(500)}`);
    const { items } = await readAll([write('wide.json', content)], { maxDocBytes });
    expect(documents(items).map((d) => [d.source.index, d.text])).toEqual([
      [0, 'a'.repeat(100)],
      [5, 'the last one'],
    ]);
    expect(rejections(items).map((r) => [r.index, r.reason, r.raw])).toEqual([
      [1, 'oversize', ''],
      [2, 'oversize', ''],
      [3, 'oversize', ''],
      [4, 'oversize', ''],
    ]);
    expect(rejections(items)[0]!.detail).toMatch(/^the element is over the 400-character element limit \(4 × max-doc-bytes/);
  });

  it('skips the values of a top-level object beside its array, however long or deep', async () => {
    const content = `{"note":"${'x'.repeat(5000)}","meta":{"deep":${'['.repeat(2000)}${']'.repeat(2000)}},"docs":[{"text":"kept"}]}`;
    const { items } = await readAll([write('side.json', content)], { maxDocBytes: 100 });
    expect(items).toEqual([expect.objectContaining({ kind: 'document' })]);
  });

  it('keeps a scalar element that ends just before a syntax error (found by the property test)', async () => {
    for (const scalar of ['"text"', '7', 'true', 'null']) {
      const { items } = await readAll([write('scalar.json', `[{"text":"one"},${scalar},\n{]}`)]);
      expect(items.map((item) => (item.kind === 'document' ? [item.document.source.index, 'document'] : [item.rejected.index, item.rejected.reason]))).toEqual([
        [0, 'document'],
        [1, 'not-an-object'],
        [2, 'malformed-json'],
      ]);
    }
  });

  it('cuts text into parser writes after every closing bracket and every comma after a scalar', () => {
    expect([...piecesOf('[{"a":"x}y"},{"b":[1,2]}]')]).toEqual(['[{"a":"x}', 'y"}', ',{"b":[1,', '2]', '}', ']']);
    expect([...piecesOf('["s",7,true,null,{}]')]).toEqual(['["s",', '7,', 'true,', 'null,', '{}', ']']);
    expect([...piecesOf('no closes')]).toEqual(['no closes']);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { documents, fixture, readAll, rejections, tempDir } from './helpers.js';

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

  it('finds the first array under a top-level key, skipping earlier values and arrays nested deeper', async () => {
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
});

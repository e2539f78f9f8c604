import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { InputError, readInputs, resolveInputs } from '../../src/documents/index.js';
import { documents, fixture, readAll, rejections, tempDir } from './helpers.js';

async function writeLines(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 1; i <= count; i++) {
    const line = i % 1000 === 0 ? '{"text": broken\n' : `{"id":"d${i}","text":"document number ${i} of a large generated crawl"}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

describe('readInputs', () => {
  it('reads files of every format in order and reports all their bytes', async () => {
    const inputs = ['sample.jsonl', 'array.json', 'sample.warc.gz', 'sample.warc.wet.gz'].map(fixture);
    const { items, bytes, sizes } = await readAll(inputs);
    const files = items.map((i) => (i.kind === 'document' ? i.document.source.file : i.rejected.file));
    expect([...new Set(files)]).toEqual(inputs);
    expect(documents(items)).toHaveLength(36 + 10 + 6 + 6);
    expect(bytes).toBe(sizes);
  });

  it('reports compressed bytes for gzip input', async () => {
    const { bytes } = await readAll([fixture('sample.jsonl.gz')]);
    expect(bytes).toBe(statSync(fixture('sample.jsonl.gz')).size);
    expect(bytes).toBeLessThan(statSync(fixture('sample.jsonl')).size);
  });

  it('throws InputError when a resolved file has gone before it is read', async () => {
    const files = [{ path: join(tempDir(), 'gone.jsonl'), format: 'jsonl' as const, size: 10 }];
    await expect(async () => {
      for await (const item of readInputs(files, {})) void item;
    }).rejects.toMatchObject({ code: 'input-not-found', constructor: InputError });
  });

  it('streams a large file: the first item comes before the file is read, and counts reconcile', async () => {
    const path = join(tempDir(), 'large.jsonl');
    const lines = 200_000;
    await writeLines(path, lines);
    const size = statSync(path).size;
    const [file] = await resolveInputs([path]);

    let read = 0;
    let readAtFirstItem = -1;
    let docs = 0;
    let rejected = 0;
    let lastLine = 0;
    for await (const item of readInputs([file!], { onBytes: (n) => (read += n) })) {
      if (readAtFirstItem < 0) readAtFirstItem = read;
      const line = item.kind === 'document' ? item.document.source.line! : item.rejected.line!;
      expect(line).toBe(lastLine + 1); // every line exactly once, in order
      lastLine = line;
      if (item.kind === 'document') docs++;
      else rejected++;
    }
    expect(size).toBeGreaterThan(10_000_000);
    expect(readAtFirstItem).toBeGreaterThan(0);
    expect(readAtFirstItem).toBeLessThan(size / 10);
    expect(docs + rejected).toBe(lines);
    expect(rejected).toBe(lines / 1000);
    expect(read).toBe(size);
  });

  it('stops reading when the consumer stops', async () => {
    const path = join(tempDir(), 'early.jsonl');
    await writeLines(path, 100_000);
    let read = 0;
    for await (const item of readInputs(await resolveInputs([path]), { onBytes: (n) => (read += n) })) {
      void item;
      break;
    }
    expect(read).toBeLessThan(statSync(path).size);
  });

  it('every non-blank line of the malformed fixture is exactly one item', async () => {
    const { items } = await readAll([fixture('malformed.jsonl')], { maxDocBytes: 2000 });
    const lines = [...documents(items).map((d) => d.source.line!), ...rejections(items).map((r) => r.line!)].sort((a, b) => a - b);
    expect(lines).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16]);
  });
});

import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePart } from '../../src/pipeline/output/encoded-part.js';
import { IN_PROGRESS_SUFFIX, ShardAssembler } from '../../src/pipeline/output/shard-assembler.js';

const readPart = async (path: string) =>
  gunzipSync(await readFile(path)).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

// The assembler gets one batch's part at a time; a part of one record each is what the old
// record-by-record shard writer saw, and rotation must fall where it fell.
const appendEach = async (assembler: ShardAssembler, records: unknown[]) => {
  for (const record of records) await assembler.append(encodePart([record]));
};

describe('ShardAssembler', () => {
  it('writes gzip JSONL files and rotates at the size limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shard-'));
    const assembler = new ShardAssembler(dir, { shardBytes: 100 });
    await appendEach(assembler, Array.from({ length: 10 }, (_, i) => ({ id: i, text: 'x'.repeat(30) }))); // ~40 bytes a line
    await assembler.close();
    const files = (await readdir(dir)).sort();
    // 3 lines reach 100 bytes: files of 3, 3, 3, 1 records.
    expect(files).toEqual(['part-00000.jsonl.gz', 'part-00001.jsonl.gz', 'part-00002.jsonl.gz', 'part-00003.jsonl.gz']);
    const all = (await Promise.all(files.map((f) => readPart(join(dir, f))))).flat();
    expect(all.map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(assembler.count).toBe(10);
  });

  it('rotates inside a part where the limit falls, record by record', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shard-'));
    const assembler = new ShardAssembler(dir, { shardBytes: 100 });
    await assembler.append(encodePart(Array.from({ length: 10 }, (_, i) => ({ id: i, text: 'x'.repeat(30) }))));
    await assembler.close();
    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(4);
    const sizes = await Promise.all(files.map(async (f) => (await readPart(join(dir, f))).length));
    expect(sizes).toEqual([3, 3, 3, 1]);
  });

  it('keeps the defaults for options given as undefined (a flag left out): files rotate at 256 MiB', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shard-'));
    const assembler = new ShardAssembler(dir, { shardBytes: undefined, prefix: undefined });
    // 64 lines of 4 MiB of text (plus their JSON) pass 256 MiB: the 65th line starts a second file.
    const part = encodePart([{ i: 0, text: 'x'.repeat(4 * 2 ** 20) }]);
    for (let i = 0; i < 65; i++) await assembler.append(part);
    await assembler.close();
    expect((await readdir(dir)).sort()).toEqual(['part-00000.jsonl.gz', 'part-00001.jsonl.gz']);
  });

  it('refuses a file size under 1 byte', () => {
    expect(() => new ShardAssembler(tmpdir(), { shardBytes: 0 })).toThrow(RangeError);
  });

  it('keeps an unfinished file under its in-progress name only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shard-'));
    const assembler = new ShardAssembler(dir);
    await appendEach(assembler, [{ id: 1 }]);
    const files = await readdir(dir);
    expect(files).toEqual(['part-00000.jsonl.gz' + IN_PROGRESS_SUFFIX]);
    await assembler.abort();
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes no file when nothing was appended, and close is safe twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shard-'));
    const assembler = new ShardAssembler(join(dir, 'human'));
    await assembler.append(encodePart([]));
    await assembler.close();
    await assembler.close();
    expect(await readdir(dir)).toEqual([]);
  });
});

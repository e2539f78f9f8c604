import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IN_PROGRESS_SUFFIX, ShardWriter } from '../../src/pipeline/shard-writer.js';

const readPart = async (path: string) =>
  gunzipSync(await readFile(path)).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('ShardWriter', () => {
  it('writes gzip JSONL parts and rotates at the size limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shard-'));
    const writer = new ShardWriter(dir, { shardBytes: 100 });
    for (let i = 0; i < 10; i++) await writer.write({ id: i, text: 'x'.repeat(30) }); // ~40 bytes a line
    await writer.close();
    const files = (await readdir(dir)).sort();
    // 3 lines reach 100 bytes: parts of 3, 3, 3, 1 records.
    expect(files).toEqual(['part-00000.jsonl.gz', 'part-00001.jsonl.gz', 'part-00002.jsonl.gz', 'part-00003.jsonl.gz']);
    const all = (await Promise.all(files.map((f) => readPart(join(dir, f))))).flat();
    expect(all.map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(writer.count).toBe(10);
  });

  it('keeps the defaults for options given as undefined (a flag left out): parts rotate at 256 MiB', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shard-'));
    const writer = new ShardWriter(dir, { shardBytes: undefined, prefix: undefined });
    // 64 lines of 4 MiB of text (plus their JSON) pass 256 MiB: the 65th line starts a second part.
    const text = 'x'.repeat(4 * 2 ** 20);
    for (let i = 0; i < 65; i++) await writer.write({ i, text });
    await writer.close();
    expect((await readdir(dir)).sort()).toEqual(['part-00000.jsonl.gz', 'part-00001.jsonl.gz']);
  });

  it('refuses a part size under 1 byte', () => {
    expect(() => new ShardWriter(tmpdir(), { shardBytes: 0 })).toThrow(RangeError);
  });

  it('keeps an unfinished part under its in-progress name only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shard-'));
    const writer = new ShardWriter(dir);
    await writer.write({ id: 1 });
    const files = await readdir(dir);
    expect(files).toEqual(['part-00000.jsonl.gz' + IN_PROGRESS_SUFFIX]);
    await writer.abort();
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes no file when nothing was written, and close is safe twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shard-'));
    const writer = new ShardWriter(join(dir, 'human'));
    await writer.close();
    await writer.close();
    expect(await readdir(dir)).toEqual([]);
  });
});

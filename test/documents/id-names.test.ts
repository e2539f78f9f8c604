import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputFile } from '../../src/documents/index.js';
import { idNames } from '../../src/documents/id-names.js';
import { documents, readAll, rejections, tempDir } from './helpers.js';

const files = (...paths: string[]): InputFile[] => paths.map((path) => ({ path, format: 'jsonl' }));
const names = (...paths: string[]) => [...idNames(files(...paths)).values()];

describe('idNames', () => {
  it('keeps base names for one file or files of one directory', () => {
    expect(names('data/x/dump.jsonl')).toEqual(['dump.jsonl']);
    expect(names('/abs/crawl/a.jsonl', '/abs/crawl/b.json')).toEqual(['a.jsonl', 'b.json']);
  });

  it('tells files that share a base name apart by the directories that differ', () => {
    expect(names('a/dump.jsonl', 'b/dump.jsonl')).toEqual(['a/dump.jsonl', 'b/dump.jsonl']);
    expect(names('/r/c/2024/01/a.jsonl', '/r/c/2025/a.jsonl', '/r/c/top.jsonl')).toEqual(['2024/01/a.jsonl', '2025/a.jsonl', 'top.jsonl']);
  });

  it('depends on the files, not on how their paths are spelled', () => {
    const spelled = names(join(process.cwd(), 'a', 'dump.jsonl'), './c/../b/dump.jsonl');
    expect(spelled).toEqual(names('a/dump.jsonl', 'b/dump.jsonl'));
  });

  it('names stdin "-" and keeps a file named "-" apart from it', () => {
    expect(names('-', 'dir/x.jsonl')).toEqual(['-', 'x.jsonl']);
    expect(names('-', './-')).toEqual(['-', './-']);
  });
});

describe('derived ids across a run', () => {
  it('are unique when inputs share a base name, and the same on every run', async () => {
    const root = tempDir();
    for (const dir of ['a', 'b']) {
      mkdirSync(join(root, dir));
      writeFileSync(join(root, dir, 'dump.jsonl'), '{"text":"first"}\n{"text":"second"}\n');
      writeFileSync(join(root, dir, 'arr.json'), '[{"text":"x"}, 5]');
    }
    const inputs = ['a/dump.jsonl', 'b/dump.jsonl', 'a/arr.json', 'b/arr.json'].map((p) => join(root, p));
    const { items } = await readAll(inputs);
    const ids = documents(items).map((d) => d.id);
    expect(ids).toEqual(['a/dump.jsonl#L1', 'a/dump.jsonl#L2', 'b/dump.jsonl#L1', 'b/dump.jsonl#L2', 'a/arr.json#I0', 'b/arr.json#I0']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(documents((await readAll(inputs)).items).map((d) => d.id)).toEqual(ids);
    // Sources keep the path as given; rejections are located the same way.
    expect(documents(items)[0]!.source.file).toBe(inputs[0]);
    expect(rejections(items).map((r) => [r.file, r.index])).toEqual([
      [inputs[2], 1],
      [inputs[3], 1],
    ]);
  });

  it('are unique for the files of a directory input with the same base names', async () => {
    const root = tempDir();
    for (const dir of ['2024', '2025']) {
      mkdirSync(join(root, 'crawl', dir), { recursive: true });
      writeFileSync(join(root, 'crawl', dir, 'part.jsonl'), '{"text":"t"}\n');
    }
    const ids = documents((await readAll([join(root, 'crawl')])).items).map((d) => d.id);
    expect(ids).toEqual(['2024/part.jsonl#L1', '2025/part.jsonl#L1']);
  });
});

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, detectFormat, resolveInputs } from '../../src/documents/index.js';
import { documents, fixture, readAll, tempDir } from './helpers.js';

async function inputError(inputs: string[]): Promise<InputError> {
  try {
    await resolveInputs(inputs);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('detectFormat', () => {
  it('knows every supported suffix, longest first', () => {
    expect(detectFormat('a.jsonl')).toBe('jsonl');
    expect(detectFormat('a.JSONL.GZ')).toBe('jsonl');
    expect(detectFormat('a.ndjson')).toBe('jsonl');
    expect(detectFormat('a.json')).toBe('json');
    expect(detectFormat('a.json.gz')).toBe('json');
    expect(detectFormat('a.warc')).toBe('warc');
    expect(detectFormat('a.warc.gz')).toBe('warc');
    expect(detectFormat('a.wet')).toBe('wet');
    expect(detectFormat('a.wet.gz')).toBe('wet');
    expect(detectFormat('CC-MAIN-1.warc.wet.gz')).toBe('wet');
    expect(detectFormat('a.jsonl.zst')).toBe('jsonl');
    expect(detectFormat('a.NDJSON.ZST')).toBe('jsonl');
    expect(detectFormat('a.json.zst')).toBe('json');
    expect(detectFormat('a.txt')).toBeUndefined();
    expect(detectFormat('a.gz')).toBeUndefined();
    expect(detectFormat('a.zst')).toBeUndefined();
    // zstd WARC is dictionary-framed: not a format the WARC reader reads.
    expect(detectFormat('a.warc.zst')).toBeUndefined();
    expect(detectFormat('a.wet.zst')).toBeUndefined();
    expect(detectFormat('CC-MAIN-1.warc.wet.zst')).toBeUndefined();
  });
});

describe('resolveInputs', () => {
  it('tells onSkipped which files of a directory or glob it leaves out as of no known format', async () => {
    const dir = tempDir();
    for (const name of ['a.jsonl', 'b.txt', 'c.warc.zst', 'README']) writeFileSync(join(dir, name), '{"text":"x"}\n');
    const heard: [string, string[]][] = [];
    const onSkipped = (input: string, skipped: string[]) => heard.push([input, skipped]);
    expect((await resolveInputs([dir], { onSkipped })).map((f) => f.path)).toEqual([join(dir, 'a.jsonl')]);
    expect(heard).toEqual([[dir, ['README', 'b.txt', 'c.warc.zst'].map((n) => join(dir, n))]]);
    heard.length = 0;
    await resolveInputs([join(dir, '*')], { onSkipped });
    expect(heard.map(([, skipped]) => skipped.length)).toEqual([3]);
    heard.length = 0;
    await resolveInputs([join(dir, 'a.jsonl')], { onSkipped });
    expect(heard).toEqual([]);
  });

  it('keeps a file path as given, with its size and format, and stdin as "-"', async () => {
    const files = await resolveInputs([fixture('sample.jsonl'), '-', fixture('sample.warc.wet.gz')]);
    expect(files).toEqual([
      { path: 'fixtures/readers/sample.jsonl', size: expect.any(Number), format: 'jsonl' },
      { path: '-', format: 'jsonl' },
      { path: 'fixtures/readers/sample.warc.wet.gz', size: expect.any(Number), format: 'wet' },
    ]);
    expect(files[0]!.size).toBeGreaterThan(1000);
  });

  it('expands a directory recursively, sorted, known formats only', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    for (const name of ['b.jsonl', 'a.json', 'sub/c.warc.gz', 'notes.txt', 'sub/z.wet']) writeFileSync(join(dir, name), '');
    const files = await resolveInputs([dir]);
    expect(files.map((f) => [f.path, f.format])).toEqual([
      [join(dir, 'a.json'), 'json'],
      [join(dir, 'b.jsonl'), 'jsonl'],
      [join(dir, 'sub/c.warc.gz'), 'warc'],
      [join(dir, 'sub/z.wet'), 'wet'],
    ]);
  });

  it('expands a glob, sorted, and reads a file named twice once', async () => {
    const files = await resolveInputs(['fixtures/readers/sample.*', fixture('sample.jsonl')]);
    expect(files.map((f) => f.path)).toEqual([
      'fixtures/readers/sample.jsonl',
      'fixtures/readers/sample.jsonl.gz',
      'fixtures/readers/sample.warc.gz',
      'fixtures/readers/sample.warc.wet.gz',
    ]);
  });

  it('reads a file once when a directory symlink loops back up the tree', async () => {
    const loop = join(tempDir(), 'loop');
    mkdirSync(join(loop, 'sub'), { recursive: true });
    writeFileSync(join(loop, 'sub', 'some.jsonl'), '{"text":"one"}\n{"text":"two"}\n');
    symlinkSync('..', join(loop, 'sub', 'up'));
    symlinkSync('.', join(loop, 'self'));
    for (const input of [loop, join(loop, '**/*.jsonl')]) {
      expect((await resolveInputs([input])).map((f) => f.path)).toEqual([join(loop, 'sub', 'some.jsonl')]);
      expect(documents((await readAll([input])).items)).toHaveLength(2);
    }
  });

  it('enters a directory reached by two paths once, and reads a linked file once', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'x.jsonl'), '{"text":"x"}\n');
    symlinkSync('real', join(dir, 'zlink'));
    symlinkSync(join(dir, 'real'), join(dir, 'alias'));
    symlinkSync('x.jsonl', join(dir, 'real', 'y.jsonl'));
    // Real directories are entered before links to them, whatever the names.
    const files = await resolveInputs([dir]);
    expect(files.map((f) => f.path)).toEqual([join(dir, 'real', 'x.jsonl')]);
    const named = await resolveInputs([join(dir, 'real', 'x.jsonl'), join(dir, 'zlink', 'y.jsonl'), join(dir, 'real')]);
    expect(named.map((f) => f.path)).toEqual([join(dir, 'real', 'x.jsonl')]);
  });

  it('refuses a broken symbolic link of a known format in a directory or glob, naming it and its target', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.jsonl'), '{"text":"a"}\n');
    symlinkSync(join(dir, 'gone', 'part-1.jsonl.gz'), join(dir, 'b.jsonl.gz'));
    for (const input of [dir, join(dir, '*.jsonl*')]) {
      const error = await inputError([input]);
      expect([error.code, error.path]).toEqual(['input-unreadable', join(dir, 'b.jsonl.gz')]);
      expect(error.message).toBe(`cannot read ${join(dir, 'b.jsonl.gz')}: broken symbolic link (to ${join(dir, 'gone', 'part-1.jsonl.gz')}, which does not exist)`);
    }
  });

  it('leaves out broken links of other names, self-links and FIFOs that are not files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.jsonl'), '{"text":"a"}\n');
    symlinkSync('nowhere', join(dir, 'notes.txt'));
    execFileSync('mkfifo', [join(dir, 'pipe.jsonl')]);
    const skipped: string[][] = [];
    const files = await resolveInputs([dir], { onSkipped: (_input, paths) => skipped.push(paths) });
    expect(files.map((f) => f.path)).toEqual([join(dir, 'a.jsonl')]);
    expect(skipped).toEqual([]);
    symlinkSync('loop.jsonl', join(dir, 'loop.jsonl'));
    expect((await inputError([dir])).message).toMatch(/^cannot read .*loop\.jsonl: ELOOP/);
  });

  it('throws typed errors naming the path', async () => {
    const missing = await inputError([fixture('sample.jsonl'), 'nope/missing.jsonl']);
    expect([missing.code, missing.path]).toEqual(['input-not-found', 'nope/missing.jsonl']);
    expect(missing.message).toContain('nope/missing.jsonl');
    expect(missing.message).not.toContain('\n');

    const dir = tempDir();
    writeFileSync(join(dir, 'readme.txt'), 'hello');
    expect((await inputError([join(dir, 'readme.txt')])).code).toBe('unknown-format');
    expect((await inputError([dir])).code).toBe('no-match');
    expect((await inputError([join(dir, '*.jsonl')])).code).toBe('no-match');
  });

  it.skipIf(process.getuid?.() === 0)('reports a file without read permission as input-unreadable', async () => {
    const path = join(tempDir(), 'secret.jsonl');
    writeFileSync(path, '{}\n');
    chmodSync(path, 0o000);
    expect((await inputError([path])).code).toBe('input-unreadable');
  });
});

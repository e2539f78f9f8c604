import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutputApartFromInputs, isWithin, realPathOf } from '../../src/pipeline/output/output-dir.js';
import { TestRedisServer } from '../queue/redis-server.js';
import { runCli } from '../helpers/run-cli.js';

const SAMPLE = 'fixtures/sample-crawl.jsonl.gz';
const tmp = () => mkdtempSync(join(tmpdir(), 'crawlsift-outdir-'));

/** Every file under `dir` with its bytes: to show that a refused run changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name)] = readFileSync(join(entry.parentPath, entry.name)).toString('base64');
  }
  return files;
}

describe('filter refuses an --out that overlaps its input, before deleting anything', () => {
  let dir: string;
  let out: string;
  let before: Record<string, string>;
  beforeAll(async () => {
    dir = tmp();
    out = join(dir, 'out');
    const result = await runCli(['filter', SAMPLE, '--out', out, '--threads', '1']);
    expect(result.code).toBe(0);
    before = snapshot(out);
    symlinkSync(out, join(dir, 'link'));
  });

  it.each([
    ['a shard of the previous run', () => [join(out, 'human', 'part-00000.jsonl.gz')], /input .*part-00000\.jsonl\.gz is inside it/],
    ['the output directory itself', () => [out], /it is input directory/],
    ['a directory inside it', () => [join(out, 'human')], /input directory .*human is inside it/],
    ['a glob matching its shards', () => [join(out, '**', '*.jsonl.gz')], /is inside it/],
    ['a shard through a symlink', () => [join(dir, 'link', 'human', 'part-00000.jsonl.gz')], /is inside it/],
  ])('%s', async (_what, inputs, message) => {
    const result = await runCli(['filter', ...inputs(), '--out', out, '--overwrite', '--threads', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^crawlsift filter: output directory .* overlaps the input: /);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(snapshot(out)).toEqual(before);
  });

  it('refuses an --out inside an input directory, even a new one', async () => {
    const input = join(dir, 'crawl');
    mkdirSync(input);
    writeFileSync(join(input, 'a.jsonl'), '{"text": "Some text."}\n');
    const result = await runCli(['filter', input, '--out', join(input, 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/it is inside input directory/);
    expect(readdirSync(input)).toEqual(['a.jsonl']);
  });

  // sysfs refuses mkdir to everyone, root included.
  it.runIf(existsSync('/sys/kernel'))('says it cannot create an --out it cannot make, in one line', async () => {
    const result = await runCli(['filter', SAMPLE, '--out', '/sys/crawlsift-test-out', '--threads', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^crawlsift filter: cannot create output directory \/sys\/crawlsift-test-out: E(PERM|ACCES|ROFS)\b.*\n$/);
  });
});

describe('checkOutputApartFromInputs', () => {
  it('compares real paths, also of directories that do not exist yet', async () => {
    const dir = tmp();
    symlinkSync(dir, join(dir, 'self'));
    expect(await realPathOf(join(dir, 'self', 'new', 'deeper'))).toBe(join(await realPathOf(dir), 'new', 'deeper'));
    expect(isWithin('/a/b', '/a')).toBe(true);
    expect(isWithin('/a', '/a')).toBe(true);
    expect(isWithin('/ab', '/a')).toBe(false);
    expect(isWithin('/a/..b', '/a')).toBe(true);
    await expect(checkOutputApartFromInputs(join(dir, 'out'), [SAMPLE, '-'], [SAMPLE, '-'])).resolves.toBeUndefined();
    await expect(checkOutputApartFromInputs(join(dir, 'self', 'out'), [dir], [])).rejects.toThrow(/inside input directory/);
  });
});

describe('produce refuses an --out that overlaps its input (real Redis)', () => {
  let server: TestRedisServer;
  beforeAll(async () => {
    server = await TestRedisServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('before clearing the previous shards', async () => {
    const out = join(tmp(), 'out');
    expect((await runCli(['filter', SAMPLE, '--out', out, '--threads', '1'])).code).toBe(0);
    const before = snapshot(out);
    const result = await runCli(['produce', join(out, 'human', 'part-00000.jsonl.gz'), '--redis', server.url, '--queue', `q-${process.pid}`, '--run', 'overlap', '--out', out, '--overwrite']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^crawlsift produce: output directory .* overlaps the input: input .* is inside it/);
    expect(snapshot(out)).toEqual(before);
  });
});

describe('--overwrite removes only what crawlsift wrote', () => {
  it('refuses, naming it, a file of the user\'s inside a shard directory, and deletes nothing', async () => {
    const out = join(tmp(), 'out');
    expect((await runCli(['filter', SAMPLE, '--out', out, '--threads', '1'])).code).toBe(0);
    writeFileSync(join(out, 'human', 'mine.txt'), 'my notes\n');
    const before = snapshot(out);
    const result = await runCli(['filter', SAMPLE, '--out', out, '--overwrite', '--threads', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`crawlsift filter: ${join(out, 'human', 'mine.txt')} was not written by crawlsift: --overwrite removes only crawlsift's shard files and manifest from ${out}; move it, or write the run elsewhere\n`);
    expect(snapshot(out)).toEqual(before);
  });

  it('replaces the shard files and manifest, keeping the other files of --out', async () => {
    const out = join(tmp(), 'out');
    expect((await runCli(['filter', SAMPLE, '--out', out, '--threads', '1', '--shard-size', '20KB'])).code).toBe(0);
    writeFileSync(join(out, 'README.txt'), 'about this run\n');
    const parts = readdirSync(join(out, 'uncertain'));
    expect(parts.length).toBeGreaterThan(1);
    expect((await runCli(['filter', SAMPLE, '--out', out, '--overwrite', '--threads', '1'])).code).toBe(0);
    expect(readFileSync(join(out, 'README.txt'), 'utf8')).toBe('about this run\n');
    expect(readdirSync(join(out, 'uncertain'))).toEqual(['part-00000.jsonl.gz']);
  });
});

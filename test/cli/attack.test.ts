import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { attackRecord, recordSeed } from '../../src/evaluation/attacks/attack-records.js';
import { ATTACK_KINDS } from '../../src/evaluation/index.js';
import { runCli } from '../helpers/run-cli.js';

const INPUT = 'fixtures/labeled/dev-small.jsonl';
const tmp = () => mkdtempSync(join(tmpdir(), 'crawlsift-attack-'));
const readJsonl = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('crawlsift attack (end to end)', () => {
  const dir = tmp();
  const original = readJsonl(INPUT);

  beforeAll(async () => {
    const result = await runCli(['attack', '--kind', 'all', INPUT, join(dir, 'all')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it.each(ATTACK_KINDS)('%s changes texts and keeps every other field', (kind) => {
    const attacked = readJsonl(join(dir, 'all', `${kind}.jsonl`));
    expect(attacked).toHaveLength(original.length);
    let changed = 0;
    attacked.forEach((record, i) => {
      const { text, ...rest } = record;
      const { text: originalText, ...originalRest } = original[i]!;
      expect(rest).toEqual(originalRest);
      expect(Object.keys(record)).toEqual(Object.keys(original[i]!));
      if (text !== originalText) changed++;
    });
    // Not every text has a number or an article; every kind must change many of them.
    expect(changed).toBeGreaterThan(original.length / 3);
  });

  it('--kind all writes one file per kind and leaves no temporary files', () => {
    expect(readdirSync(join(dir, 'all')).sort()).toEqual(ATTACK_KINDS.map((k) => `${k}.jsonl`).sort());
  });

  it('is deterministic: the same seed gives the same bytes as --kind all, another seed other texts', async () => {
    const again = join(dir, 'again.jsonl');
    expect((await runCli(['attack', '--kind', 'misspelling', INPUT, again])).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(join(dir, 'all', 'misspelling.jsonl'), 'utf8'));
    const other = join(dir, 'other.jsonl');
    const result = await runCli(['attack', '--kind', 'misspelling', '--seed', '2', INPUT, other]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/misspelling: 104 records written to .*other\.jsonl, \d+ texts changed \(seed 2\)/);
    expect(readFileSync(other, 'utf8')).not.toBe(readFileSync(again, 'utf8'));
  });

  it('rejects an unknown kind with exit 2 and one line listing the kinds', async () => {
    const result = await runCli(['attack', '--kind', 'paraphrase', INPUT, join(dir, 'x.jsonl')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    for (const kind of ATTACK_KINDS) expect(result.stderr).toContain(kind);
    expect(existsSync(join(dir, 'x.jsonl'))).toBe(false);
  });

  it('names the file and line of a record without text, and writes nothing', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"text": "A fine first line.", "label": "human"}\n{"label": "human"}\n');
    const out = join(dir, 'bad-out.jsonl');
    const result = await runCli(['attack', '--kind', 'homoglyph', bad, out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`crawlsift attack: ${bad}:2: field "text" missing or not a string\n`);
    expect(readdirSync(dir).filter((f) => f.startsWith('bad-out'))).toEqual([]);
  });

  it('needs an input and an output', async () => {
    const result = await runCli(['attack', '--kind', 'homoglyph', INPUT]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('crawlsift attack: inputs and outputs', () => {
  const dir = tmp();

  it('refuses to write over its input, also through a symlink, and leaves it as it was', async () => {
    const input = join(dir, 'in.jsonl');
    copyFileSync(INPUT, input);
    symlinkSync(input, join(dir, 'link.jsonl'));
    for (const output of [input, join(dir, 'link.jsonl')]) {
      const result = await runCli(['attack', '--kind', 'homoglyph', input, output]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^crawlsift attack: attack would overwrite its input .*in\.jsonl/);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    const all = join(dir, 'attacked');
    expect((await runCli(['attack', '--kind', 'all', input, all])).code).toBe(0);
    const refused = await runCli(['attack', '--kind', 'all', join(all, 'homoglyph.jsonl'), all]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/would overwrite its input/);
    expect(readFileSync(input, 'utf8')).toBe(readFileSync(INPUT, 'utf8'));
  });

  it.each([
    ['a missing directory', () => join(dir, 'nodir', 'x.jsonl'), 'homoglyph', /cannot write output .*nodir\/x\.jsonl: directory .*nodir does not exist/],
    ['a directory for one kind', () => dir, 'homoglyph', /cannot write output .*: it is a directory/],
    ['a file for --kind all', () => join(dir, 'afile'), 'all', /cannot use output directory .*afile: it is a file, not a directory/],
  ])('refuses %s as output with one line and exit 2', async (_what, output, kind, message) => {
    writeFileSync(join(dir, 'afile'), 'x');
    const result = await runCli(['attack', '--kind', kind, INPUT, output()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/unexpected error|node:events/);
  });

  it('reads gzip-compressed JSONL as the plain file', async () => {
    const gz = join(dir, 'in.jsonl.gz');
    writeFileSync(gz, gzipSync(readFileSync(INPUT)));
    const [plain, zipped] = [join(dir, 'plain.jsonl'), join(dir, 'zipped.jsonl')];
    expect((await runCli(['attack', '--kind', 'upper-lower', INPUT, plain])).code).toBe(0);
    const result = await runCli(['attack', '--kind', 'upper-lower', gz, zipped]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(zipped, 'utf8')).toBe(readFileSync(plain, 'utf8'));
  });

  it('writes gzip when the output name ends in .gz, with the plain output as its content', async () => {
    const [plain, zipped] = [join(dir, 'plain-out.jsonl'), join(dir, 'zipped-out.jsonl.gz')];
    expect((await runCli(['attack', '--kind', 'number-swap', INPUT, plain])).code).toBe(0);
    const result = await runCli(['attack', '--kind', 'number-swap', INPUT, zipped]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const bytes = readFileSync(zipped);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(bytes).toString('utf8')).toBe(readFileSync(plain, 'utf8'));
    expect(readdirSync(dir).filter((f) => f.startsWith('zipped-out') && f.endsWith('.tmp'))).toEqual([]);
  });

  it('names a truncated gzip input in one line and leaves no output', async () => {
    const gz = join(dir, 'cut.jsonl.gz');
    const whole = gzipSync(readFileSync(INPUT));
    writeFileSync(gz, whole.subarray(0, whole.length - 100));
    const result = await runCli(['attack', '--kind', 'homoglyph', gz, join(dir, 'cut-out.jsonl')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^crawlsift attack: cannot read .*cut\.jsonl\.gz: unexpected end of file[^\n]*\n$/);
    expect(readdirSync(dir).filter((f) => f.startsWith('cut-out'))).toEqual([]);
  });
});

describe('attack records', () => {
  it('seed each record from the run seed and its id, else its line', () => {
    expect(recordSeed(1, 'doc-1', 5)).toBe(recordSeed(1, 'doc-1', 9));
    expect(recordSeed(1, 'doc-1', 5)).not.toBe(recordSeed(2, 'doc-1', 5));
    expect(recordSeed(1, undefined, 5)).not.toBe(recordSeed(1, undefined, 6));
  });

  it('attack only the text, keeping field order', () => {
    const record = { id: 'a', text: 'The cat sat on the mat with 3 friends.', label: 'synthetic', source: 's' };
    const out = attackRecord(record, 'homoglyph', 1, 1);
    expect(Object.keys(out)).toEqual(Object.keys(record));
    expect(out.text).not.toBe(record.text);
    expect({ ...out, text: record.text }).toEqual(record);
    expect(attackRecord(record, 'homoglyph', 1, 1)).toEqual(out);
  });
});

import { copyFileSync, cpSync, existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/run-cli.js';

const SAMPLE = 'fixtures/sample-crawl.jsonl.gz';
const DEV = 'fixtures/labeled/dev-small.jsonl';

/** A refusal: exit 2 and one line on stderr naming the command's error. */
function expectOneLineRefusal(result: CliResult, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stdout).toBe('');
}

const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('outputs that are inputs (eval --report, tune --out)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crawlsift-guards-'));
  });
  /** A copy of the labeled fixture of its own for each test, and a hard link to it. */
  const freshLabeled = (name: string) => {
    const path = join(dir, `${name}.jsonl`);
    copyFileSync(DEV, path);
    linkSync(path, join(dir, `${name}-link.jsonl`));
    return { path, link: join(dir, `${name}-link.jsonl`) };
  };

  it('eval refuses a --report that is a labeled input (or a link to one) and leaves it as it was', async () => {
    const labeled = freshLabeled('eval');
    for (const report of [labeled.path, labeled.link]) {
      const result = await runCli(['eval', DEV, labeled.path, '--report', report]);
      expectOneLineRefusal(result, new RegExp(`^crawlsift eval: eval would overwrite its input ${quote(labeled.path)} \\(--report ${quote(report)} is the same file\\)`));
      expect(readFileSync(labeled.path, 'utf8')).toBe(readFileSync(DEV, 'utf8'));
    }
  });

  it('tune refuses an --out that is a labeled input (or a link to one) and leaves it as it was', async () => {
    const labeled = freshLabeled('tune');
    for (const out of [labeled.path, labeled.link]) {
      const result = await runCli(['tune', labeled.path, '--max-leak', '0.2', '--max-human-loss', '0.2', '--out', out]);
      expectOneLineRefusal(result, new RegExp(`^crawlsift tune: tune would overwrite its input ${quote(labeled.path)} \\(--out ${quote(out)} is the same file\\)`));
      expect(readFileSync(labeled.path, 'utf8')).toBe(readFileSync(DEV, 'utf8'));
    }
  });
});

describe('crawlsift report: what -o may not replace, and shards it cannot read', () => {
  let dir: string;
  let pristine: string;
  let labeled: string;
  let copies = 0;
  const filesOf = (out: string) => ['manifest.json', ...['human', 'synthetic', 'uncertain', 'rejected'].flatMap((s) => readdirSync(join(out, s)).map((f) => join(s, f)))].sort();
  /** A copy of the finished run of its own for each test, so that one test's damage cannot fail another. */
  const freshRun = () => {
    const out = join(dir, `out-${++copies}`);
    cpSync(pristine, out, { recursive: true });
    return out;
  };
  /** Every file of the run as the filter wrote it. */
  const expectRunUntouched = (out: string) => {
    expect(filesOf(out)).toEqual(filesOf(pristine));
    for (const file of filesOf(pristine)) expect(readFileSync(join(out, file)).equals(readFileSync(join(pristine, file))), file).toBe(true);
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crawlsift-report-guards-'));
    pristine = join(dir, 'pristine');
    labeled = join(dir, 'dev.jsonl');
    copyFileSync(DEV, labeled);
    const filter = await runCli(['filter', SAMPLE, '--out', pristine, '--threads', '1']);
    expect(filter.code, filter.stderr).toBe(0);
  });

  it.each([
    ['the manifest', (out: string) => join(out, 'manifest.json')],
    ['a shard', (out: string) => join(out, 'human', 'part-00000.jsonl.gz')],
    ['a --labeled file', () => labeled],
  ])('refuses -o that is %s, naming both paths, before any work', async (_what, target) => {
    const out = freshRun();
    const output = target(out);
    const result = await runCli(['report', out, '--labeled', labeled, '-o', output]);
    expectOneLineRefusal(result, new RegExp(`^crawlsift report: report would overwrite its input ${quote(output)} \\(-o ${quote(output)} is the same file\\)`));
    expectRunUntouched(out);
    expect(readFileSync(labeled, 'utf8')).toBe(readFileSync(DEV, 'utf8'));
  });

  it('refuses -o inside a shard directory, even a new file, and allows one beside the shards', async () => {
    const out = freshRun();
    for (const shard of ['uncertain', 'rejected']) {
      const output = join(out, shard, 'report.html');
      const result = await runCli(['report', out, '-o', output]);
      expectOneLineRefusal(result, new RegExp(`^crawlsift report: report would write -o ${quote(output)} inside the run's shard directory ${quote(join(out, shard))}`));
      expect(existsSync(output)).toBe(false);
    }
    expectRunUntouched(out);
    const beside = await runCli(['report', out, '-o', join(out, 'report.html')]);
    expect(beside.code, beside.stderr).toBe(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('says which shard is missing (exit 2, one line, no stack trace)', async () => {
    const out = freshRun();
    const shard = join(out, 'synthetic', 'part-00000.jsonl.gz');
    rmSync(shard);
    const result = await runCli(['report', out, '-o', join(dir, 'missing.html')]);
    expectOneLineRefusal(result, new RegExp(`^crawlsift report: cannot read shard ${quote(shard)}: it is missing`));
    expect(existsSync(join(dir, 'missing.html'))).toBe(false);
  });

  it('names a truncated shard (exit 2, one line)', async () => {
    const out = freshRun();
    const shard = join(out, 'uncertain', 'part-00000.jsonl.gz');
    const bytes = readFileSync(shard);
    writeFileSync(shard, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const result = await runCli(['report', out, '-o', join(dir, 'truncated.html')]);
    expectOneLineRefusal(result, new RegExp(`^crawlsift report: cannot read shard ${quote(shard)}: unexpected end of file`));
    expect(existsSync(join(dir, 'truncated.html'))).toBe(false);
  });
});

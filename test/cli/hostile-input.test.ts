// The reproductions of issue 16 as a user ran them: one pathological record costs one rejection, and
// the run finishes with a manifest that counts it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli, type CliResult } from '../helpers/run-cli.js';
import { prose, warcFile, warcinfo, wetRecord } from '../documents/warc-records.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'crawlsift-hostile-'));
const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));

/** Runs the CLI, killing it after `ms` (a hang must fail the test, not stall the suite). */
async function runWithin(ms: number, args: string[], input?: string): Promise<CliResult & { killed: boolean }> {
  const { child, done } = startCli(args, input === undefined ? {} : { input });
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, ms);
  try {
    return { ...(await done), killed };
  } finally {
    clearTimeout(timer);
  }
}

const good = (n: number) => JSON.stringify({ id: `g${n}`, text: prose(n) });
const deep = `{"id":"deep","text":"hello world","n":${'['.repeat(5000)}${']'.repeat(5000)}}`;

describe('crawlsift filter on hostile input', () => {
  it.each([
    ['a JSONL file', 'deep5000.jsonl', [good(0), deep, good(1)].join('\n') + '\n'],
    ['a JSON array', 'deep5000.json', `[${[good(0), deep, good(1)].join(',')}]`],
  ])('a record nested 5,000 deep in %s is one too-deep rejection (it crashed the run)', async (_, name, content) => {
    const dir = tmp();
    writeFileSync(join(dir, name), content);
    const out = join(dir, 'out');
    const result = await runWithin(60_000, ['filter', join(dir, name), '--out', out, '--threads', '1']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(manifestOf(out)).toMatchObject({ counts: { read: 3, rejected: 1 }, rejectedByReason: { 'too-deep': 1 } });
  });

  it('the same from stdin', async () => {
    const out = join(tmp(), 'out');
    const result = await runWithin(60_000, ['filter', '-', '--out', out, '--threads', '1'], [good(0), deep, good(1)].join('\n') + '\n');
    expect(result.code).toBe(0);
    expect(manifestOf(out)).toMatchObject({ counts: { read: 3, rejected: 1 }, rejectedByReason: { 'too-deep': 1 } });
  });

  it.each([
    ['5.5', 'hung for ever at 100% CPU'],
    ['abc', 'exited 0 with read=2: the records after it were swallowed'],
    ['5 6', 'exited 0 with read=2: the records after it were swallowed'],
  ])('a WET record with Content-Length %s is one unreadable-warc-record, then the next records (it %s)', async (contentLength) => {
    const dir = tmp();
    const path = join(dir, 'f.warc.wet');
    writeFileSync(path, warcFile([warcinfo(), wetRecord('r0', prose(0)), wetRecord('bad', prose(9), { contentLength }), wetRecord('r1', prose(1)), wetRecord('r2', prose(2))], false));
    const out = join(dir, 'out');
    const result = await runWithin(60_000, ['filter', path, '--out', out, '--threads', '1']);
    expect(result.killed).toBe(false);
    expect(result.code).toBe(0);
    expect(manifestOf(out)).toMatchObject({ counts: { read: 4, rejected: 1 }, rejectedByReason: { 'unreadable-warc-record': 1 } });
  });
});

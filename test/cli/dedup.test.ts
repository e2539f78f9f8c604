// crawlsift filter --dedup near end to end (real CLI, real model): the same shards and manifest with 1
// or 2 batch threads and on the queue executor with 2 workers (a private redis-server); the summary
// and the report show the duplicates; settings without --dedup near are refused.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRedisServer } from '../queue/redis-server.js';
import { keysByPart } from '../queue/shards.js';
import { runCli } from '../helpers/run-cli.js';
import { readShard } from '../helpers/shards.js';

const PLANTED = 'fixtures/dedup/planted.jsonl';
const SHARDS = ['human', 'synthetic', 'uncertain', 'unscored', 'duplicate', 'rejected'];
const comparable = ({ executor: _e, run: _r, batches: _b, startedAt: _s, finishedAt: _f, seconds: _x, docsPerSecond: _d, ...rest }: Record<string, unknown>) => rest;

let dir: string;
let input: string;
let server: TestRedisServer;
const outputs: Record<string, { manifest: Record<string, any>; stdout: string }> = {};

/** The planted documents spread through the sample crawl, then all of them again under new ids. */
function writeInput(path: string): void {
  const sample = gunzipSync(readFileSync('fixtures/sample-crawl.jsonl.gz')).toString('utf8').split('\n').filter(Boolean);
  const planted = readFileSync(PLANTED, 'utf8').split('\n').filter(Boolean);
  const lines: string[] = [];
  for (const [i, line] of sample.entries()) {
    lines.push(line);
    if (i % 15 === 0 && planted[i / 15]) lines.push(planted[i / 15]!);
  }
  lines.push(...planted.map((l) => l.replace('"id":"dd-', '"id":"again-dd-')));
  writeFileSync(path, lines.join('\n') + '\n');
}

async function filter(name: string, args: string[]): Promise<void> {
  const out = join(dir, name);
  const result = await runCli(['filter', input, '--out', out, '--dedup', 'near', '--shard-size', '60KB', ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  outputs[name] = { manifest: JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')), stdout: result.stdout };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'crawlsift-dedup-cli-'));
  input = join(dir, 'crawl.jsonl');
  writeInput(input);
  server = await TestRedisServer.start();
  await filter('threads-1', ['--threads', '1']);
  await filter('threads-2', ['--threads', '2']);
  await filter('queue', ['--redis', server.url, '--workers', '2', '--batch-docs', '25']);
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

describe('filter --dedup near (real CLI, real model)', () => {
  it('writes the same shards and manifest with any number of threads and on the queue with 2 workers', () => {
    const reference = join(dir, 'threads-1');
    for (const other of ['threads-2', 'queue']) {
      expect(keysByPart(join(dir, other)), other).toEqual(keysByPart(reference));
      for (const shard of SHARDS) expect(readShard(join(dir, other), shard), `${other} ${shard}`).toEqual(readShard(reference, shard));
      expect(comparable(outputs[other]!.manifest), other).toEqual(comparable(outputs['threads-1']!.manifest));
    }
    expect(outputs.queue!.manifest.executor).toBe('queue');
  });

  it('reconciles with the duplicate shard, and moves the planted duplicates and every second copy', () => {
    const { counts, dedup } = outputs['threads-1']!.manifest;
    expect(counts.read).toBe(counts.human + counts.synthetic + counts.uncertain + counts.unscored + counts.duplicate + counts.rejected);
    const duplicates = readShard(join(dir, 'threads-1'), 'duplicate').map((r) => String(r.id));
    for (const id of ['dd-a-exact', 'dd-a-near', 'dd-b']) expect(duplicates).toContain(id);
    expect(duplicates.filter((id) => id.startsWith('again-'))).toHaveLength(16);
    for (const id of ['dd-c-far', 'dd-d-boilerplate', 'dd-e-boilerplate']) expect(duplicates).not.toContain(id);
    expect(dedup.duplicates).toBe(counts.duplicate);
  });

  it('shows the duplicate count and the clusters per route in the summary, and the duplicate shard in the report', async () => {
    const { stdout, manifest } = outputs['threads-2']!;
    expect(stdout).toMatch(new RegExp(`\\nduplicate\\s+${manifest.counts.duplicate}\\s`));
    expect(stdout).toMatch(/clusters by the route of their kept document/);
    const report = join(dir, 'report.html');
    const result = await runCli(['report', join(dir, 'threads-2'), '-o', report]);
    expect(result.code).toBe(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<th scope="row">duplicate</th>');
    expect(html).toContain('Duplicates and cluster sizes per route');
  });

  it('refuses near-duplicate settings without --dedup near, and an unknown mode', async () => {
    const bands = await runCli(['filter', PLANTED, '--out', join(dir, 'refused'), '--dedup', 'exact', '--dedup-bands', '10']);
    expect(bands.code).toBe(2);
    expect(bands.stderr).toMatch(/--dedup-bands needs --dedup near/);
    const mode = await runCli(['filter', PLANTED, '--out', join(dir, 'refused'), '--dedup', 'fuzzy']);
    expect(mode.code).toBe(2);
    expect(mode.stderr).toMatch(/--dedup must be off, exact or near, got "fuzzy"/);
  });
});

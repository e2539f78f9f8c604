// A batch that fails on every attempt (CRAWLSIFT_TEST_POISON makes any batch holding a marked
// document fail to process) costs its records a processing-failed rejection each, never the run:
// under the local executor and the queue executor alike, with the same shards and counts; and on the
// queue, produce run again once the cause is gone re-queues the batch and replaces those rejections.
// Real CLI, real model, a private redis-server.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readShard } from '../helpers/shards.js';
import { runCli, startCli, stopCli, type CliProcess } from './cli.js';
import { TestRedisServer } from './redis-server.js';

const POISON = 'poison-marker-7f3a';
const POISONED = { CRAWLSIFT_TEST_POISON: POISON };

let server: TestRedisServer;
let dir: string;
let input: string;
let records: number;
const workers: CliProcess[] = [];

beforeAll(async () => {
  server = await TestRedisServer.start();
  dir = mkdtempSync(join(tmpdir(), 'crawlsift-poison-'));
  input = join(dir, 'crawl.jsonl.gz');
  const lines = gunzipSync(readFileSync('fixtures/sample-crawl.jsonl.gz')).toString('utf8').split('\n').filter(Boolean);
  const all = [0, 1, 2].flatMap((k) => lines.map((line) => line.replaceAll('"sample-', `"sample-c${k}-`)));
  // One document of the second copy (record 300, in the second batch of 256) carries the poison.
  const poisoned = JSON.parse(all[300]!) as { text: string };
  all[300] = JSON.stringify({ ...poisoned, text: `${poisoned.text} ${POISON}` });
  writeFileSync(input, gzipSync(all.join('\n') + '\n'));
  records = all.length;
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(workers.map(stopCli));
  await server?.stop();
});

const processingFailed = (out: string) => readShard(out, 'rejected').filter((r) => r.reason === 'processing-failed');

describe('a batch that fails every attempt', () => {
  let localOut: string;
  let local: Record<string, any>;

  it('costs the local executor its records, rejected as processing-failed, not the run', async () => {
    localOut = join(dir, 'local');
    // Batches of 256, as the queue's below: a failed batch costs its records, so the sizes must agree.
    const result = await runCli(['filter', input, '--out', localOut, '--threads', '2', '--batch-docs', '256', '--json'], POISONED);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/a batch failed 3 times \(test-poison: a document holds the test poison "poison-marker-7f3a"\); its records are in rejected\/ as processing-failed/);
    local = JSON.parse(result.stdout);
    expect(local.counts.read).toBe(records);
    expect(local.counts.read).toBe(local.counts.human + local.counts.synthetic + local.counts.uncertain + local.counts.unscored + local.counts.rejected);
    const failed = processingFailed(localOut);
    // The second batch: records 256..511, of which the sample's malformed records keep their own reasons.
    expect(failed.length).toBe(local.rejectedByReason['processing-failed']);
    expect(failed.length).toBeGreaterThan(250);
    expect(failed.every((r) => typeof r.line === 'number' && (r.line as number) > 256 && (r.line as number) <= 512)).toBe(true);
    expect(failed[0]).toMatchObject({ detail: `test-poison: a document holds the test poison "${POISON}"`, file: input });
    expect(JSON.parse(failed[0]!.raw as string)).toMatchObject({ id: expect.stringMatching(/^sample-c1-/) });
  }, 180_000);

  it('costs the queue executor the same records, and finalize completes with the local shards', async () => {
    const out = join(dir, 'queue');
    const result = await runCli(['filter', input, '--out', out, '--redis', server.url, '--queue', 'q-poison', '--run', 'poison', '--workers', '2', '--batch-docs', '256', '--retry-delay', '50', '--json'], POISONED);
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(result.stdout);
    expect(manifest.counts).toEqual(local.counts);
    expect(manifest.rejectedByReason).toEqual(local.rejectedByReason);
    for (const shard of ['human', 'synthetic', 'uncertain', 'rejected']) expect(readShard(out, shard)).toEqual(readShard(localOut, shard));
  }, 180_000);

  it('on the queue, is re-queued by produce once the cause is fixed, replacing its rejected records', async () => {
    const out = join(dir, 'retry');
    const produceArgs = ['produce', input, '--redis', server.url, '--queue', 'q-retry', '--run', 'retry', '--out', out, '--batch-docs', '256', '--retry-delay', '50'];
    expect((await runCli(produceArgs)).code).toBe(0);
    const poisoned = startCli(['work', '--redis', server.url, '--queue', 'q-retry'], POISONED);
    workers.push(poisoned);
    const status = async () => JSON.parse((await runCli(['status', '--redis', server.url, '--queue', 'q-retry', '--run', 'retry', '--json'])).stdout);
    for (;;) {
      const s = await status();
      if (s.batches.done === 3) {
        expect(s.batches.rejected).toEqual([{ batch: 1, error: `a document holds the test poison "${POISON}"` }]);
        expect(s.batches.failed).toEqual([]);
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    await stopCli(poisoned);
    // The cause is gone (a worker without the poison): produce again re-queues batch 1.
    const again = await runCli(produceArgs);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/1 failed batches re-queued \(1\)/);
    const healthy = startCli(['work', '--redis', server.url, '--queue', 'q-retry']);
    workers.push(healthy);
    const finalized = await runCli(['finalize', '--redis', server.url, '--queue', 'q-retry', '--run', 'retry', '--wait', '--json', '--poll', '100']);
    expect(finalized.code, finalized.stderr).toBe(0);
    const manifest = JSON.parse(finalized.stdout);
    expect(manifest.counts.read).toBe(records);
    expect(manifest.rejectedByReason['processing-failed']).toBeUndefined();
    expect(processingFailed(out)).toEqual([]);
  }, 180_000);
});

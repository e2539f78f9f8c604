// `crawlsift work` on SIGTERM: with Redis up it finishes (or gives back) its active batch and exits
// 0; with Redis gone it stops waiting for Redis and exits too. The test bounds how long it may still
// be running after the signal (a process that never exits fails it); it measures no speed. Real
// CLI, real model, a private redis-server per case.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../src/executors/queue/run-store.js';
import { runCli, startCli, stopCli, until, type CliProcess } from './cli.js';
import { TestRedisServer } from './redis-server.js';

/** Still running this long after SIGTERM means it will not stop on its own (docker waits 10 s, then SIGKILLs). */
const EXIT_BOUND_MS = 15_000;

let dir: string;
let input: string;
let records: number;
const servers: TestRedisServer[] = [];
const workers: CliProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crawlsift-shutdown-'));
  input = join(dir, 'crawl.jsonl.gz');
  const lines = gunzipSync(readFileSync('fixtures/sample-crawl.jsonl.gz')).toString('utf8').split('\n').filter(Boolean);
  const all = [0, 1, 2].flatMap((k) => lines.map((line) => line.replaceAll('"sample-', `"sample-c${k}-`)));
  writeFileSync(input, gzipSync(all.join('\n') + '\n'));
  records = all.length;
});

afterEach(async () => {
  await Promise.allSettled(workers.splice(0).map(stopCli));
  await Promise.allSettled(servers.splice(0).map((s) => s.stop()));
});

async function startServer(): Promise<TestRedisServer> {
  const server = await TestRedisServer.start();
  servers.push(server);
  return server;
}

function startWorker(server: TestRedisServer, queue: string): CliProcess {
  const worker = startCli(['work', '--redis', server.url, '--queue', queue, '--log-level', 'info', '--lock-duration', '2000', '--stalled-interval', '500']);
  workers.push(worker);
  return worker;
}

/** SIGTERM, then the exit: its code, or 'still running' once the bound has passed. */
async function terminate(worker: CliProcess): Promise<number | null | 'still running'> {
  worker.child.kill('SIGTERM');
  const exited = await Promise.race([worker.done.then((r) => r.code), sleep(EXIT_BOUND_MS).then(() => 'still running' as const)]);
  return exited;
}

async function produce(server: TestRedisServer, queue: string, runId: string, out: string): Promise<void> {
  const produced = await runCli(['produce', input, '--redis', server.url, '--queue', queue, '--run', runId, '--out', out, '--batch-docs', '10', '--max-queued', '1000']);
  expect(produced.code, produced.stderr).toBe(0);
}

describe('crawlsift work on SIGTERM', () => {
  it('with Redis up: finishes its active batch, exits 0, and the run still finishes whole', async () => {
    const server = await startServer();
    const redis = new Redis(server.url);
    try {
      const [queue, runId, out] = ['q-up', 'up', join(dir, 'up')];
      await produce(server, queue, runId, out);
      const worker = startWorker(server, queue);
      const store = new RunStore(redis, runId);
      await until(async () => (await store.doneCount()) >= 2);
      expect(await terminate(worker)).toBe(0);
      expect((await worker.done).stderr).toMatch(/closing worker: finishing active batches/);
      // Whatever it held is done or back in the queue: another worker finishes the run with every record.
      startWorker(server, queue);
      const finalized = await runCli(['finalize', '--redis', server.url, '--queue', queue, '--run', runId, '--wait', '--json', '--poll', '100']);
      expect(finalized.code, finalized.stderr).toBe(0);
      expect(JSON.parse(finalized.stdout).counts.read).toBe(records);
    } finally {
      redis.disconnect();
    }
  }, 120_000);

  it('with Redis gone for a while: stops waiting for it and exits 0', async () => {
    const server = await startServer();
    const redis = new Redis(server.url);
    const [queue, runId, out] = ['q-gone', 'gone', join(dir, 'gone')];
    try {
      await produce(server, queue, runId, out);
      const worker = startWorker(server, queue);
      await until(async () => (await new RunStore(redis, runId).doneCount()) >= 1);
      redis.disconnect();
      await server.halt();
      // Long enough for its connections to be in their reconnect loop, mid-batch or idle.
      await sleep(3_000);
      expect(await terminate(worker)).toBe(0);
      expect((await worker.done).stderr).toMatch(/Redis is unreachable, not waiting for it|stopped without finishing the active batches/);
    } finally {
      redis.disconnect();
    }
  }, 120_000);

  it('with Redis gone and the worker idle: exits 0', async () => {
    const server = await startServer();
    const worker = startWorker(server, 'q-idle');
    await until(() => /worker started/.test(worker.stderrSoFar()));
    await sleep(500);
    await server.halt();
    await sleep(3_000);
    expect(await terminate(worker)).toBe(0);
  }, 60_000);
});

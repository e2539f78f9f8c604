// The producer's heartbeat and what finalize --wait and status make of it: a producer that stopped
// before reading every input is named once, finalize keeps waiting for a restart (or gives up after
// --timeout), status says whether one runs. A private redis-server, the hash stand-in for the model,
// and heartbeats of a few hundred milliseconds (options), so expiring one takes no long sleep.
import { mkdtemp } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { finalizeRun } from '../../src/executors/queue/finalizer.js';
import { ProducerHeartbeat } from '../../src/executors/queue/producer-heartbeat.js';
import { producerStoppedMessage } from '../../src/executors/queue/producer-watch.js';
import { runProducer, type ProducerOptions } from '../../src/executors/queue/producer.js';
import { connectRedis } from '../../src/executors/queue/redis-connection.js';
import { formatRunStatus, readRunStatus, type RunStatus } from '../../src/executors/queue/run-status.js';
import { RunStore } from '../../src/executors/queue/run-store.js';
import { runCli, startCli, until } from './cli.js';
import { MODEL, SAMPLE, SHARD_BYTES, startInProcessWorker, THRESHOLDS, unique } from './in-process.js';
import { withPrivateRedis } from './private-redis.js';
import type { TestRedisServer } from './redis-server.js';

const tmp = () => mkdtemp(join(tmpdir(), 'crawlsift-heartbeat-'));
const HEARTBEAT = { ttlMs: 300, intervalMs: 50 };

let server: TestRedisServer;
let redis: Redis;

function producerOptions(runId: string, queueName: string, outDir: string, extra: Partial<ProducerOptions> = {}): ProducerOptions {
  return {
    redis, runId, queueName, outDir, inputs: [SAMPLE], modelDir: 'unused', model: MODEL, thresholds: THRESHOLDS,
    shardBytes: SHARD_BYTES, batchDocs: 17, maxQueued: 2, bulkBatches: 1, pollMs: 20, heartbeat: HEARTBEAT, ...extra,
  };
}

/**
 * Starts a producer on a connection of its own and lets it queue a few batches (no worker takes
 * them, so it waits for room), then cuts that connection: the producer fails as a crashed one
 * stops, unable to remove its heartbeat, and the test waits until the heartbeat has expired.
 */
async function produceAndDie(runId: string, queueName: string, out: string): Promise<void> {
  const own = await connectRedis(server.url);
  const producing = runProducer({ ...producerOptions(runId, queueName, out), redis: own });
  producing.catch(() => undefined);
  const store = new RunStore(redis, runId);
  await until(async () => ((await store.getState().catch(() => undefined))?.position.nextBatch ?? 0) >= 2);
  own.disconnect();
  await expect(producing).rejects.toThrow();
  await until(async () => (await store.producerBeat()) === undefined);
}

withPrivateRedis((s, r) => ([server, redis] = [s, r]));

describe('the producer heartbeat', () => {
  it('is there while produce runs, says which process it is, and is removed when produce is done', async () => {
    const runId = unique('run');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    const producing = runProducer(producerOptions(runId, queueName, out));
    await until(async () => (await readRunStatus(redis, runId, queueName).catch(() => undefined))?.producer.running === true);
    const status = await readRunStatus(redis, runId, queueName);
    expect(status.producer).toMatchObject({ running: true, host: hostname(), pid: process.pid });
    expect(formatRunStatus(status)).toMatch(new RegExp(`\\n  producer: running \\(pid ${process.pid} on ${hostname()}, since `));
    const worker = startInProcessWorker(redis, queueName);
    try {
      await producing;
      expect(await new RunStore(redis, runId).producerBeat()).toBeUndefined();
      expect((await readRunStatus(redis, runId, queueName)).producer).toEqual({ running: false });
      await finalizeRun({ redis, runId, queueName, wait: true, pollMs: 20 });
    } finally {
      await worker.close();
    }
  });

  it('is removed on stop only while it is this producer\'s own', async () => {
    const runId = unique('run');
    const store = new RunStore(redis, runId);
    // Beats far apart, so each writes once: the second producer's beat is the one in Redis.
    const first = await ProducerHeartbeat.start(redis, runId, { ttlMs: 60_000, intervalMs: 60_000 });
    const second = await ProducerHeartbeat.start(redis, runId, { ttlMs: 60_000, intervalMs: 60_000 });
    await first.stop();
    expect(await store.producerBeat()).toBeDefined();
    await second.stop();
    await second.stop();
    expect(await store.producerBeat()).toBeUndefined();
  });
});

describe('finalize --wait when the producer stopped before reading every input', () => {
  it('says so once, keeps waiting, and finalizes once the producer is restarted with the same flags', async () => {
    const runId = unique('run');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    await produceAndDie(runId, queueName, out);
    const stopped: string[] = [];
    const statuses: RunStatus[] = [];
    const finalizing = finalizeRun({
      redis, runId, queueName, wait: true, pollMs: 20, onProducerStopped: (message) => stopped.push(message), onWait: (status) => statuses.push(status),
    });
    await until(() => stopped.length > 0);
    const worker = startInProcessWorker(redis, queueName);
    try {
      const restarted = await runProducer(producerOptions(runId, queueName, out, { maxQueued: 100 }));
      expect(restarted.resumed).toBe(true);
      const { manifest } = await finalizing;
      expect(manifest.counts.read).toBe(243);
    } finally {
      await worker.close();
    }
    expect(stopped).toEqual([producerStoppedMessage(runId)]);
    expect(stopped[0]).toMatch(/the producer is not running .*crawlsift produce with the same flags \(same --run\) resumes the run/);
    expect(statuses.some((s) => !s.producerDone && !s.producer.running)).toBe(true);
  });

  it('gives up with the producer-not-running error (exit 1) after producerTimeoutMs', async () => {
    const runId = unique('run');
    const queueName = unique('q');
    await produceAndDie(runId, queueName, join(await tmp(), 'out'));
    await expect(finalizeRun({ redis, runId, queueName, wait: true, pollMs: 20, producerTimeoutMs: 0 })).rejects.toMatchObject({
      code: 'producer-not-running',
      exitCode: 1,
      message: `${producerStoppedMessage(runId)}; gave up waiting for it after 0 s`,
    });
  });

  it('crawlsift status and finalize say it; --timeout exits 1, without it finalize waits for the restarted producer', async () => {
    const runId = unique('cli');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    await produceAndDie(runId, queueName, out);
    const flags = ['--redis', server.url, '--queue', queueName, '--run', runId];

    const status = await runCli(['status', ...flags]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/\n {2}producer: not running, the inputs not all read: crawlsift produce with the run's flags \(same --run\) resumes the run/);
    expect(JSON.parse((await runCli(['status', ...flags, '--json'])).stdout).producer).toEqual({ running: false });

    const timedOut = await runCli(['finalize', ...flags, '--wait', '--timeout', '0', '--poll', '20']);
    expect(timedOut.code).toBe(1);
    expect(timedOut.stderr).toBe(`crawlsift finalize: ${producerStoppedMessage(runId)}; gave up waiting for it after 0 s\n`);
    expect((await runCli(['finalize', ...flags, '--timeout', '10s'])).stderr).toBe('crawlsift finalize: --timeout needs --wait (without it finalize does not wait)\n');

    const waiting = startCli(['finalize', ...flags, '--wait', '--poll', '20', '--json']);
    let stderr = '';
    waiting.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    await until(() => stderr.includes('the producer is not running'));
    const worker = startInProcessWorker(redis, queueName);
    try {
      await runProducer(producerOptions(runId, queueName, out, { maxQueued: 100 }));
      const finalized = await waiting.done;
      expect(finalized.code).toBe(0);
      expect(JSON.parse(finalized.stdout).counts.read).toBe(243);
      const message = `crawlsift finalize: ${producerStoppedMessage(runId)}\n`;
      expect(finalized.stderr.split(message)).toHaveLength(2);
    } finally {
      await worker.close();
    }
  });
});

describe('finalize --wait started before the producer recorded the run (as docker-compose starts them)', () => {
  it('waits for the run, says once that no producer runs yet, and finalizes it once produced', async () => {
    const runId = unique('early');
    const queueName = unique('q');
    const stopped: string[] = [];
    const finalizing = finalizeRun({ redis, runId, queueName, wait: true, pollMs: 20, onProducerStopped: (message) => stopped.push(message) });
    await until(() => stopped.length > 0);
    const worker = startInProcessWorker(redis, queueName);
    try {
      await runProducer(producerOptions(runId, queueName, join(await tmp(), 'out'), { maxQueued: 100 }));
      expect((await finalizing).manifest.counts.read).toBe(243);
    } finally {
      await worker.close();
    }
    expect(stopped).toEqual([`run ${runId} is not in Redis yet and no producer of it is running; crawlsift produce --run ${runId} starts it`]);
  });

  it('without --wait, or after --timeout, refuses a run that is not in Redis', async () => {
    const runId = unique('never');
    await expect(finalizeRun({ redis, runId })).rejects.toMatchObject({ code: 'run-not-found', exitCode: 2 });
    const timedOut = await runCli(['finalize', '--redis', server.url, '--run', runId, '--wait', '--timeout', '0', '--poll', '20']);
    expect(timedOut.code).toBe(1);
    expect(timedOut.stderr).toBe(`crawlsift finalize: run ${runId} is not in Redis yet and no producer of it is running; crawlsift produce --run ${runId} starts it; gave up waiting for it after 0 s\n`);
  });
});

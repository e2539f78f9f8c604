// The queue executor in one process against a real redis-server, with a hash-based stand-in for
// the model: batching, part files, merge order and the run record, independent of scoring.
import { writeFileSync } from 'node:fs';
import { mkdtemp, readdir, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { beforeAll, describe, expect, it } from 'vitest';
import { CanarySource, readLabeledDocs } from '../../src/canaries/index.js';
import { runLocalFilter } from '../../src/executors/local/local-executor.js';
import { processBatchJob } from '../../src/executors/queue/batch-job.js';
import { finalizeRun } from '../../src/executors/queue/finalizer.js';
import { partPath } from '../../src/executors/queue/part-files.js';
import { runProducer, type ProducerOptions } from '../../src/executors/queue/producer.js';
import { connectRedis } from '../../src/executors/queue/redis-connection.js';
import { readRunStatus } from '../../src/executors/queue/run-status.js';
import { RunStore } from '../../src/executors/queue/run-store.js';
import { until } from './cli.js';
import { HashScorer } from './fake-scorer.js';
import { batchContext, localReferenceRun, MODEL, SAMPLE, SHARD_BYTES, THRESHOLDS, unique } from './in-process.js';
import { withPrivateRedis } from './private-redis.js';
import { allKeys, keysByPart, readManifest } from './shards.js';

const LABELED = 'fixtures/labeled/dev-small.jsonl';
const tmp = () => mkdtemp(join(tmpdir(), 'crawlsift-queue-'));

let redis: Redis;
let localOut: string;

function startInProcessWorker(queueName: string): Worker {
  const context = batchContext(redis);
  const worker = new Worker(
    queueName,
    (job) => processBatchJob(job, context),
    { connection: redis, concurrency: 2 },
  );
  worker.on('error', () => undefined);
  return worker;
}

function producerOptions(runId: string, queueName: string, outDir: string, extra: Partial<ProducerOptions> = {}): ProducerOptions {
  return {
    redis, runId, queueName, outDir, inputs: [SAMPLE], modelDir: 'unused', model: MODEL, thresholds: THRESHOLDS,
    shardBytes: SHARD_BYTES, batchDocs: 17, maxQueued: 4, bulkBatches: 2, pollMs: 20, ...extra,
  };
}

withPrivateRedis((_server, r) => (redis = r));

beforeAll(async () => {
  localOut = await localReferenceRun(await tmp());
});

describe('queue executor (in process, real Redis)', () => {
  it('produces, processes and finalizes into the same shards as the local executor', async () => {
    const runId = unique('run');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    const worker = startInProcessWorker(queueName);
    try {
      const produced = await runProducer(producerOptions(runId, queueName, out));
      expect(produced.alreadyProduced).toBe(false);
      expect(produced.batches).toBe(Math.ceil(243 / 17));
      const { manifest } = await finalizeRun({ redis, runId, queueName, wait: true, pollMs: 20 });
      const local = readManifest(localOut);
      expect(manifest.executor).toBe('queue');
      expect(manifest.counts).toEqual(local.counts);
      expect(manifest.rejectedByReason).toEqual(local.rejectedByReason);
      expect(manifest.shards).toEqual(local.shards);
      expect(keysByPart(out)).toEqual(keysByPart(localOut));
      const keys = allKeys(out);
      expect(new Set(keys).size).toBe(keys.length);
      expect(await readdir(out)).not.toContain('parts');
    } finally {
      await worker.close();
    }
  });

  it('refuses to finalize while batches are missing, naming them, and reports them in status', async () => {
    const runId = unique('run');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    await runProducer(producerOptions(runId, queueName, out, { maxQueued: 100 }));
    await expect(finalizeRun({ redis, runId, queueName })).rejects.toMatchObject({ code: 'batches-missing', exitCode: 1, message: expect.stringMatching(/batch 0: waiting/) });
    const status = await readRunStatus(redis, runId, queueName);
    expect(status.batches).toMatchObject({ produced: 15, total: 15, done: 0, failed: [] });
    expect(status.queue.waiting).toBe(15);
    expect(status.producerDone).toBe(true);
  });

  it('keeps the queue at --max-queued batches while no worker takes them', async () => {
    const runId = unique('run');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    const producing = runProducer(producerOptions(runId, queueName, out, { maxQueued: 4, bulkBatches: 2 }));
    const store = new RunStore(redis, runId);
    for (let i = 0; i < 200 && (await store.getState().catch(() => undefined))?.position.nextBatch !== 4; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    expect((await store.getState()).position.nextBatch).toBe(4);
    expect((await store.getState()).batches).toBeUndefined();
    const worker = startInProcessWorker(queueName);
    try {
      await producing;
      await finalizeRun({ redis, runId, queueName, wait: true, pollMs: 20 });
      expect(keysByPart(out)).toEqual(keysByPart(localOut));
    } finally {
      await worker.close();
    }
  });

  it('resumes a run with the same flags and refuses one with other flags', async () => {
    const runId = unique('run');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    const first = await runProducer(producerOptions(runId, queueName, out, { maxQueued: 100 }));
    const again = await runProducer(producerOptions(runId, queueName, out, { maxQueued: 100 }));
    expect(again).toMatchObject({ alreadyProduced: true, resumed: true, batches: first.batches });
    await expect(runProducer(producerOptions(runId, queueName, out, { batchDocs: 5 }))).rejects.toMatchObject({ code: 'run-conflict' });
  });

  it('mixes canaries into batches: the same canaries and estimates as the local executor, none in the shards', async () => {
    const docs = await readLabeledDocs([LABELED]);
    const canaries = (seed: number) => new CanarySource(docs, { rate: 0.2, seed, file: LABELED });
    const local = join(await tmp(), 'local-canaries');
    const localManifest = await runLocalFilter({
      inputs: [SAMPLE], outDir: local, model: MODEL, thresholds: THRESHOLDS, scorer: new HashScorer(), shardBytes: SHARD_BYTES, batchDocs: 50, canaries: canaries(7),
    });
    const runId = unique('run');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    const worker = startInProcessWorker(queueName);
    try {
      await runProducer(producerOptions(runId, queueName, out, { canaries: { source: canaries(7), file: LABELED, seed: 7 } }));
      const { manifest } = await finalizeRun({ redis, runId, queueName, wait: true, pollMs: 20 });
      expect(localManifest.canaries!.synthetic.n + localManifest.canaries!.human.n).toBe(48);
      expect(manifest.canaries).toEqual(localManifest.canaries);
      expect(manifest.estimates).toEqual(localManifest.estimates);
      expect(manifest.counts).toEqual(localManifest.counts);
      expect(manifest.counts).toEqual(readManifest(localOut).counts);
      expect(keysByPart(out)).toEqual(keysByPart(local));
      expect(allKeys(out).filter((key) => key.startsWith('crawlsift-canary:'))).toEqual([]);
    } finally {
      await worker.close();
    }
    // A restart must bring the same canaries: another seed is another run.
    await expect(runProducer(producerOptions(runId, queueName, out, { canaries: { source: canaries(8), file: LABELED, seed: 8 } }))).rejects.toMatchObject({ code: 'run-conflict' });
  });

  it('rotates shards smaller than a batch part exactly where the local executor does', async () => {
    const shardBytes = 3_000;
    const local = join(await tmp(), 'local-small');
    await runLocalFilter({ inputs: [SAMPLE], outDir: local, model: MODEL, thresholds: THRESHOLDS, scorer: new HashScorer(), shardBytes, batchDocs: 50 });
    const runId = unique('run');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    const worker = startInProcessWorker(queueName);
    try {
      await runProducer(producerOptions(runId, queueName, out, { shardBytes, batchDocs: 40 }));
      const { manifest } = await finalizeRun({ redis, runId, queueName, wait: true, pollMs: 20 });
      expect(manifest.shards).toEqual(readManifest(local).shards);
      expect(manifest.shards.human.length).toBeGreaterThan(10);
      expect(keysByPart(out)).toEqual(keysByPart(local));
    } finally {
      await worker.close();
    }
  });

  it('refuses to finalize a run whose part was truncated after its batch was done', async () => {
    const runId = unique('run');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    const worker = startInProcessWorker(queueName);
    try {
      await runProducer(producerOptions(runId, queueName, out));
      const store = new RunStore(redis, runId);
      await until(async () => (await store.doneCount()) === 15);
    } finally {
      await worker.close();
    }
    const counts = (await new RunStore(redis, runId).batchRecords()).get(3)!.result.shards;
    const shard = (['human', 'synthetic', 'uncertain'] as const).find((s) => counts[s] > 0)!;
    await truncate(partPath(out, shard, 3), 30);
    await expect(finalizeRun({ redis, runId, queueName })).rejects.toMatchObject({ code: 'part-mismatch', message: expect.stringContaining('batch-000003') });
  });

  it('rejects a record nested 5,000 levels deep as too-deep, as the local executor does, and finishes', async () => {
    // It used to fail inside BullMQ's Job.asJSON (Queue.addBulk): the run stayed "producing" for ever.
    const dir = await tmp();
    const input = join(dir, 'deep.jsonl');
    const deep = `{"id":"deep","text":"hello world","n":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const good = Array.from({ length: 6 }, (_, i) => JSON.stringify({ id: `g${i}`, text: `an ordinary record number ${i} with a few words` }));
    writeFileSync(input, [...good.slice(0, 3), deep, ...good.slice(3), ''].join('\n'));
    const local = join(dir, 'local');
    const localManifest = await runLocalFilter({ inputs: [input], outDir: local, model: MODEL, thresholds: THRESHOLDS, scorer: new HashScorer(), shardBytes: SHARD_BYTES, batchDocs: 4 });
    const runId = unique('run');
    const queueName = unique('q');
    const out = join(dir, 'out');
    const worker = startInProcessWorker(queueName);
    try {
      await runProducer(producerOptions(runId, queueName, out, { inputs: [input], batchDocs: 4 }));
      const { manifest } = await finalizeRun({ redis, runId, queueName, wait: true, pollMs: 20 });
      expect(manifest.counts).toEqual({ ...localManifest.counts });
      expect(manifest.counts).toMatchObject({ read: 7, rejected: 1 });
      expect(manifest.rejectedByReason).toEqual({ 'too-deep': 1 });
      expect(keysByPart(out)).toEqual(keysByPart(local));
    } finally {
      await worker.close();
    }
  });

  it('fails fast on an unreachable Redis and a bad URL', async () => {
    await expect(connectRedis('redis://127.0.0.1:1', { connectTimeoutMs: 500 })).rejects.toMatchObject({ code: 'redis-unreachable' });
    await expect(connectRedis('http://127.0.0.1:6379')).rejects.toMatchObject({ code: 'redis-url-invalid' });
  });
});

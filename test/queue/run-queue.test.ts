// A run belongs to the queue it was produced on: its id is refused on another queue by produce,
// finalize and status (exit 2, naming the run's queue), and a worker on another queue fails such a
// batch at once without touching the run. A private redis-server and the hash stand-in for the model.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { finalizeRun } from '../../src/executors/queue/finalizer.js';
import { PARTS_DIR } from '../../src/executors/queue/part-files.js';
import { runProducer, type ProducerOptions } from '../../src/executors/queue/producer.js';
import { QueueWorker } from '../../src/executors/queue/queue-worker.js';
import { batchJobId, DEFAULT_QUEUE_NAME, runKeys } from '../../src/executors/queue/run-keys.js';
import { readRunStatus } from '../../src/executors/queue/run-status.js';
import { RunStore } from '../../src/executors/queue/run-store.js';
import { runCli, until } from './cli.js';
import { MODEL, SAMPLE, SHARD_BYTES, startInProcessWorker, THRESHOLDS, unique } from './in-process.js';
import { withPrivateRedis } from './private-redis.js';
import type { TestRedisServer } from './redis-server.js';

const tmp = () => mkdtemp(join(tmpdir(), 'crawlsift-run-queue-'));

let server: TestRedisServer;
let redis: Redis;

function producerOptions(runId: string, queueName: string, outDir: string): ProducerOptions {
  return {
    redis, runId, queueName, outDir, inputs: [SAMPLE], modelDir: 'unused', model: MODEL, thresholds: THRESHOLDS,
    shardBytes: SHARD_BYTES, batchDocs: 17, maxQueued: 1000, pollMs: 20, attempts: 3, retryDelayMs: 10,
  };
}

const mismatch = (runId: string, owner: string, other: string) =>
  `run ${runId} belongs to queue "${owner}", not "${other}": pass --queue ${owner}, or a new --run id for a run on "${other}"`;

async function jobCounts(queueName: string): Promise<Record<string, number>> {
  const queue = new Queue(queueName, { connection: redis });
  try {
    return await queue.getJobCounts('wait', 'active', 'delayed', 'failed', 'completed');
  } finally {
    await queue.close();
  }
}

withPrivateRedis((s, r) => ([server, redis] = [s, r]));

describe('a run and its queue', () => {
  it('records the queue in the run spec; produce, finalize and status refuse the run id on another queue', async () => {
    const runId = unique('run');
    const [owner, other] = [unique('qa'), unique('qb')];
    const out = join(await tmp(), 'out');
    await runProducer(producerOptions(runId, owner, out));
    expect((await new RunStore(redis, runId).requireSpec()).queue).toBe(owner);

    const refused = { code: 'run-queue-mismatch', exitCode: 2, message: mismatch(runId, owner, other) };
    await expect(runProducer(producerOptions(runId, other, out))).rejects.toMatchObject(refused);
    await expect(finalizeRun({ redis, runId, queueName: other })).rejects.toMatchObject(refused);
    await expect(finalizeRun({ redis, runId, queueName: other, wait: true })).rejects.toMatchObject(refused);
    await expect(readRunStatus(redis, runId, other)).rejects.toMatchObject(refused);
    for (const command of [['produce', SAMPLE, '--out', out], ['finalize', '--wait'], ['status']]) {
      const result = await runCli([...command, '--redis', server.url, '--queue', other, '--run', runId]);
      expect(result.code, command[0]).toBe(2);
      expect(result.stderr).toBe(`crawlsift ${command[0]}: ${mismatch(runId, owner, other)}\n`);
    }
    // Nothing of the run went to the other queue, and on its own queue it is untouched.
    expect(Object.values(await jobCounts(other)).every((n) => n === 0)).toBe(true);
    expect((await readRunStatus(redis, runId, owner)).batches).toMatchObject({ produced: 15, total: 15, done: 0, failed: [] });
  });

  it('reads a run recorded without a queue name as a run of the default queue', async () => {
    const runId = unique('run');
    const other = unique('q');
    const out = join(await tmp(), 'out');
    await runProducer(producerOptions(runId, DEFAULT_QUEUE_NAME, out));
    // As a producer from before runs named their queue recorded it.
    const key = runKeys(runId).run;
    const { queue: _queue, ...legacy } = JSON.parse((await redis.hget(key, 'spec'))!);
    await redis.hset(key, 'spec', JSON.stringify(legacy));
    expect((await new RunStore(redis, runId).requireSpec()).queue).toBeUndefined();

    expect((await readRunStatus(redis, runId)).batches.total).toBe(15);
    await expect(readRunStatus(redis, runId, other)).rejects.toMatchObject({ code: 'run-queue-mismatch', message: mismatch(runId, DEFAULT_QUEUE_NAME, other) });
    expect(await runProducer(producerOptions(runId, DEFAULT_QUEUE_NAME, out))).toMatchObject({ alreadyProduced: true, resumed: true });
    const worker = startInProcessWorker(redis, DEFAULT_QUEUE_NAME);
    try {
      const { manifest } = await finalizeRun({ redis, runId, wait: true, pollMs: 20 });
      expect(manifest.counts.read).toBe(243);
    } finally {
      await worker.close();
    }
  });

  it('a worker fails a batch of a run of another queue at once, writing and marking nothing of the run', async () => {
    const runId = unique('run');
    const [owner, other] = [unique('qa'), unique('qb')];
    const out = join(await tmp(), 'out');
    await runProducer(producerOptions(runId, owner, out));
    // Batch 0's job, copied onto the other queue (by hand, or by a producer from before runs named their queue).
    const jobId = batchJobId(runId, 0);
    const ownerQueue = new Queue(owner, { connection: redis });
    const otherQueue = new Queue(other, { connection: redis });
    const worker = new QueueWorker({ redis, queueName: other, modelDir: 'no-model-needed' });
    try {
      const job = (await ownerQueue.getJob(jobId))!;
      await otherQueue.add('batch', job.data, { jobId, attempts: 3, backoff: { type: 'fixed', delay: 10 } });
      await until(async () => (await otherQueue.getJobState(jobId)) === 'failed');
      const failed = (await otherQueue.getJob(jobId))!;
      expect(failed.failedReason).toBe(`batch 0 of run ${runId} is on queue "${other}", but run ${runId} belongs to queue "${owner}"; not processed`);
      expect(failed.attemptsMade).toBe(1);
    } finally {
      await worker.close();
      await Promise.all([ownerQueue.close(), otherQueue.close()]);
    }
    const store = new RunStore(redis, runId);
    expect(await store.failures()).toEqual(new Map());
    expect(await store.doneCount()).toBe(0);
    expect(existsSync(join(out, PARTS_DIR))).toBe(false);

    // The run itself is fine on its own queue.
    const own = startInProcessWorker(redis, owner);
    try {
      const { manifest } = await finalizeRun({ redis, runId, queueName: owner, wait: true, pollMs: 20 });
      expect(manifest.counts.read).toBe(243);
    } finally {
      await own.close();
    }
  });
});

describe('paths in the run spec', () => {
  it('records --out and the model directory as absolute paths, so workers in other directories use the same ones', async () => {
    const runId = unique('rel');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    const relativeOut = relative(process.cwd(), out);
    expect(isAbsolute(relativeOut)).toBe(false);
    await runProducer({ ...producerOptions(runId, queueName, relativeOut), modelDir: 'classifiers/default' });
    const spec = (await new RunStore(redis, runId).getSpec())!;
    expect(spec.outDir).toBe(out);
    expect(spec.modelDir).toBe(join(process.cwd(), 'classifiers', 'default'));
    // The same flags again (a restarted producer) are the same run.
    expect((await runProducer({ ...producerOptions(runId, queueName, relativeOut), modelDir: 'classifiers/default' })).alreadyProduced).toBe(true);
  });
});

describe('a run id given other flags', () => {
  it('is refused, naming the flags that differ', async () => {
    const runId = unique('flags');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    await runProducer(producerOptions(runId, queueName, out));
    await expect(runProducer({ ...producerOptions(runId, queueName, out), batchDocs: 5, shardBytes: SHARD_BYTES * 2 })).rejects.toThrow(
      `run ${runId} already exists in Redis with other flags (--shard-size, --batch-docs differ); use a new --run id (or the original flags to resume it)`,
    );
    await expect(runProducer({ ...producerOptions(runId, queueName, out), batchDocs: 5 })).rejects.toThrow(/with other flags \(--batch-docs differs\)/);
  });
});

// Errors that retrying cannot fix fail a batch job at once, with their code: a worker whose model is
// not the run's (real QueueWorker, real batch threads loading the shipped model). A dead batch thread
// is retried on fresh threads. A private redis-server.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { asJobError, UnrecoverableJobError } from '../../src/executors/queue/job-errors.js';
import { runProducer } from '../../src/executors/queue/producer.js';
import { QueueWorker } from '../../src/executors/queue/queue-worker.js';
import { batchJobId } from '../../src/executors/queue/run-keys.js';
import { RunStore } from '../../src/executors/queue/run-store.js';
import { defaultModelDir } from '../../src/paths.js';
import { ThreadDiedError, ThreadRequestError } from '../../src/threads/worker-pool.js';
import { until } from './cli.js';
import { MODEL, SAMPLE, THRESHOLDS, unique } from './in-process.js';
import { withPrivateRedis } from './private-redis.js';

let redis: Redis;
withPrivateRedis((_server, r) => (redis = r));

describe('job errors', () => {
  it('a worker whose model is not the run\'s fails the batch on its first attempt, with model-mismatch', async () => {
    const [runId, queueName] = [unique('run'), unique('q')];
    const out = join(await mkdtemp(join(tmpdir(), 'crawlsift-job-errors-')), 'out');
    // The run names the stand-in model (hash ffff...); the worker holds the shipped one.
    await runProducer({ redis, runId, queueName, outDir: out, inputs: [SAMPLE], modelDir: 'unused', model: MODEL, thresholds: THRESHOLDS, batchDocs: 300, attempts: 3, retryDelayMs: 10 });
    const worker = new QueueWorker({ redis, queueName, modelDir: defaultModelDir(), backend: 'cpu' });
    const queue = new Queue(queueName, { connection: redis });
    try {
      const jobId = batchJobId(runId, 0);
      await until(async () => (await queue.getJobState(jobId)) === 'failed', 100);
      const job = (await queue.getJob(jobId))!;
      expect(job.attemptsMade).toBe(1);
      expect(job.failedReason).toMatch(/^the model in .* has hash [0-9a-f]{12}, the run was started with ffffffffffff/);
      expect((await new RunStore(redis, runId).failures()).get(0)).toBe(job.failedReason);
    } finally {
      await worker.close();
      await queue.close();
    }
  }, 120_000);

  it('makes thread errors no retry can fix unrecoverable, and leaves the rest to retry', () => {
    const mismatch = asJobError(new ThreadRequestError('model-mismatch', 'other model'));
    expect(mismatch).toBeInstanceOf(UnrecoverableJobError);
    expect(mismatch).toMatchObject({ code: 'model-mismatch', message: 'other model' });
    const died = new ThreadDiedError('batch', 'exited with code 1');
    expect(asJobError(died)).toBe(died);
    const scoring = new ThreadRequestError('batch-failed', 'transient');
    expect(asJobError(scoring)).toBe(scoring);
  });
});

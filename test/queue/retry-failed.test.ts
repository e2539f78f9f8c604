// Failed batches of a queue run are retried by running produce again with the same flags; status
// --watch stops on a run with failed batches. In process, against a private redis-server, with the
// hash stand-in for the model (as executor.test.ts).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { produceCommand } from '../../src/cli/commands/produce.js';
import { statusCommand } from '../../src/cli/commands/status.js';
import { parseFlags } from '../../src/cli/flag-schema.js';
import { processBatchJob } from '../../src/executors/queue/batch-job.js';
import { finalizeRun } from '../../src/executors/queue/finalizer.js';
import { PARTS_DIR } from '../../src/executors/queue/part-files.js';
import { runProducer, type ProducerOptions } from '../../src/executors/queue/producer.js';
import { batchJobId, parseBatchJobId } from '../../src/executors/queue/run-keys.js';
import { readRunStatus } from '../../src/executors/queue/run-status.js';
import { RunStore } from '../../src/executors/queue/run-store.js';
import { batchContext, localReferenceRun, MODEL, SAMPLE, SHARD_BYTES, THRESHOLDS, unique } from './in-process.js';
import { withPrivateRedis } from './private-redis.js';
import type { TestRedisServer } from './redis-server.js';
import { keysByPart, readManifest } from './shards.js';

const tmp = () => mkdtemp(join(tmpdir(), 'crawlsift-retry-'));

let server: TestRedisServer;
let redis: Redis;
let localOut: string;

/** An in-process worker that, like QueueWorker, marks a batch failed in the run store on its last attempt. */
function startWorker(queueName: string, processed: string[] = []): Worker {
  const context = batchContext(redis);
  const worker = new Worker(
    queueName,
    async (job: Job) => {
      try {
        const counts = await processBatchJob(job, context);
        processed.push(job.id!);
        return counts;
      } catch (error) {
        const ids = parseBatchJobId(job.id);
        if (ids && job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await new RunStore(redis, ids.runId).recordBatchFailed(ids.batch, (error as Error).message);
        throw error;
      }
    },
    { connection: redis, concurrency: 2 },
  );
  worker.on('error', () => undefined);
  return worker;
}

function producerOptions(runId: string, queueName: string, outDir: string): ProducerOptions {
  return {
    redis, runId, queueName, outDir, inputs: [SAMPLE], modelDir: 'unused', model: MODEL, thresholds: THRESHOLDS,
    shardBytes: SHARD_BYTES, batchDocs: 17, maxQueued: 1000, pollMs: 20, attempts: 2, retryDelayMs: 10,
  };
}

/**
 * Puts a file where the workers' `parts/human` directory must go and lets a worker take the queued
 * batches until finalize gives up on them: every batch with human records fails its attempts.
 */
async function failOnObstacle(runId: string, queueName: string, out: string): Promise<void> {
  await mkdir(join(out, PARTS_DIR), { recursive: true });
  await writeFile(join(out, PARTS_DIR, 'human'), 'in the way');
  const worker = startWorker(queueName);
  try {
    await expect(finalizeRun({ redis, runId, queueName, wait: true, pollMs: 20 })).rejects.toMatchObject({ code: 'batches-missing' });
  } finally {
    await worker.close();
  }
}

/**
 * Produces a run and lets every batch with human records fail both attempts: a file sits where
 * the workers' `parts/human` directory must go. Returns the failed batches (sorted).
 */
async function produceFailingRun(runId: string, queueName: string, out: string): Promise<number[]> {
  const produced = await runProducer(producerOptions(runId, queueName, out));
  expect(produced.alreadyProduced).toBe(false);
  await failOnObstacle(runId, queueName, out);
  const failed = (await readRunStatus(redis, runId, queueName)).batches.failed;
  expect(failed.length).toBeGreaterThan(0);
  for (const f of failed) expect(f.error).toMatch(/EEXIST|ENOTDIR/);
  return failed.map((f) => f.batch);
}

withPrivateRedis((s, r) => ([server, redis] = [s, r]));

beforeAll(async () => {
  localOut = await localReferenceRun(await tmp());
});

describe('retrying failed batches (in process, real Redis)', () => {
  it('re-queues failed batches when produce runs again, once, and the run finalizes into the clean shards', async () => {
    const runId = unique('run');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    const failed = await produceFailingRun(runId, queueName, out);
    const doneBefore = (await new RunStore(redis, runId).doneBatches()).size;
    await rm(join(out, PARTS_DIR, 'human'));

    // Two producers at once (no worker yet): together they re-queue each failed batch exactly once.
    const [a, b] = await Promise.all([runProducer(producerOptions(runId, queueName, out)), runProducer(producerOptions(runId, queueName, out))]);
    expect(a.alreadyProduced).toBe(true);
    expect([...a.retried, ...b.retried].sort((x, y) => x - y)).toEqual(failed);
    expect(a.notRetried).toEqual([]);
    expect(b.notRetried).toEqual([]);
    expect((await readRunStatus(redis, runId, queueName)).batches.failed).toEqual([]);
    const queue = new Queue(queueName, { connection: redis });
    try {
      expect(await queue.getJobCounts('wait', 'failed')).toEqual({ wait: failed.length, failed: 0 });
      // Their attempts start again from zero.
      for (const batch of failed) expect((await queue.getJob(batchJobId(runId, batch)))!.attemptsMade).toBe(0);
    } finally {
      await queue.close();
    }
    // Again: nothing left to retry.
    expect((await runProducer(producerOptions(runId, queueName, out))).retried).toEqual([]);

    const processed: string[] = [];
    const worker = startWorker(queueName, processed);
    try {
      const { manifest } = await finalizeRun({ redis, runId, queueName, wait: true, pollMs: 20 });
      expect(manifest.counts).toEqual(readManifest(localOut).counts);
      expect(keysByPart(out)).toEqual(keysByPart(localOut));
    } finally {
      await worker.close();
    }
    // Only the failed batches ran again; no done batch did.
    expect(processed.sort()).toEqual(failed.map((batch) => batchJobId(runId, batch)).sort());
    expect(doneBefore + failed.length).toBe(readManifest(out).batches);
  }, 60_000);

  it('names the failed batches whose jobs are gone from Redis, and keeps them failed', async () => {
    const runId = unique('run');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    const failed = await produceFailingRun(runId, queueName, out);
    await rm(join(out, PARTS_DIR, 'human'));
    const [gone, ...kept] = failed;
    const queue = new Queue(queueName, { connection: redis });
    try {
      await queue.remove(batchJobId(runId, gone!));
    } finally {
      await queue.close();
    }
    const again = await runProducer(producerOptions(runId, queueName, out));
    expect(again.retried).toEqual(kept);
    expect(again.notRetried).toEqual([{ batch: gone, reason: 'job-gone', error: expect.stringMatching(/EEXIST|ENOTDIR/) }]);
    expect((await readRunStatus(redis, runId, queueName)).batches.failed.map((f) => f.batch)).toEqual([gone]);
    // Calling again changes nothing, and finalize still refuses, saying what to do.
    expect(await runProducer(producerOptions(runId, queueName, out))).toMatchObject({ retried: [], notRetried: [{ batch: gone, reason: 'job-gone' }] });
    await expect(finalizeRun({ redis, runId, queueName })).rejects.toMatchObject({
      code: 'batches-missing',
      message: expect.stringMatching(new RegExp(`batch ${gone}: failed[^]*run crawlsift produce again`)),
    });
  }, 60_000);

  it('crawlsift produce says what it re-queued, names what it cannot, and exits 1 for those', async () => {
    const runId = unique('cli');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    const flags = { redis: server.url, queue: queueName, run: runId, out, 'batch-docs': '17', attempts: '1' };
    const output = { stdout: '', stderr: '' };
    const spies = (['stdout', 'stderr'] as const).map((stream) =>
      vi.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
        output[stream] += String(chunk);
        return true;
      }),
    );
    try {
      expect(await produceCommand.run(parseFlags(produceCommand.flags, flags), [SAMPLE])).toBe(0);
      await failOnObstacle(runId, queueName, out);
      await rm(join(out, PARTS_DIR, 'human'));
      const queue = new Queue(queueName, { connection: redis });
      try {
        await queue.remove(batchJobId(runId, 2));
      } finally {
        await queue.close();
      }
      output.stdout = output.stderr = '';
      expect(await produceCommand.run(parseFlags(produceCommand.flags, flags), [SAMPLE])).toBe(1);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(output.stdout).toMatch(new RegExp(`run ${runId}: already produced, 15 batches of 243 records; 14 failed batches re-queued \\(0, 1, 3, 4, `));
    expect(output.stderr).toMatch(/failed batch 2 cannot be retried: its job is no longer in Redis \(failed jobs are kept 7 days\)/);
  }, 60_000);

  it('status --watch stops with exit 1 on a run with failed batches', async () => {
    const runId = unique('run');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    const failed = await produceFailingRun(runId, queueName, out);
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const code = await Promise.race([
        statusCommand.run(parseFlags(statusCommand.flags, { redis: server.url, queue: queueName, run: runId, watch: '0.1' }), []),
        sleep(5000).then(() => 'still watching'),
      ]);
      expect(code).toBe(1);
    } finally {
      write.mockRestore();
    }
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(new RegExp(`batches: +\\d+ done, ${failed.length} failed`));
    expect(written[0]).toMatch(new RegExp(`failed batch ${failed[0]}: `));
    expect(written[0]).toMatch(/run crawlsift produce again/);
  }, 60_000);
});

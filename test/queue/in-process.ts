// What the in-process queue tests share: the input, the hash stand-in for the model and its routing,
// unique run and queue names, the context a batch job runs in, and the local run queue runs must match.
import { join } from 'node:path';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { runLocalFilter } from '../../src/executors/local/local-executor.js';
import { processBatchJob, type BatchJobContext } from '../../src/executors/queue/batch-job.js';
import { InlineBatchRunner } from '../../src/pipeline/batch-runner.js';
import { RunStore } from '../../src/executors/queue/run-store.js';
import { HashScorer } from './fake-scorer.js';

export const SAMPLE = 'fixtures/sample-crawl.jsonl.gz';
export const MODEL = { name: 'hash-stand-in', hash: 'f'.repeat(64) };
export const THRESHOLDS = { low: 0.3, high: 0.7 };
export const SHARD_BYTES = 40_000;

let nextId = 0;
/** A name no other test of this process uses (runs and queues share one Redis). */
export const unique = (what: string): string => `${what}-${process.pid}-${nextId++}`;

/** A batch job's context against `redis`, the pipeline scoring with `scorer` in this thread. */
export function batchContext(redis: Redis, scorer = new HashScorer()): BatchJobContext {
  const runner = new InlineBatchRunner(scorer);
  return { store: (id) => new RunStore(redis, id), spec: (id) => new RunStore(redis, id).requireSpec(), runner: async () => runner };
}

/** A BullMQ worker in this process running batch jobs with the hash stand-in; close it at the end. */
export function startInProcessWorker(redis: Redis, queueName: string): Worker {
  const context = batchContext(redis);
  const worker = new Worker(queueName, (job) => processBatchJob(job, context), { connection: redis, concurrency: 2 });
  worker.on('error', () => undefined);
  return worker;
}

/** The local executor's shards of `SAMPLE` under `dir`/local, with the stand-in model: what a queue run must match. */
export async function localReferenceRun(dir: string): Promise<string> {
  const outDir = join(dir, 'local');
  await runLocalFilter({ inputs: [SAMPLE], outDir, model: MODEL, thresholds: THRESHOLDS, scorer: new HashScorer(), shardBytes: SHARD_BYTES, batchDocs: 50 });
  return outDir;
}

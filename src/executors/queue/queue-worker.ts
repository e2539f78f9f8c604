import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BackendPreference } from '../../classifier/backend-name.js';
import { getLogger } from '../../logger.js';
import type { BatchRunner } from '../../pipeline/batch-runner.js';
import { ThreadedBatchRunner } from '../../pipeline/batch-threads.js';
import { ThreadDiedError } from '../../threads/worker-pool.js';
import { processBatchJob, rejectFailedBatchJob } from './batch-job.js';
import { asJobError, isWorkerSetupError, UnrecoverableJobError } from './job-errors.js';
import { parseBatchJobId, DEFAULT_QUEUE_NAME } from './run-keys.js';
import type { BatchRecord, RunSpec } from './run-spec.js';
import { OutageLog } from './redis-connection.js';
import { BatchOnOtherQueueError } from './run-queue.js';
import { RunStore } from './run-store.js';

export interface QueueWorkerOptions {
  /** A connection made by `connectRedis` (BullMQ duplicates it for its blocking calls). */
  redis: Redis;
  /** BullMQ queue name. @defaultValue 'crawlsift' */
  queueName: string;
  /** Batch threads, each holding the model and running the pipeline on one batch at a time. @defaultValue 1 */
  concurrency: number;
  /**
   * Batches taken per batch thread. Above 1, the next batch waits at the thread while this one is
   * written and completed, so the thread never idles between batches (as the local executor keeps
   * `2 x threads` batches in flight). @defaultValue 2
   */
  batchesPerThread: number;
  /** Load the model from here instead of the directory the run recorded (its hash must match). */
  modelDir?: string;
  /** Scoring backend, overriding the run's. */
  backend?: BackendPreference;
  /** How long a batch's lock lasts without renewal, milliseconds: a killed worker's batch is retried after about this long. @defaultValue 30_000 */
  lockDurationMs: number;
  /** How often this worker looks for stalled batches (of killed workers), milliseconds. @defaultValue 30_000 */
  stalledIntervalMs: number;
  /** Times a batch may stall (its worker died) before it counts as failed. @defaultValue 5 */
  maxStalledCount: number;
  /** While Redis is unreachable, log its error at most this often, milliseconds. @defaultValue 30_000 */
  outageLogIntervalMs: number;
  /**
   * Where batches are processed. @defaultValue batch threads (`ThreadedBatchRunner`, `concurrency`
   * of them), started on the first batch and started afresh when one dies
   */
  runner?: BatchRunner;
}

export const DEFAULT_QUEUE_WORKER_OPTIONS: Omit<QueueWorkerOptions, 'redis'> = {
  queueName: DEFAULT_QUEUE_NAME,
  concurrency: 1,
  batchesPerThread: 2,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 5,
  outageLogIntervalMs: 30_000,
};

/**
 * A BullMQ worker for batch jobs of any run. The pipeline runs on batch threads (`concurrency`
 * threads, a run's model loaded once per thread; `batchesPerThread` batches taken per thread), so
 * the event loop that renews batch locks is never blocked by the model. `close()` lets active
 * batches finish, then stops the threads.
 */
export class QueueWorker {
  private readonly options: QueueWorkerOptions;
  private readonly specs = new Map<string, Promise<RunSpec>>();
  private runner: Promise<BatchRunner> | undefined;
  private readonly worker: Worker;
  private closing: Promise<void> | undefined;
  private processed = 0;
  private readonly onRedisReady: () => void;

  constructor(options: Partial<QueueWorkerOptions> & { redis: Redis }) {
    this.options = { ...DEFAULT_QUEUE_WORKER_OPTIONS, ...options };
    const log = getLogger();
    this.worker = new Worker(this.options.queueName, (job) => this.process(job), {
      connection: this.options.redis,
      concurrency: this.options.concurrency * this.options.batchesPerThread,
      lockDuration: this.options.lockDurationMs,
      stalledInterval: this.options.stalledIntervalMs,
      maxStalledCount: this.options.maxStalledCount,
      autorun: true,
    });
    // While Redis is down, BullMQ reports an error on every reconnect attempt: log the first, then
    // one every `outageLogIntervalMs`, and a line when the connection is back.
    const outage = new OutageLog(this.options.outageLogIntervalMs);
    this.worker.on('error', (error) => {
      if (this.options.redis.status === 'ready' && !outage.down) {
        log.warn({ err: error.message }, 'queue worker error');
        return;
      }
      const report = outage.error(error.message);
      if (report?.kind === 'first') log.warn({ err: report.message }, `cannot reach Redis (${report.message}), retrying`);
      else if (report) {
        log.warn({ err: report.message, downForS: Math.round(report.downForMs / 1000), suppressed: report.suppressed }, `still cannot reach Redis (${report.message}), retrying`);
      }
    });
    this.onRedisReady = () => {
      const back = outage.recovered();
      if (back) log.warn({ downForS: Math.round(back.downForMs / 1000) }, 'reconnected to Redis');
    };
    this.options.redis.on('ready', this.onRedisReady);
    this.worker.on('failed', (job, error) => log.warn({ job: job?.id, attempt: job?.attemptsMade, err: error.message }, 'batch failed'));
  }

  /** Batches this worker finished. */
  get batchesProcessed(): number {
    return this.processed;
  }

  /** Resolves once the worker is connected and waiting for jobs. */
  async waitUntilReady(): Promise<void> {
    await this.worker.waitUntilReady();
  }

  /** Stops taking batches, lets active ones finish, releases the scoring threads. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.doClose();
    return this.closing;
  }

  /**
   * Gives up on the active batches (their locks expire and other workers retry them): stops the batch
   * threads and the worker's connections without waiting for Redis. For a close that cannot wait.
   */
  async abandon(): Promise<void> {
    const runner = this.runner ? await this.runner.catch(() => undefined) : undefined;
    await Promise.allSettled([runner?.close(), this.worker.disconnect()]);
  }

  private async doClose(): Promise<void> {
    const results = await Promise.allSettled([this.worker.close()]);
    this.options.redis.off('ready', this.onRedisReady);
    const runner = this.runner ? await this.runner.catch(() => undefined) : undefined;
    await runner?.close().catch(() => undefined);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }

  private async process(job: Job): Promise<BatchRecord> {
    const log = getLogger();
    try {
      let runner: BatchRunner | undefined;
      const record = await processBatchJob(job, {
        store: (runId) => new RunStore(this.options.redis, runId),
        spec: (runId) => this.spec(runId),
        runner: async () => (runner = await this.batchRunner()),
        override: { modelDir: this.options.modelDir, backend: this.options.backend },
      }).catch((error: unknown) => {
        // A dead batch thread took its pool down: the next batch starts a fresh one.
        if (error instanceof ThreadDiedError && runner) this.dropRunner(runner);
        throw asJobError(error);
      });
      this.processed += 1;
      log.info({ job: job.id, result: record.result }, 'batch done');
      return record;
    } catch (error) {
      const ids = parseBatchJobId(job.id);
      const lastAttempt = error instanceof UnrecoverableJobError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      // Not this run's queue: the run's batches are tracked on its own queue, where this job is not,
      // so its record is left alone (the 'failed' handler logs the refusal).
      if (ids && lastAttempt && !(error instanceof BatchOnOtherQueueError)) await this.giveUp(job, ids, error as Error);
      throw error;
    }
  }

  /**
   * A batch's last attempt failed. When it was the batch that failed (not this worker's set-up:
   * a model that is not the run's), its records are rejected as `processing-failed` and it counts as
   * done, so the run can finish; otherwise, or when that fails too, it is marked failed for `produce`
   * to re-queue once the cause is fixed.
   */
  private async giveUp(job: Job, ids: { runId: string; batch: number }, error: Error): Promise<void> {
    const store = new RunStore(this.options.redis, ids.runId);
    const code = (error as { code?: unknown }).code;
    if (!isWorkerSetupError(error)) {
      const context = { store: () => store, spec: (runId: string) => this.spec(runId), runner: () => this.batchRunner() };
      const failure = { message: error.message, ...(typeof code === 'string' ? { code } : {}) };
      const rejected = await rejectFailedBatchJob(job, context, failure).catch(() => undefined);
      if (rejected) {
        getLogger().warn({ job: job.id, rejected: rejected.result.shards.rejected, err: error.message }, 'batch failed on every attempt: its records are rejected as processing-failed');
        return;
      }
    }
    await store.recordBatchFailed(ids.batch, error.message).catch(() => undefined);
  }

  private batchRunner(): Promise<BatchRunner> {
    if (this.options.runner) return Promise.resolve(this.options.runner);
    this.runner ??= ThreadedBatchRunner.start(this.options.concurrency);
    // Threads that failed to start are tried again on the next batch, not kept as broken.
    this.runner.catch(() => (this.runner = undefined));
    return this.runner;
  }

  private dropRunner(runner: BatchRunner): void {
    if (runner === this.options.runner) return;
    const current = this.runner;
    // Only if no other batch has started a fresh one meanwhile.
    void current?.then((r) => {
      if (r === runner && this.runner === current) this.runner = undefined;
    }, () => undefined);
    runner.close().catch(() => undefined);
  }

  private spec(runId: string): Promise<RunSpec> {
    let spec = this.specs.get(runId);
    if (!spec) {
      spec = new RunStore(this.options.redis, runId).requireSpec();
      spec.catch(() => this.specs.delete(runId));
      this.specs.set(runId, spec);
    }
    return spec;
  }
}

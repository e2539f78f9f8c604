import { Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { BackendPreference } from '../classifier/backend-name.js';
import { readVerifiedModel } from '../classifier/verified-model.js';
import { getLogger } from '../logger.js';
import { CrawlsiftError } from '../errors.js';
import type { Scorer } from '../pipeline/scorer.js';
import { ThreadPoolScorer } from '../pipeline/thread-pool-scorer.js';
import { processBatch } from './batch-processor.js';
import { parseBatchJobId, DEFAULT_QUEUE_NAME } from './run-keys.js';
import type { BatchCounts, RunSpec } from './run-spec.js';
import { OutageLog } from './redis-connection.js';
import { BatchOnOtherQueueError } from './run-queue.js';
import { RunStore } from './run-store.js';

export interface QueueWorkerOptions {
  /** A connection made by `connectRedis` (BullMQ duplicates it for its blocking calls). */
  redis: Redis;
  /** BullMQ queue name. @defaultValue 'crawlsift' */
  queueName: string;
  /** Scoring threads, each holding the model: batches scored at once. @defaultValue 1 */
  concurrency: number;
  /**
   * Batches taken per scoring thread. Above 1, the next batch waits at the thread while this one is
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
 * A BullMQ worker for batch jobs of any run. Scoring runs on a thread pool (`concurrency` threads,
 * model loaded once per run model; `batchesPerThread` batches taken per thread), so the event loop
 * that renews batch locks is never blocked by the model. `close()` lets active batches finish, then stops the threads.
 */
export class QueueWorker {
  private readonly options: QueueWorkerOptions;
  private readonly specs = new Map<string, Promise<RunSpec>>();
  private readonly scorers = new Map<string, Promise<Scorer>>();
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

  private async doClose(): Promise<void> {
    const results = await Promise.allSettled([this.worker.close()]);
    this.options.redis.off('ready', this.onRedisReady);
    const scorers = await Promise.allSettled([...this.scorers.values()]);
    await Promise.allSettled(scorers.flatMap((s) => (s.status === 'fulfilled' ? [s.value.close()] : [])));
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }

  private async process(job: Job): Promise<BatchCounts> {
    const log = getLogger();
    try {
      const counts = await processBatch(job, {
        store: (runId) => new RunStore(this.options.redis, runId),
        spec: (runId) => this.spec(runId),
        scorer: async (spec) => this.evictOnFailure(spec, await this.scorer(spec)),
      });
      this.processed += 1;
      log.info({ job: job.id, counts }, 'batch done');
      return counts;
    } catch (error) {
      const ids = parseBatchJobId(job.id);
      // Not this run's queue: the run's batches are tracked on its own queue, where this job is not,
      // so its record is left alone (the 'failed' handler logs the refusal).
      if (ids && !(error instanceof BatchOnOtherQueueError) && job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await new RunStore(this.options.redis, ids.runId).recordBatchFailed(ids.batch, (error as Error).message).catch(() => undefined);
      }
      throw error;
    }
  }

  /** A scorer whose thread died fails every later batch: drop it so the next batch starts a fresh one. */
  private evictOnFailure(spec: RunSpec, scorer: Scorer): Scorer {
    return {
      score: (texts) =>
        scorer.score(texts).catch(async (error: Error) => {
          const key = this.scorerKey(spec);
          if (/thread exited|scorer is closed/.test(error.message) && this.scorers.has(key)) {
            this.scorers.delete(key);
            await scorer.close().catch(() => undefined);
          }
          throw error;
        }),
      close: () => scorer.close(),
    };
  }

  private scorerKey(spec: RunSpec): string {
    return `${this.options.modelDir ?? spec.modelDir}\0${this.options.backend ?? spec.backend}\0${spec.model.hash}`;
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

  private scorer(spec: RunSpec): Promise<Scorer> {
    const modelDir = this.options.modelDir ?? spec.modelDir;
    const backend = this.options.backend ?? spec.backend;
    const key = this.scorerKey(spec);
    let scorer = this.scorers.get(key);
    if (!scorer) {
      scorer = (async () => {
        const ref = await readVerifiedModel(modelDir);
        if (ref.hash !== spec.model.hash) {
          throw new CrawlsiftError('model-mismatch', `the model in ${modelDir} has hash ${ref.hash.slice(0, 12)}, the run was produced with ${spec.model.hash.slice(0, 12)}; pass --model <dir> holding the run's model`);
        }
        return ThreadPoolScorer.start(this.options.concurrency, { modelDir, backend });
      })();
      // A model that failed to load is tried again on the next batch, not cached as broken.
      scorer.catch(() => this.scorers.delete(key));
      this.scorers.set(key, scorer);
    }
    return scorer;
  }
}

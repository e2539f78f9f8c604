import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Job, Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { CanarySource } from '../../canaries/canary-source.js';
import { mixCanaries } from '../../canaries/mix-canaries.js';
import type { BackendPreference } from '../../classifier/backend-name.js';
import { readInputs, resolveInputs, STDIN_PATH, type InputFile, type ResolveOptions } from '../../documents/index.js';
import { DEFAULT_READER_OPTIONS, type ReadItem, type ReaderOptions } from '../../documents/types.js';
import { CrawlsiftError, UsageError } from '../../errors.js';
import type { DedupSettings } from '../../dedup/dedup-settings.js';
import { PIPELINE } from '../../pipeline/pipeline.js';
import { runShards } from '../../pipeline/run-step.js';
import type { RunProgress } from '../../pipeline/run-progress.js';
import { checkOutputApartFromInputs, prepareOutputDir } from '../../pipeline/output/output-dir.js';
import { DEFAULT_SHARD_OPTIONS } from '../../pipeline/output/shard-assembler.js';
import type { ModelRef, Thresholds } from '../../routing/index.js';
import type { ScopeSettings } from '../../scope/options.js';
import { BatchBuilder, DEFAULT_BATCH_LIMITS } from '../../pipeline/batch-builder.js';
import { packBatchItems } from '../../pipeline/packed-items.js';
import { faultPoint } from './fault-injection.js';
import { HeapTrimmer } from './heap-trimmer.js';
import { removePartFiles } from './part-files.js';
import { ProducerHeartbeat, type ProducerHeartbeatOptions } from './producer-heartbeat.js';
import { QueueRun } from './queue-run.js';
import { batchJobId, DEFAULT_QUEUE_NAME, parseBatchJobId } from './run-keys.js';
import { runPipelineSettings, type BatchPayload, type RunSpec } from './run-spec.js';
import { retryWhenAborted } from './redis-connection.js';
import { RunStore, type ProducerPosition } from './run-store.js';

export interface ProducerOptions {
  redis: Redis;
  runId: string;
  inputs: string[];
  outDir: string;
  modelDir: string;
  model: ModelRef;
  thresholds: Thresholds;
  /** Scoring backend the workers use. @defaultValue 'auto' */
  backend?: BackendPreference;
  /** BullMQ queue name. @defaultValue 'crawlsift' */
  queueName?: string;
  reader?: Partial<Omit<ReaderOptions, 'onBytes' | 'stdin'>>;
  /** Shard rotation size for `finalize`, uncompressed bytes. @defaultValue 256 MiB */
  shardBytes?: number;
  /** Read items per batch job. @defaultValue 256 */
  batchDocs?: number;
  /** Text bytes per batch job. @defaultValue 4 MiB */
  batchBytes?: number;
  /** Wait while the queue holds more than this many waiting, active or delayed batches. @defaultValue 32 */
  maxQueued?: number;
  /** Tries per batch before it counts as failed. @defaultValue 3 */
  attempts?: number;
  /** First retry delay (exponential backoff), milliseconds. @defaultValue 1000 */
  retryDelayMs?: number;
  /** Replace the shards of a previous run in `outDir` when the run is new. @defaultValue false */
  overwrite?: boolean;
  /** Batches per addBulk call. @defaultValue 8 */
  bulkBatches?: number;
  /** How often to look at the queue depth while it is full, milliseconds. @defaultValue 200 */
  pollMs?: number;
  /** Collect garbage after an addBulk once the heap holds this many MB (see `HeapTrimmer`); 0 never. @defaultValue 40 */
  heapTrimMb?: number;
  /**
   * Labeled documents to mix into the batches (`--canaries`): routed by the workers like any
   * document, tallied in the manifest's `canaries` block, never written to a shard. `file` and
   * `seed` identify them in the run record, so a restarted producer must be given the same.
   */
  canaries?: { source: CanarySource; file: string; seed: number };
  /** Duplicate removal (`--dedup`); `mode: 'off'` or absent: none. */
  dedup?: DedupSettings;
  onProgress?: (progress: RunProgress) => void;
  /** Hears of the files of an input directory or glob left out as of no known format (see `resolveInputs`). */
  onSkippedInputs?: ResolveOptions['onSkipped'];
  /** What the model judges; the rest goes to `unscored/` (see `PipelineSettings.scope`). @defaultValue null: every document is scored */
  scope?: ScopeSettings | null;
  /** The heartbeat that tells `finalize --wait` and `status` this producer is running. @defaultValue {@link DEFAULT_PRODUCER_HEARTBEAT} */
  heartbeat?: Partial<ProducerHeartbeatOptions>;
}

export interface ProduceResult {
  runId: string;
  /** Batches the run has in all. */
  batches: number;
  /** Read items (documents and rejected records) in all. */
  items: number;
  /** True when this call found the run already fully produced. */
  alreadyProduced: boolean;
  /** True when this call resumed a run an earlier producer had started. */
  resumed: boolean;
  /** Failed batches of an existing run that this call re-queued (see `retryFailedBatches`). */
  retried: number[];
  /** Failed batches this call could not re-queue, and why. */
  notRetried: NotRetriedBatch[];
}

/** A failed batch that `produce` could not re-queue. */
export interface NotRetriedBatch {
  batch: number;
  /** 'job-gone': its BullMQ job is no longer in Redis; 'still-active': its last attempt is still running. */
  reason: 'job-gone' | 'still-active';
  /** The error of its last attempt, when known. */
  error?: string;
}

/** How long BullMQ keeps a failed batch job (removeOnFail), seconds: the window in which it can be retried. */
export const FAILED_JOB_KEEP_SECONDS = 7 * 24 * 3600;

interface PendingBatch {
  batch: number;
  items: ReadItem[];
  /** Read items consumed once this batch is in the queue. */
  consumedAfter: number;
}

/**
 * The queue executor's producer: records the run in Redis, reads the inputs with the same readers
 * as the local executor, and adds batch jobs `<run>.<batch>` with addBulk, waiting while the
 * queue is full. After every addBulk it saves its position (items consumed, next batch), so a
 * restarted producer skips what it had added; batches already done are never added again. While it
 * runs it keeps a heartbeat in Redis (see `ProducerHeartbeat`). A run belongs to the queue it was
 * first produced on: another queue is refused (`run-queue-mismatch`).
 */
export async function runProducer(options: ProducerOptions): Promise<ProduceResult> {
  const run = QueueRun.open(options.redis, options.runId, options.queueName);
  const { id: runId, queueName } = run;
  const files = await resolveInputs(options.inputs, { onSkipped: options.onSkippedInputs });
  if (files.some((f) => f.path === STDIN_PATH)) {
    throw new UsageError('the queue executor cannot read stdin: a restarted producer must be able to read its inputs again');
  }
  const reader = { ...DEFAULT_READER_OPTIONS, ...options.reader };
  const wanted: RunSpec = {
    version: 1,
    queue: queueName,
    // Workers run elsewhere, in other working directories: the paths they use must not be relative.
    outDir: resolve(options.outDir),
    modelDir: resolve(options.modelDir),
    model: { name: options.model.name, hash: options.model.hash },
    backend: options.backend ?? 'auto',
    thresholds: options.thresholds,
    reader: { textField: reader.textField, idField: reader.idField, maxDocBytes: reader.maxDocBytes },
    shardBytes: options.shardBytes ?? DEFAULT_SHARD_OPTIONS.shardBytes,
    inputs: files.map((f) => f.path),
    totalBytes: files.reduce((sum, f) => sum + (f.size ?? 0), 0),
    batchDocs: options.batchDocs ?? DEFAULT_BATCH_LIMITS.batchDocs,
    batchBytes: options.batchBytes ?? DEFAULT_BATCH_LIMITS.batchBytes,
    attempts: options.attempts ?? 3,
    retryDelayMs: options.retryDelayMs ?? 1000,
    ...(options.canaries ? { canaries: { file: options.canaries.file, rate: options.canaries.source.rate, seed: options.canaries.seed } } : {}),
    scope: options.scope ?? null,
    ...(options.dedup && options.dedup.mode !== 'off' ? { dedup: options.dedup } : {}),
    createdAt: new Date().toISOString(),
  };

  const existing = await run.recordedSpec();
  if (existing) {
    checkSameRun(runId, existing, wanted);
  } else {
    await checkOutputApartFromInputs(options.outDir, options.inputs, wanted.inputs);
    await prepareOutputDir(options.outDir, options.overwrite ?? false, runShards(runPipelineSettings(wanted), PIPELINE));
    await removePartFiles(options.outDir);
  }
  // Beating before the run exists: a finalize that sees the run never sees it without its producer.
  const heartbeat = await ProducerHeartbeat.start(options.redis, runId, options.heartbeat);
  try {
    return await produceRun(options, { run, files, reader, record: existing ?? wanted });
  } finally {
    await heartbeat.stop();
  }
}

/** A run the producer has checked against Redis: what `produceRun` works from. */
interface CheckedRun {
  run: QueueRun;
  files: InputFile[];
  reader: ReaderOptions;
  /** The spec to record when the run is new (the run's own when it exists). */
  record: RunSpec;
}

/** The producer once its run is checked: records it, re-queues failed batches, adds the rest. */
async function produceRun(options: ProducerOptions, run: CheckedRun): Promise<ProduceResult> {
  const { files, reader } = run;
  const { id: runId, queueName, store } = run.run;
  const { spec, created } = await store.createOrGetSpec(run.record);
  // Another producer may have recorded the run since it was checked.
  run.run.check(spec);
  const state = await store.getState();
  // A run started earlier may have batches that failed their last attempt: re-queue them first.
  const retry = created ? { retried: [], notRetried: [] } : await retryWhenAborted(() => retryFailedBatches(options.redis, runId, state.position.nextBatch, queueName));
  if (state.batches !== undefined) {
    return { runId, batches: state.batches, items: state.position.consumed, alreadyProduced: true, resumed: !created, ...retry };
  }

  const maxQueued = options.maxQueued ?? 32;
  const bulkBatches = Math.max(1, Math.min(options.bulkBatches ?? 8, maxQueued));
  const pollMs = options.pollMs ?? 200;
  const jobOptions: JobsOptions = {
    attempts: spec.attempts,
    backoff: { type: 'exponential', delay: spec.retryDelayMs },
    // Completed jobs go at once (the :done set and :counts hash keep what finalize needs), so Redis
    // memory stays flat; failed ones stay a week for status and finalize to report.
    removeOnComplete: true,
    removeOnFail: { age: FAILED_JOB_KEEP_SECONDS },
  };
  const queue = new Queue(queueName, { connection: options.redis });
  queue.on('error', () => undefined);

  const position: ProducerPosition = { ...state.position };
  const skip = position.consumed;
  let read = 0;
  let bytes = 0;
  const pending: PendingBatch[] = [];
  const heapTrimMb = options.heapTrimMb ?? 40;
  const trimmer = heapTrimMb > 0 ? new HeapTrimmer(heapTrimMb * 1024 * 1024) : undefined;
  const builder = new BatchBuilder({ batchDocs: spec.batchDocs, batchBytes: spec.batchBytes });
  const report = () => options.onProgress?.({ read, written: position.consumed, bytes, totalBytes: spec.totalBytes });

  const waitForRoom = async () => {
    for (;;) {
      const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
      const queued = Object.values(counts).reduce((sum, n) => sum + n, 0);
      if (queued + pending.length <= maxQueued) return;
      report();
      await sleep(pollMs);
    }
  };
  // Repeatable whole: each batch is checked (queued or done) before it is added under its fixed id,
  // and the position is saved only after the add, so a retry after an aborted pipeline adds nothing twice.
  const addPending = () => retryWhenAborted(addPendingOnce);
  const addPendingOnce = async () => {
    if (pending.length === 0) return;
    await waitForRoom();
    const jobs = [];
    for (const batch of pending) {
      // After a crash these batches may already be queued, running or done. Check the job first and
      // the done mark second: a worker sets the mark before BullMQ removes the completed job, so a
      // job missing at the first check is either done (caught by the second) or was never added.
      // The other order races a worker finishing in between and queues the batch twice.
      const jobId = batchJobId(runId, batch.batch);
      if ((await queue.getJobState(jobId)) !== 'unknown') continue;
      if (await store.isDone(batch.batch)) continue;
      const data: BatchPayload = { run: runId, batch: batch.batch, items: packBatchItems(batch.items) };
      jobs.push({ name: 'batch', data, opts: { ...jobOptions, jobId } });
    }
    if (jobs.length > 0) await queue.addBulk(jobs);
    faultPoint('producer-after-add');
    const last = pending[pending.length - 1]!;
    position.consumed = last.consumedAfter;
    position.nextBatch = last.batch + 1;
    position.bytes = bytes;
    await store.savePosition(position);
    pending.length = 0;
    trimmer?.maybeTrim();
    report();
  };
  const push = async (items: ReadItem[]) => {
    pending.push({ batch: position.nextBatch + pending.length, items, consumedAfter: read });
    if (pending.length >= bulkBatches) await addPending();
  };

  try {
    // Canaries are mixed in deterministically (seeded, after a fixed count of crawl documents), so a
    // restarted producer rebuilds the same item stream and its saved position still points into it.
    const crawl = readInputs(files, { ...reader, onBytes: (n) => (bytes += n) });
    for await (const item of options.canaries ? mixCanaries(crawl, options.canaries.source) : crawl) {
      read += 1;
      if (read <= skip) continue;
      const batch = builder.add(item);
      if (batch) await push(batch);
    }
    const last = builder.flush();
    if (last) await push(last);
    await addPending();
    if (read < skip) {
      throw new CrawlsiftError('run-inputs-changed', `run ${runId} had read ${skip} records but its inputs now hold ${read}: the inputs changed since the run started`);
    }
    position.bytes = bytes;
    await retryWhenAborted(() => store.markProduced(position));
    report();
  } finally {
    await queue.close().catch(() => undefined);
  }
  return { runId, batches: position.nextBatch, items: position.consumed, alreadyProduced: false, resumed: !created, ...retry };
}

/** Done, and not by rejecting its records after it failed. */
async function isDoneWithout(store: RunStore, batch: number): Promise<boolean> {
  return (await store.isDone(batch)) && !(await store.batchRecord(batch))?.failed;
}

/**
 * Re-queues the failed batches among batches 0..batches-1 of run `runId`: those with a failed mark
 * in the run store, those whose records were rejected (`processing-failed`) after their every
 * attempt failed, and those whose job BullMQ holds as failed (a batch that stalled too often has
 * no mark). For each, the mark is cleared and the job moved back to waiting with its attempt
 * counters reset (BullMQ's `job.retry('failed')`), so it gets its full `--attempts` again; a
 * re-processed batch replaces its rejected records.
 *
 * Safe against workers and other producers doing the same: a batch done otherwise is never touched; a
 * batch's retry is one atomic BullMQ script that moves the job only if it is still in the failed
 * set, so concurrent or repeated calls re-queue it once and a call that finds nothing failed does
 * nothing. A marked batch whose job is gone (BullMQ drops failed jobs after
 * `FAILED_JOB_KEEP_SECONDS`) keeps its mark and is reported as 'job-gone'; one whose last attempt
 * is still running (mark set, job not yet moved to failed) is reported as 'still-active'.
 */
export async function retryFailedBatches(redis: Redis, runId: string, batches: number, queueName = DEFAULT_QUEUE_NAME): Promise<{ retried: number[]; notRetried: NotRetriedBatch[] }> {
  const store = new RunStore(redis, runId);
  const retried: number[] = [];
  const notRetried: NotRetriedBatch[] = [];
  const rejected = await store.rejectedBatches();
  const done = new Set([...(await store.doneBatches())].filter((batch) => !rejected.has(batch)));
  const failures = await store.failures();
  if (done.size >= batches && failures.size === 0 && rejected.size === 0) return { retried, notRetried };
  const queue = new Queue(queueName, { connection: redis });
  queue.on('error', () => undefined);
  try {
    // The candidates: marked batches, and this run's jobs in BullMQ's failed set; not every batch of
    // the run (a resumed run of 100,000 batches would cost two round trips each).
    const candidates = new Set([...failures.keys(), ...rejected]);
    for (const failedJob of await queue.getJobs(['failed'])) {
      const ids = parseBatchJobId(failedJob?.id);
      if (ids?.runId === runId && ids.batch < batches) candidates.add(ids.batch);
    }
    for (const batch of [...candidates].sort((a, b) => a - b)) {
      if (done.has(batch)) continue;
      const marked = failures.get(batch);
      const job = await Job.fromId(queue, batchJobId(runId, batch));
      const state = job ? await job.getState() : 'unknown';
      if (state !== 'failed') {
        // Gone or never failed: only a marked batch needs saying (and a done one is not failed).
        if (marked === undefined || (await isDoneWithout(store, batch))) continue;
        if (state === 'unknown') notRetried.push({ batch, reason: 'job-gone', error: marked });
        else if (state === 'active') notRetried.push({ batch, reason: 'still-active', error: marked });
        continue;
      }
      // Clear the mark first: if the retried batch fails again at once, its new mark must survive. A
      // batch whose records were rejected leaves the done set, so finalize waits for it again.
      await store.clearBatchFailed(batch);
      const reopened = rejected.has(batch) ? await store.reopenRejectedBatch(batch) : undefined;
      try {
        await job!.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        retried.push(batch);
      } catch (error) {
        // Not in the failed set any more: another producer retried it, or BullMQ removed it meanwhile.
        const now = await queue.getJobState(batchJobId(runId, batch));
        if (now !== 'unknown' && now !== 'failed') continue;
        if (await isDoneWithout(store, batch)) continue;
        const message = marked ?? (job!.failedReason || (error as Error).message);
        // Not re-queued after all: its rejected records stand, as they were.
        if (reopened) await store.recordBatchDone(batch, reopened);
        await store.restoreBatchFailed(batch, message);
        if (now === 'failed') throw error;
        notRetried.push({ batch, reason: 'job-gone', error: message });
      }
    }
  } finally {
    await queue.close().catch(() => undefined);
  }
  return { retried, notRetried };
}

/** The fields of a run spec a restarted producer must share with the run, and the flags that set them. */
const RUN_FLAGS = {
  outDir: '--out',
  model: '--model',
  thresholds: '--low/--high/--thresholds',
  reader: '--text-field/--id-field/--max-doc-bytes',
  shardBytes: '--shard-size',
  inputs: 'the inputs',
  batchDocs: '--batch-docs',
  batchBytes: '--batch-bytes',
  canaries: '--canaries/--canary-rate/--canary-seed',
  scope: '--languages/--min-words',
  dedup: '--dedup/--dedup-shingle/--dedup-bands/--dedup-rows/--dedup-threshold',
} satisfies Partial<Record<keyof RunSpec, string>>;

/** A restarted producer must be producing the same run: same inputs, output, model, routing, batching. */
function checkSameRun(runId: string, existing: RunSpec, wanted: RunSpec): void {
  const differs = (Object.keys(RUN_FLAGS) as (keyof typeof RUN_FLAGS)[])
    .filter((f) => JSON.stringify(existing[f]) !== JSON.stringify(wanted[f]))
    .map((f) => RUN_FLAGS[f]);
  if (differs.length > 0) {
    throw new CrawlsiftError(
      'run-conflict',
      `run ${runId} already exists in Redis with other flags (${differs.join(', ')} ${differs.length === 1 ? 'differs' : 'differ'}); use a new --run id (or the original flags to resume it)`,
    );
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { CrawlsiftError } from '../../errors.js';
import { assembleRun } from '../../pipeline/assemble-run.js';
import { buildManifest, readManifestFile, writeManifest, type Manifest } from '../../pipeline/manifest.js';
import { prepareOutputDir } from '../../pipeline/output/output-dir.js';
import { PIPELINE } from '../../pipeline/pipeline.js';
import { runShards } from '../../pipeline/run-step.js';
import { removePartFiles } from './part-files.js';
import { ProducerWatch, producerStoppedMessage } from './producer-watch.js';
import { QueueRun } from './queue-run.js';
import { batchJobId } from './run-keys.js';
import { runPipelineSettings } from './run-spec.js';
import { formatSeconds, readRunStatus, type RunStatus } from './run-status.js';
import { RunStore, type RunState } from './run-store.js';

export interface FinalizeOptions {
  redis: Redis;
  runId: string;
  /** BullMQ queue name. @defaultValue 'crawlsift' */
  queueName?: string;
  /** Wait for the producer and every batch (done or failed) instead of refusing at once. @defaultValue false */
  wait?: boolean;
  /** How often to look while waiting, milliseconds. @defaultValue 500 */
  pollMs?: number;
  /** Keep `<out>/parts/` after merging. @defaultValue false */
  keepParts?: boolean;
  /**
   * With `wait`: give up (exit 1, `producer-not-running`) once the producer of the unfinished run has
   * not been running (no heartbeat) for this long, milliseconds; a restarted producer resets it.
   * @defaultValue Infinity: wait for a restart
   */
  producerTimeoutMs?: number;
  /** With `wait`: hears, once each time it stops, that the producer of the unfinished run is not running. */
  onProducerStopped?: (message: string) => void;
  /** With `wait`: hears the run's status at every look while the run is not settled (for progress lines). */
  onWait?: (status: RunStatus) => void;
}

export interface FinalizeResult {
  manifest: Manifest;
  /** The run's output directory, where the shards and manifest.json are. */
  outDir: string;
  /** True when an earlier finalize had already written the manifest. */
  alreadyFinalized: boolean;
}

/** A batch that is not done, with what BullMQ says about it. */
export interface MissingBatch {
  batch: number;
  /** BullMQ job state ('failed', 'waiting', 'active', 'delayed', ...), or 'unknown' when the job is gone. */
  state: string;
  /** The error of its last attempt, for failed batches. */
  error?: string;
}

/**
 * Ends a queue run: checks that the producer finished and every batch 0..n-1 is done (else exit 1
 * naming the missing and failed batches), assembles the shards from the batches' part files and
 * merges their results (`assembleRun`, which runs the run steps, as the local executor does for a
 * run with one) and writes `manifest.json` (`buildManifest`, `executor: 'queue'`). Running it again after success returns the
 * manifest it wrote.
 * With `wait` it first waits for the producer and every batch, telling `onWait` how the run goes and
 * `onProducerStopped` when the producer of the unfinished run is not running (see `ProducerWatch`).
 */
export async function finalizeRun(options: FinalizeOptions): Promise<FinalizeResult> {
  const run = QueueRun.open(options.redis, options.runId, options.queueName);
  const { id: runId, queueName, store } = run;
  let state = await recordedState(options, run);
  const { spec } = state;
  if (state.finalizedAt) {
    const existing = await readManifestFile(spec.outDir).catch(() => undefined);
    if (existing) return { manifest: existing, outDir: spec.outDir, alreadyFinalized: true };
  }
  const queue = new Queue(queueName, { connection: options.redis });
  queue.on('error', () => undefined);
  try {
    state = await settledState(options, store, queue);
  } finally {
    await queue.close().catch(() => undefined);
  }

  const batches = state.batches!;
  const records = await store.batchRecords();
  for (let batch = 0; batch < batches; batch++) {
    if (!records.has(batch)) throw new CrawlsiftError('batch-counts-missing', `run ${runId}: batch ${batch} is done but its counts are missing from Redis`);
  }
  const settings = runPipelineSettings(spec);
  const shards = runShards(settings, PIPELINE);
  await prepareOutputDir(spec.outDir, true, shards);
  const { result, shardFiles } = await assembleRun({ outDir: spec.outDir, shardBytes: spec.shardBytes, settings, batches, record: (batch) => records.get(batch)! });

  const manifest = buildManifest({
    result,
    model: spec.model,
    thresholds: spec.thresholds,
    inputs: spec.inputs,
    textField: spec.reader.textField,
    outDir: spec.outDir,
    shardFiles,
    executor: 'queue',
    shards,
    startedAt: new Date(spec.createdAt),
    finishedAt: new Date(),
    queue: { run: runId, batches },
  });
  await writeManifest(spec.outDir, manifest);
  await store.markFinalized(manifest.finishedAt);
  if (!options.keepParts) await removePartFiles(spec.outDir);
  return { manifest, outDir: spec.outDir, alreadyFinalized: false };
}

/**
 * The run's state. Without `wait` a run not in Redis is an error (`run-not-found`, exit 2); with it,
 * finalize may have started before the producer recorded the run (as docker-compose starts them
 * together), so it waits for the record, saying once through `onProducerStopped` when no producer of
 * the run is running either, and giving up after `producerTimeoutMs` of that (exit 1).
 */
async function recordedState(options: FinalizeOptions, run: QueueRun): Promise<RunState> {
  const { store } = run;
  if (!options.wait) return run.state();
  const producer = new ProducerWatch(options.producerTimeoutMs);
  for (;;) {
    const beat = await store.producerBeat();
    if ((await store.getSpec()) !== undefined) return run.state();
    const look = producer.look(beat !== undefined, Date.now());
    const message = `run ${store.runId} is not in Redis yet and no producer of it is running; crawlsift produce --run ${store.runId} starts it`;
    if (look === 'timed-out') {
      throw new CrawlsiftError('run-not-found', `${message}; gave up waiting for it after ${formatSeconds((options.producerTimeoutMs ?? 0) / 1000)}`, { exitCode: 1 });
    }
    if (look === 'stopped') options.onProducerStopped?.(message);
    await sleep(options.pollMs ?? 500);
  }
}

/**
 * The run's state once it can be finalized: the producer done and every batch done. Refuses (exit 1)
 * when it cannot be, at once without `wait`; with `wait`, only once every batch is done or failed,
 * meanwhile telling `onWait` how it goes and `onProducerStopped` when no producer is running.
 */
async function settledState(options: FinalizeOptions, store: RunStore, queue: Queue): Promise<RunState> {
  const { runId } = store;
  const pollMs = options.pollMs ?? 500;
  const producer = new ProducerWatch(options.producerTimeoutMs);
  for (;;) {
    // The beat before the state: a producer finishing between the two reads is seen finished, not stopped.
    const beat = options.wait ? await store.producerBeat() : undefined;
    const state = await store.getState();
    const missing = state.batches === undefined ? undefined : await missingBatches(store, queue, state.batches, Boolean(options.wait));
    const unsettled = missing === undefined || missing.some((m) => m.state !== 'failed');
    if (!options.wait || !unsettled) {
      if (missing === undefined) {
        throw new CrawlsiftError('run-not-produced', `run ${runId}: the producer has not finished (${state.position.nextBatch} batches so far); run crawlsift produce again to resume it`, { exitCode: 1 });
      }
      if (missing.length > 0) throw new CrawlsiftError('batches-missing', describeMissing(runId, missing, state.batches!), { exitCode: 1 });
      return state;
    }
    if (state.batches === undefined) {
      const look = producer.look(beat !== undefined, Date.now());
      if (look === 'timed-out') {
        const waited = formatSeconds((options.producerTimeoutMs ?? 0) / 1000);
        throw new CrawlsiftError('producer-not-running', `${producerStoppedMessage(runId)}; gave up waiting for it after ${waited}`, { exitCode: 1 });
      }
      if (look === 'stopped') options.onProducerStopped?.(producerStoppedMessage(runId));
    }
    if (options.onWait) options.onWait(await readRunStatus(options.redis, runId, queue.name));
    await sleep(pollMs);
  }
}

/** Batches 0..n-1 not in the run's done set, with their BullMQ state. */
export async function missingBatches(store: RunStore, queue: Queue, batches: number, stopAtUnsettled = false): Promise<MissingBatch[]> {
  const done = await store.doneBatches();
  const failures = await store.failures();
  const missing: MissingBatch[] = [];
  for (let batch = 0; batch < batches; batch++) {
    if (done.has(batch)) continue;
    const job = await queue.getJob(batchJobId(store.runId, batch));
    const state = job ? await job.getState() : 'unknown';
    const error = failures.get(batch) ?? (job?.failedReason || undefined);
    missing.push({ batch, state: failures.has(batch) ? 'failed' : state, ...(error ? { error } : {}) });
    // While waiting, one batch still in play is enough to know the run is not settled.
    if (stopAtUnsettled && missing[missing.length - 1]!.state !== 'failed') break;
  }
  if (!missing.some((m) => m.state === 'failed')) return missing;
  // A batch's last attempt records it done (its records rejected) before BullMQ marks its job
  // failed: one seen failed that is done by now finished between the two reads. (Only those: a
  // batch still in play stays, as the wait above stopped at it.)
  const doneSince = await store.doneBatches();
  return missing.filter((m) => !(m.state === 'failed' && doneSince.has(m.batch)));
}

function describeMissing(runId: string, missing: MissingBatch[], batches: number): string {
  const failed = missing.filter((m) => m.state === 'failed');
  const shown = missing.slice(0, 20).map((m) => `  batch ${m.batch}: ${m.state}${m.error ? ` (${m.error})` : ''}`);
  return [
    `run ${runId}: ${missing.length} of ${batches} batches are not done (${failed.length} failed); not finalizing`,
    ...shown,
    ...(missing.length > shown.length ? [`  ... and ${missing.length - shown.length} more`] : []),
    ...(failed.length > 0 ? [`fix the cause, then run crawlsift produce again with the run's flags (same --run) to re-queue the failed batches`] : []),
  ].join('\n');
}

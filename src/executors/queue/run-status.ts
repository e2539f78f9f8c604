import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QueueRun } from './queue-run.js';
import { DEFAULT_QUEUE_NAME } from './run-keys.js';

export interface RunStatus {
  runId: string;
  /** The BullMQ queue the run belongs to. */
  queueName: string;
  outDir: string;
  /** Jobs of the whole queue (every run that shares it), by BullMQ state. */
  queue: { waiting: number; active: number; delayed: number; failed: number };
  /** This run's batches. */
  batches: {
    /** Batches added so far. */
    produced: number;
    /** The run's batch count once the producer has read every input. */
    total: number | undefined;
    done: number;
    /** Batches that failed their last attempt, with the error. */
    failed: { batch: number; error: string }[];
    /** Done batches whose every attempt failed: their records are in rejected/ as processing-failed. */
    rejected: { batch: number; error: string }[];
  };
  /**
   * Read items (canaries included): added to the queue, in done batches, and expected in all (the
   * producer's count once it is done, before that estimated from the share of input bytes read;
   * undefined while nothing is read or the input size is unknown).
   */
  records: { produced: number; done: number; expected: number | undefined };
  /** Input bytes the producer has read, of the inputs' total. */
  bytes: { read: number; total: number };
  /** Records in done batches per second, from the run's start to now (or to its finalize). */
  docsPerSecond: number;
  /** Seconds until every record is done at the current rate (undefined until there is a rate). */
  etaSeconds: number | undefined;
  producerDone: boolean;
  /** Whether a producer of the run is running now (its heartbeat is in Redis), and which. */
  producer: { running: boolean; host?: string; pid?: number; startedAt?: string };
  finalizedAt: string | undefined;
}

/** A run's progress from Redis: what `crawlsift status` prints. */
export async function readRunStatus(redis: Redis, runId: string, queueName = DEFAULT_QUEUE_NAME): Promise<RunStatus> {
  const run = QueueRun.open(redis, runId, queueName);
  const { store } = run;
  // The beat before the state, as finalize reads them: a producer finishing in between is seen finished.
  const beat = await store.producerBeat();
  const state = await run.state();
  const queue = new Queue(queueName, { connection: redis });
  queue.on('error', () => undefined);
  let jobCounts: Record<string, number>;
  try {
    jobCounts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'failed');
  } finally {
    await queue.close().catch(() => undefined);
  }
  const doneBatches = await store.doneCount();
  const failures = await store.failures();
  const rejected = await Promise.all(
    [...(await store.rejectedBatches())].sort((a, b) => a - b).map(async (batch) => ({ batch, error: (await store.batchRecord(batch))?.failed?.message ?? '' })),
  );
  // Canaries count here as the producer's position counts them (read items), so done reaches produced.
  const doneRecords = await store.doneRecords();
  const end = state.finalizedAt ? new Date(state.finalizedAt).getTime() : Date.now();
  const seconds = Math.max((end - new Date(state.spec.createdAt).getTime()) / 1000, 1e-3);
  const docsPerSecond = doneRecords / seconds;
  const producerDone = state.batches !== undefined;
  const { consumed, bytes } = state.position;
  // Until the producer is done the record total is estimated from the share of input bytes read.
  const expected = producerDone ? consumed : bytes > 0 && state.spec.totalBytes > 0 ? Math.round((consumed * state.spec.totalBytes) / bytes) : undefined;
  const etaSeconds = docsPerSecond > 0 && expected !== undefined ? Math.max(expected - doneRecords, 0) / docsPerSecond : undefined;
  return {
    runId,
    queueName,
    outDir: state.spec.outDir,
    queue: {
      waiting: (jobCounts.wait ?? 0) + (jobCounts.prioritized ?? 0),
      active: jobCounts.active ?? 0,
      delayed: jobCounts.delayed ?? 0,
      failed: jobCounts.failed ?? 0,
    },
    batches: {
      produced: state.position.nextBatch,
      total: state.batches,
      done: doneBatches,
      failed: [...failures].sort((a, b) => a[0] - b[0]).map(([batch, error]) => ({ batch, error })),
      rejected,
    },
    records: { produced: consumed, done: doneRecords, expected },
    bytes: { read: bytes, total: state.spec.totalBytes },
    docsPerSecond,
    etaSeconds,
    producerDone,
    producer: beat ? { running: true, host: beat.host, pid: beat.pid, startedAt: beat.startedAt } : { running: false },
    finalizedAt: state.finalizedAt,
  };
}

/** The status as lines for people; every number says its unit. */
export function formatRunStatus(status: RunStatus): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const total = status.batches.total === undefined ? `${n(status.batches.produced)} so far, producer still reading` : n(status.batches.total);
  const eta = status.etaSeconds === undefined ? 'unknown' : formatSeconds(status.etaSeconds);
  const lines = [
    `run ${status.runId} -> ${status.outDir}`,
    `  batches:  ${n(status.batches.done)} done, ${n(status.batches.failed.length)} failed, of ${total}`,
    `  records:  ${n(status.records.done)} done of ${n(status.records.produced)} queued`,
    `  input:    ${(status.bytes.read / 1e6).toFixed(1)} MB read of ${(status.bytes.total / 1e6).toFixed(1)} MB`,
    `  queue:    ${n(status.queue.waiting)} waiting, ${n(status.queue.active)} active, ${n(status.queue.delayed)} delayed (retrying), ${n(status.queue.failed)} failed (all runs)`,
    `  rate:     ${status.docsPerSecond.toFixed(1)} documents/s; ETA ${status.finalizedAt ? 'done' : eta}`,
    `  state:    ${status.finalizedAt ? `finalized at ${status.finalizedAt}` : status.producerDone ? 'producer done' : 'producing'}`,
    `  producer: ${formatProducer(status)}`,
  ];
  for (const failed of status.batches.failed.slice(0, 20)) lines.push(`  failed batch ${failed.batch}: ${failed.error}`);
  for (const rejected of status.batches.rejected.slice(0, 20)) {
    lines.push(`  batch ${rejected.batch} failed every attempt, its records rejected as processing-failed: ${rejected.error}`);
  }
  if ((status.batches.failed.length > 0 || status.batches.rejected.length > 0) && !status.finalizedAt) {
    lines.push(`  retry:    fix the cause, then run crawlsift produce again with the run's flags to re-queue the failed batches`);
  }
  return lines.join('\n');
}

/** Whether a producer runs; for an unfinished run without one, how to resume it. */
function formatProducer(status: RunStatus): string {
  const { running, host, pid, startedAt } = status.producer;
  if (running) return `running (pid ${pid} on ${host}${startedAt ? `, since ${startedAt}` : ''})`;
  if (status.producerDone) return 'not running (it read every input)';
  return `not running, the inputs not all read: crawlsift produce with the run's flags (same --run) resumes the run`;
}

/** `42 s`, `3 min 5 s`, `2 h 10 min`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

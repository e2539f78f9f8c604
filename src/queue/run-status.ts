import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { checkRunId, DEFAULT_QUEUE_NAME } from './run-keys.js';
import { RunStore } from './run-store.js';

export interface RunStatus {
  runId: string;
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
  };
  /** Read items (canaries included): added to the queue, and in done batches. */
  records: { produced: number; done: number };
  /** Input bytes the producer has read, of the inputs' total. */
  bytes: { read: number; total: number };
  /** Records in done batches per second, from the run's start to now (or to its finalize). */
  docsPerSecond: number;
  /** Seconds until every record is done at the current rate (undefined until there is a rate). */
  etaSeconds: number | undefined;
  producerDone: boolean;
  finalizedAt: string | undefined;
}

/** A run's progress from Redis: what `crawlsift status` prints. */
export async function readRunStatus(redis: Redis, runId: string, queueName = DEFAULT_QUEUE_NAME): Promise<RunStatus> {
  const store = new RunStore(redis, checkRunId(runId));
  const state = await store.getState();
  const queue = new Queue(queueName, { connection: redis });
  queue.on('error', () => undefined);
  let jobCounts: Record<string, number>;
  try {
    jobCounts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'failed');
  } finally {
    await queue.close().catch(() => undefined);
  }
  const counts = await store.batchCounts();
  const failures = await store.failures();
  // Canaries count here as the producer's position counts them (read items), so done reaches produced.
  const doneRecords = [...counts.values()].reduce((sum, c) => sum + c.read + (c.canaries ? c.canaries.synthetic.n + c.canaries.human.n : 0), 0);
  const end = state.finalizedAt ? new Date(state.finalizedAt).getTime() : Date.now();
  const seconds = Math.max((end - new Date(state.spec.createdAt).getTime()) / 1000, 1e-3);
  const docsPerSecond = doneRecords / seconds;
  const producerDone = state.batches !== undefined;
  const { consumed, bytes } = state.position;
  // Until the producer is done the record total is estimated from the share of input bytes read.
  const expected = producerDone ? consumed : bytes > 0 ? (consumed * state.spec.totalBytes) / bytes : undefined;
  const etaSeconds = docsPerSecond > 0 && expected !== undefined ? Math.max(expected - doneRecords, 0) / docsPerSecond : undefined;
  return {
    runId,
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
      done: counts.size,
      failed: [...failures].sort((a, b) => a[0] - b[0]).map(([batch, error]) => ({ batch, error })),
    },
    records: { produced: consumed, done: doneRecords },
    bytes: { read: bytes, total: state.spec.totalBytes },
    docsPerSecond,
    etaSeconds,
    producerDone,
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
  ];
  for (const failed of status.batches.failed.slice(0, 20)) lines.push(`  failed batch ${failed.batch}: ${failed.error}`);
  if (status.batches.failed.length > 0 && !status.finalizedAt) {
    lines.push(`  retry:    fix the cause, then run crawlsift produce again with the run's flags to re-queue the failed batches`);
  }
  return lines.join('\n');
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

import { UsageError } from '../../errors.js';

/** The BullMQ queue every producer and worker uses unless told otherwise. */
export const DEFAULT_QUEUE_NAME = 'crawlsift';

/** Run ids become Redis keys, job ids and log fields: keep them to a safe alphabet. */
const RUN_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

export function checkRunId(runId: string): string {
  if (!RUN_ID_PATTERN.test(runId)) {
    throw new UsageError(`--run must be 1-100 letters, digits, '_' or '-', got ${JSON.stringify(runId)}`);
  }
  return runId;
}

/** The Redis keys that hold a run's state, next to (not inside) BullMQ's own keys. */
export function runKeys(runId: string) {
  const base = `crawlsift:run:${runId}`;
  return {
    /** Hash: `spec` (JSON), producer position, `doneRecords`, `batches` once the producer is done, `finalizedAt`. */
    run: base,
    /** Set of batch indexes whose parts are written and counted. */
    done: `${base}:done`,
    /** Hash: batch index -> BatchRecord JSON, written by the worker that finished the batch. */
    counts: `${base}:counts`,
    /** Hash: batch index -> error message of a batch that failed its last attempt. */
    failed: `${base}:failed`,
    /** Set of done batches whose every attempt failed, and whose records were rejected (`processing-failed`) instead. */
    rejected: `${base}:rejected`,
    /** String with a TTL, refreshed while a producer runs (see `ProducerHeartbeat`): gone when none does. */
    producer: `${base}:producer`,
  };
}

/**
 * The job id of batch `batch` of run `runId`: `<run>.<batch>`. BullMQ 6 refuses ':' in custom
 * job ids (it reserves them for repeatable jobs), so '.' separates the run from the batch; run
 * ids cannot contain '.', so the split is unambiguous.
 */
export function batchJobId(runId: string, batch: number): string {
  return `${runId}.${batch}`;
}

/** The run and batch of a job id made by `batchJobId`, or undefined for anything else. */
export function parseBatchJobId(jobId: string | undefined): { runId: string; batch: number } | undefined {
  const match = jobId ? /^([A-Za-z0-9_-]{1,100})\.(\d+)$/.exec(jobId) : null;
  return match ? { runId: match[1]!, batch: Number(match[2]) } : undefined;
}

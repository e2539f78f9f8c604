import { CrawlsiftError } from '../../errors.js';
import { UnrecoverableJobError } from './job-errors.js';
import { DEFAULT_QUEUE_NAME } from './run-keys.js';
import type { RunSpec } from './run-spec.js';

/** The queue a run belongs to: the one its spec names, else (a run recorded before specs named it) the default. */
export function runQueueName(spec: RunSpec): string {
  return spec.queue ?? DEFAULT_QUEUE_NAME;
}

/**
 * Run records are keyed by run id alone, so a run id used on two queues would mix two runs' batches
 * in one record: whoever is given another queue than the run's is refused (exit 2), naming the run's.
 */
export function checkRunQueue(runId: string, spec: RunSpec, queueName: string): void {
  const owner = runQueueName(spec);
  if (owner === queueName) return;
  throw new CrawlsiftError('run-queue-mismatch', runQueueMismatchMessage(runId, owner, queueName), { exitCode: 2 });
}

function runQueueMismatchMessage(runId: string, owner: string, queueName: string): string {
  return `run ${runId} belongs to queue ${JSON.stringify(owner)}, not ${JSON.stringify(queueName)}: pass --queue ${owner}, or a new --run id for a run on ${JSON.stringify(queueName)}`;
}

/**
 * A batch job found on another queue than its run's (a job added by hand). Unrecoverable, so BullMQ
 * fails it at once instead of retrying; the worker leaves the run's record alone, since the run's own
 * queue is where its batches are tracked.
 */
export class BatchOnOtherQueueError extends UnrecoverableJobError {
  constructor(runId: string, batch: number, owner: string, queueName: string) {
    super('run-queue-mismatch', `batch ${batch} of run ${runId} is on queue ${JSON.stringify(queueName)}, but run ${runId} belongs to queue ${JSON.stringify(owner)}; not processed`);
    this.name = 'BatchOnOtherQueueError';
  }
}

/** Throws `BatchOnOtherQueueError` unless the run of a batch job taken from `queueName` belongs to that queue. */
export function checkBatchQueue(runId: string, batch: number, spec: RunSpec, queueName: string): void {
  const owner = runQueueName(spec);
  if (owner !== queueName) throw new BatchOnOtherQueueError(runId, batch, owner, queueName);
}

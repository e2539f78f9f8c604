import type { Job } from 'bullmq';
import type { BackendPreference } from '../../classifier/backend-name.js';
import type { BatchRunner } from '../../pipeline/batch-runner.js';
import { failedBatch, type BatchFailure } from '../../pipeline/failed-batch.js';
import { writeBatchFiles } from '../../pipeline/output/batch-files.js';
import { unpackBatchItems } from '../../pipeline/packed-items.js';
import type { ProcessedBatch } from '../../pipeline/process-batch.js';
import { faultPoint } from './fault-injection.js';
import { BatchPayloadInvalidError } from './job-errors.js';
import { parseBatchJobId } from './run-keys.js';
import { checkBatchQueue, runQueueName } from './run-queue.js';
import { BatchPayloadSchema, runPipelineSettings, type BatchRecord, type RunSpec } from './run-spec.js';
import type { RunStore } from './run-store.js';

/** What a batch job needs from its worker: the run's record, and where batches are processed. */
export interface BatchJobContext {
  store(runId: string): RunStore;
  spec(runId: string): Promise<RunSpec>;
  /** Where batches are processed: started on the first batch that gets that far. */
  runner(): Promise<BatchRunner>;
  /** Load the model from here, or on this backend, instead of the run's (the hash must match). */
  override?: { modelDir?: string; backend?: BackendPreference };
}

/**
 * Processes one batch job: validates the payload, runs the pipeline on the batch (on the runner's
 * batch threads, so this thread stays free to renew the job's lock), writes one part file per shard
 * (and the sidecars of stages that keep one), then records what the batch left and marks it done in
 * Redis. Every step can be repeated: a re-processed batch replaces its parts. A job on another queue
 * than its run's, or with a payload that does not parse, fails at once (an unrecoverable error:
 * retrying cannot help), writing and marking nothing.
 */
export async function processBatchJob(job: Job, context: BatchJobContext): Promise<BatchRecord> {
  const ids = parseBatchJobId(job.id);
  if (!ids) throw new BatchPayloadInvalidError(`job ${job.id} is not a crawlsift batch (expected <run>.<batch>)`);
  const parsed = BatchPayloadSchema.safeParse(job.data);
  if (!parsed.success || parsed.data.run !== ids.runId || parsed.data.batch !== ids.batch) {
    throw new BatchPayloadInvalidError(
      `batch ${ids.batch} of run ${ids.runId} has a corrupted payload${parsed.success ? ' (run or batch does not match the job id)' : `: ${parsed.error.issues[0]?.message ?? 'invalid'}`}`,
    );
  }
  const spec = await context.spec(ids.runId);
  // Before anything is written or marked: a batch on another queue than its run's is not this queue's to do.
  checkBatchQueue(ids.runId, ids.batch, spec, job.queueName);
  faultPoint('before-score');

  const processed = await (await context.runner()).process(runPipelineSettings(spec, context.override), parsed.data.items);
  return writeBatch(ids, spec, processed, context);
}

/**
 * A batch job that failed its last attempt (or an error no retry can fix): its records become
 * `processing-failed` rejections, written and recorded as the batch's output, so that the run can
 * finish with every record accounted for. Returns undefined when its payload cannot be read (its
 * records are unknown), or it is no batch of a run on this queue: such a batch stays failed.
 */
export async function rejectFailedBatchJob(job: Job, context: BatchJobContext, failure: BatchFailure): Promise<BatchRecord | undefined> {
  const ids = parseBatchJobId(job.id);
  const parsed = BatchPayloadSchema.safeParse(job.data);
  if (!ids || !parsed.success || parsed.data.run !== ids.runId || parsed.data.batch !== ids.batch) return undefined;
  const spec = await context.spec(ids.runId);
  if (runQueueName(spec) !== job.queueName) return undefined;
  const processed = failedBatch(unpackBatchItems(parsed.data.items), failure, runPipelineSettings(spec));
  return writeBatch(ids, spec, processed, context, failure);
}

/** Writes a processed batch's files (parts, sidecars), then records it done: files first, so a done batch's files are always there. */
async function writeBatch(ids: { runId: string; batch: number }, spec: RunSpec, processed: ProcessedBatch, context: BatchJobContext, failed?: BatchFailure): Promise<BatchRecord> {
  let written = 0;
  const files = await writeBatchFiles(spec.outDir, ids.batch, processed, () => {
    if (++written === 1) faultPoint('mid-write');
  });
  const record: BatchRecord = { ...files, ...(failed ? { failed } : {}) };
  faultPoint('before-record');
  await context.store(ids.runId).recordBatchDone(ids.batch, record);
  faultPoint('before-complete');
  return record;
}


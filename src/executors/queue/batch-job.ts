import type { Job } from 'bullmq';
import type { BatchRunner } from '../../pipeline/batch-runner.js';
import { SHARDS } from '../../pipeline/shards.js';
import { faultPoint } from './fault-injection.js';
import { BatchPayloadInvalidError } from './job-errors.js';
import { partPath, removePart, summariesPath, writePart, writeSummaries } from './part-files.js';
import { parseBatchJobId } from './run-keys.js';
import { checkBatchQueue } from './run-queue.js';
import { BatchPayloadSchema, runPipelineSettings, type BatchRecord, type RunSpec } from './run-spec.js';
import type { RunStore } from './run-store.js';

/** What a batch job needs from its worker: the run's record, and where batches are processed. */
export interface BatchJobContext {
  store(runId: string): RunStore;
  spec(runId: string): Promise<RunSpec>;
  /** Where batches are processed: started on the first batch that gets that far. */
  runner(): Promise<BatchRunner>;
  /** Load the model from here, or on this backend, instead of the run's (the hash must match). */
  override?: { modelDir?: string; backend?: string };
}

/**
 * Processes one batch job: validates the payload, runs the pipeline on the batch (on the runner's
 * batch threads, so this thread stays free to renew the job's lock), writes one part file per shard,
 * then records what the batch left and marks it done in Redis. Every step can be repeated: a
 * re-processed batch replaces its parts. A job on another queue than its run's, or with a payload that
 * does not parse, fails at once (an unrecoverable error: retrying cannot help), writing and marking nothing.
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

  const { parts, result: { summaries, ...result } } = await (await context.runner()).process(runPipelineSettings(spec, context.override), parsed.data.items);
  let written = 0;
  const record: BatchRecord = { result, parts: {} };
  if (summaries) record.summaries = { bytes: await writeSummaries(summariesPath(spec.outDir, ids.batch), summaries) };
  else await removePart(summariesPath(spec.outDir, ids.batch));
  for (const shard of SHARDS) {
    const path = partPath(spec.outDir, shard, ids.batch);
    const part = parts[shard];
    if (!part) {
      await removePart(path);
      continue;
    }
    await writePart(path, part);
    record.parts[shard] = { bytes: part.bytes, records: part.records };
    if (++written === 1) faultPoint('mid-write');
  }
  faultPoint('before-record');
  await context.store(ids.runId).recordBatchDone(ids.batch, record);
  faultPoint('before-complete');
  return record;
}


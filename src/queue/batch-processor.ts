import type { Job } from 'bullmq';
import { canaryLabel } from '../canaries/canary-marker.js';
import { CanaryTally } from '../canaries/canary-tally.js';
import type { RejectReason } from '../documents/types.js';
import { CrawlsiftError } from '../errors.js';
import { routeBatch } from '../pipeline/batch-router.js';
import { SHARD_DIRS, type ShardName } from '../pipeline/output-dir.js';
import { toRejectedRecord } from '../pipeline/provenance.js';
import type { Scorer } from '../pipeline/scorer.js';
import { faultPoint } from './fault-injection.js';
import { unpackBatchItems } from './batch-payload.js';
import { partPath, removePart, writePart } from './part-files.js';
import { parseBatchJobId } from './run-keys.js';
import { checkBatchQueue } from './run-queue.js';
import { BatchPayloadSchema, type BatchCounts, type RunSpec } from './run-spec.js';
import type { RunStore } from './run-store.js';

/** What the processor needs from its worker: the run's record and a scorer for the run's model. */
export interface BatchContext {
  store(runId: string): RunStore;
  spec(runId: string): Promise<RunSpec>;
  scorer(spec: RunSpec): Promise<Scorer>;
}

/**
 * Processes one batch job: validates the payload, scores its documents (on the scorer's worker
 * threads, so this thread stays free to renew the job's lock), routes them with the local
 * executor's `routeBatch`, writes one part per shard, then records the batch's counts and marks it
 * done in Redis. Every step can be repeated: a re-processed batch replaces its parts. A job on another
 * queue than its run's fails at once (`BatchOnOtherQueueError`), writing and marking nothing.
 */
export async function processBatch(job: Job, context: BatchContext): Promise<BatchCounts> {
  const ids = parseBatchJobId(job.id);
  if (!ids) throw new CrawlsiftError('batch-job-invalid', `job ${job.id} is not a crawlsift batch (expected <run>.<batch>)`);
  const parsed = BatchPayloadSchema.safeParse(job.data);
  if (!parsed.success || parsed.data.run !== ids.runId || parsed.data.batch !== ids.batch) {
    throw new CrawlsiftError('batch-payload-invalid', `batch ${ids.batch} of run ${ids.runId} has a corrupted payload${parsed.success ? ' (run or batch does not match the job id)' : `: ${parsed.error.issues[0]?.message ?? 'invalid'}`}`);
  }
  const items = unpackBatchItems(parsed.data.items);
  const spec = await context.spec(ids.runId);
  // Before anything is written or marked: a batch on another queue than its run's is not this queue's to do.
  checkBatchQueue(ids.runId, ids.batch, spec, job.queueName);
  faultPoint('before-score');

  const docs = items.flatMap((item) => (item.kind === 'document' ? [item.document] : []));
  const scorer = await context.scorer(spec);
  const scores = docs.length > 0 ? await scorer.score(docs.map((d) => d.text)) : new Float32Array(0);
  const routed = routeBatch(docs, scores, spec.model, spec.thresholds, spec.reader.idField);

  const records: Record<ShardName, unknown[]> = { human: [], synthetic: [], uncertain: [], rejected: [] };
  const rejectedByReason: Partial<Record<RejectReason, number>> = {};
  // As in the local executor: canaries are recognised only in runs that mixed them in, are tallied
  // by route, and are never written nor counted as crawl records.
  const tally = spec.canaries ? new CanaryTally() : undefined;
  for (const [i, doc] of routed.entries()) {
    const label = tally ? canaryLabel(docs[i]!) : undefined;
    if (label) tally!.add(label, doc.route);
    else records[doc.route].push(doc.record);
  }
  for (const item of items) {
    if (item.kind !== 'rejected') continue;
    records.rejected.push(toRejectedRecord(item.rejected));
    rejectedByReason[item.rejected.reason] = (rejectedByReason[item.rejected.reason] ?? 0) + 1;
  }

  let written = 0;
  const partBytes: BatchCounts['partBytes'] = {};
  for (const shard of SHARD_DIRS) {
    const path = partPath(spec.outDir, shard, ids.batch);
    if (records[shard].length === 0) {
      await removePart(path);
      continue;
    }
    partBytes[shard] = await writePart(path, records[shard]);
    if (++written === 1) faultPoint('mid-write');
  }
  faultPoint('before-record');

  const counts: BatchCounts = {
    read: items.length - (tally?.total ?? 0),
    human: records.human.length,
    synthetic: records.synthetic.length,
    uncertain: records.uncertain.length,
    rejected: records.rejected.length,
    rejectedByReason,
    partBytes,
    ...(tally ? { canaries: { synthetic: tally.synthetic, human: tally.human } } : {}),
  };
  await context.store(ids.runId).recordBatchDone(ids.batch, counts);
  faultPoint('before-complete');
  return counts;
}

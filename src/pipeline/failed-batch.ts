import { canaryLabel } from '../canaries/canary-marker.js';
import { CanaryTally } from '../canaries/canary-tally.js';
import { truncateUtf8 } from '../documents/raw-text.js';
import type { ReadItem, RejectedRecord } from '../documents/types.js';
import { emptyBatchResult } from './batch-result.js';
import { encodePart } from './output/encoded-part.js';
import { toRejectedRecord } from './output/provenance.js';
import type { PipelineSettings } from './pipeline-settings.js';
import type { ProcessedBatch } from './process-batch.js';

/** Why a batch's processing failed: the error's code (when it has one) and message. */
export interface BatchFailure {
  code?: string;
  message: string;
}

/**
 * A batch whose processing failed on every attempt, as output: each of its documents becomes a
 * `processing-failed` rejection (where it came from, the error's code and message as `detail`, and the
 * start of its record as `raw`), each record a reader had already rejected stays as it was, and its
 * canaries count as not scored. So one batch no run can process costs its records a rejection each,
 * never the run, and every record stays accounted for. Pure.
 */
export function failedBatch(items: readonly ReadItem[], failure: BatchFailure, settings: Pick<PipelineSettings, 'canaries'>): ProcessedBatch {
  const result = emptyBatchResult();
  const canaries = settings.canaries ? new CanaryTally() : undefined;
  const detail = failure.code ? `${failure.code}: ${failure.message}` : failure.message;
  const records: unknown[] = [];
  for (const item of items) {
    if (item.kind === 'rejected') {
      records.push(toRejectedRecord(item.rejected));
      result.rejectedByReason[item.rejected.reason] = (result.rejectedByReason[item.rejected.reason] ?? 0) + 1;
      continue;
    }
    const label = canaries ? canaryLabel(item.document) : undefined;
    if (label) {
      canaries!.add(label, 'rejected');
      continue;
    }
    const { source, record } = item.document;
    const rejected: RejectedRecord = { reason: 'processing-failed', detail, ...source, raw: rawOf(record) };
    records.push(toRejectedRecord(rejected));
    result.rejectedByReason['processing-failed'] = (result.rejectedByReason['processing-failed'] ?? 0) + 1;
  }
  result.read = records.length;
  result.shards.rejected = records.length;
  if (canaries) result.canaries = canaries.toCounts();
  return { parts: records.length > 0 ? { rejected: encodePart(records) } : {}, result };
}

/** The start of a record's JSON, or nothing when even that fails (the record is what broke the batch). */
function rawOf(record: Record<string, unknown>): string {
  try {
    return truncateUtf8(JSON.stringify(record));
  } catch {
    return '';
  }
}

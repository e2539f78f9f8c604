import { canaryLabel } from '../canaries/canary-marker.js';
import { CanaryTally } from '../canaries/canary-tally.js';
import type { ReadItem } from '../documents/types.js';
import { emptyBatchResult, type BatchResult, type StageCounts } from './batch-result.js';
import { encodePart } from './output/encoded-part.js';
import { toRejectedRecord, toRoutedRecord } from './output/provenance.js';
import type { BatchParts } from './output/run-output.js';
import type { PipelineSettings } from './pipeline-settings.js';
import { SHARDS, type ShardName } from './shards.js';
import type { DocumentInPlay, ExitedDocument, Stage, StageMetadata } from './stage.js';

/** A pipeline built for a run: its stages, by name, in order. */
export interface BuiltPipeline {
  settings: PipelineSettings;
  stages: readonly { name: string; stage: Stage }[];
}

/** A processed batch: its encoded parts per shard and what it adds to the run's tallies. */
export interface ProcessedBatch {
  parts: BatchParts;
  result: BatchResult;
}

interface Exit {
  shard: ShardName;
  reason: string;
  metadata: StageMetadata;
}

/**
 * Runs a batch of read items through the pipeline's stages, in order: rejected records go straight to
 * `rejected/`, documents go through each stage until one routes them. Then every record is written,
 * in input order, into its shard's part (canaries are tallied instead), and the batch's counts are
 * taken. The one place both executors process a batch; pure apart from what the stages do (scoring).
 */
export async function processBatch(items: readonly ReadItem[], pipeline: BuiltPipeline): Promise<ProcessedBatch> {
  const { settings } = pipeline;
  const exits: (Exit | undefined)[] = new Array(items.length);
  const metadata: StageMetadata[] = items.map(() => ({}));
  const isCanary = items.map((item) => settings.canaries && item.kind === 'document' && canaryLabel(item.document) !== undefined);
  let inPlay = items.flatMap((item, i) => (item.kind === 'document' ? [i] : []));
  const stageCounts: Record<string, StageCounts> = {};

  for (const { name, stage } of pipeline.stages) {
    const counts: StageCounts = { documents: 0, routed: {} };
    stageCounts[name] = counts;
    if (inPlay.length === 0) continue;
    const docs: DocumentInPlay[] = inPlay.map((i) => ({ document: (items[i] as Extract<ReadItem, { kind: 'document' }>).document, metadata: metadata[i]! }));
    const decisions = await stage.process(docs);
    if (decisions.length !== docs.length) throw new Error(`stage ${name} returned ${decisions.length} decisions for ${docs.length} documents`);
    const next: number[] = [];
    for (const [k, decision] of decisions.entries()) {
      const i = inPlay[k]!;
      if (decision.metadata) Object.assign(metadata[i]!, decision.metadata);
      if (!isCanary[i]) counts.documents += 1;
      if (decision.action === 'keep') {
        next.push(i);
        continue;
      }
      exits[i] = { shard: decision.shard, reason: decision.reason, metadata: metadata[i]! };
      if (!isCanary[i]) {
        const byReason = (counts.routed[decision.shard] ??= {});
        byReason[decision.reason] = (byReason[decision.reason] ?? 0) + 1;
      }
    }
    inPlay = next;
  }
  if (inPlay.length > 0) throw new Error(`${inPlay.length} documents left the pipeline unrouted: its last stage must route every document`);

  const records: Record<ShardName, unknown[]> = Object.fromEntries(SHARDS.map((s) => [s, []])) as unknown as Record<ShardName, unknown[]>;
  const result = emptyBatchResult();
  const canaries = settings.canaries ? new CanaryTally() : undefined;
  for (const [i, item] of items.entries()) {
    if (item.kind === 'rejected') {
      records.rejected.push(toRejectedRecord(item.rejected));
      result.rejectedByReason[item.rejected.reason] = (result.rejectedByReason[item.rejected.reason] ?? 0) + 1;
      continue;
    }
    const exit = exits[i]!;
    if (isCanary[i]) {
      canaries!.add(canaryLabel(item.document)!, exit.shard);
      continue;
    }
    records[exit.shard].push(toRoutedRecord(item.document, exit.shard, exit.metadata, exit.reason, settings.idField));
    if (exit.shard === 'rejected') result.rejectedByReason[exit.reason] = (result.rejectedByReason[exit.reason] ?? 0) + 1;
  }

  const summaries = await summarise(pipeline, items, exits, isCanary);
  const parts: BatchParts = {};
  for (const shard of SHARDS) {
    result.shards[shard] = records[shard].length;
    if (records[shard].length > 0) parts[shard] = encodePart(records[shard]);
  }
  result.read = items.length - isCanary.filter(Boolean).length;
  result.stages = stageCounts;
  if (canaries) result.canaries = canaries.toCounts();
  if (Object.keys(summaries).length > 0) result.summaries = summaries;
  return { parts, result };
}

/** The summaries of the stages that measure batches, from the batch's crawl documents that left the pipeline. */
async function summarise(pipeline: BuiltPipeline, items: readonly ReadItem[], exits: readonly (Exit | undefined)[], isCanary: readonly boolean[]): Promise<Record<string, unknown>> {
  const measuring = pipeline.stages.filter(({ stage }) => stage.summarise);
  if (measuring.length === 0) return {};
  const exited: ExitedDocument[] = [];
  for (const [i, item] of items.entries()) {
    if (item.kind === 'document' && !isCanary[i]) exited.push({ document: item.document, ...exits[i]! });
  }
  const out: Record<string, unknown> = {};
  for (const { name, stage } of measuring) out[name] = await stage.summarise!(exited);
  return out;
}

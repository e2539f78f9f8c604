import { canaryLabel } from '../canaries/canary-marker.js';
import { CanaryTally } from '../canaries/canary-tally.js';
import type { ReadItem } from '../documents/types.js';
import { CrawlsiftError } from '../errors.js';
import { emptyBatchResult, type BatchResult, type StageCounts } from './batch-result.js';
import { encodePart } from './output/encoded-part.js';
import { toRejectedRecord, toRoutedRecord } from './output/provenance.js';
import type { BatchParts } from './output/run-output.js';
import type { PipelineSettings } from './pipeline-settings.js';
import { SHARDS, type ShardName } from '../routing/shards.js';
import type { DocumentInPlay, ExitedDocument, Stage, StageMetadata, StageNotes } from './stage.js';

/** A pipeline built for a run: its stages, by name, in order. */
export interface BuiltPipeline {
  settings: PipelineSettings;
  stages: readonly { name: string; stage: Stage }[];
  /**
   * The run has a run step: its parts wait for the end of the run, which rewrites them, so they are
   * stored uncompressed (see `EncodePartOptions.store`) and compressed once, then. @defaultValue false
   */
  storeParts?: boolean;
}

/** A processed batch: its encoded parts per shard and what it adds to the run's tallies. */
export interface ProcessedBatch {
  parts: BatchParts;
  result: BatchResult;
  /** The sidecars of the stages that have one (see `Stage.sidecar`), by stage name. */
  sidecars?: Record<string, Uint8Array>;
}

interface Exit {
  shard: ShardName;
  reason: string;
  metadata: StageMetadata;
  notes: StageNotes;
}

/**
 * Runs a batch of read items through the pipeline's stages, in order: rejected records go straight to
 * `rejected/`, documents go through each stage until one routes them. Then every record is written,
 * in input order, into its shard's part (canaries are tallied instead), and the batch's counts are
 * taken. The one place both executors process a batch; pure apart from what the stages do (scoring).
 */
export async function processBatch(items: readonly ReadItem[], pipeline: BuiltPipeline): Promise<ProcessedBatch> {
  const { settings } = pipeline;
  failIfPoisoned(items);
  const exits: (Exit | undefined)[] = new Array(items.length);
  const metadata: StageMetadata[] = items.map(() => ({}));
  const notes: StageNotes[] = items.map(() => ({}));
  const isCanary = items.map((item) => settings.canaries && item.kind === 'document' && canaryLabel(item.document) !== undefined);
  let inPlay = items.flatMap((item, i) => (item.kind === 'document' ? [i] : []));
  const stageCounts: Record<string, StageCounts> = {};

  for (const { name, stage } of pipeline.stages) {
    const counts: StageCounts = { documents: 0, routed: {} };
    stageCounts[name] = counts;
    if (inPlay.length === 0) continue;
    const docs: DocumentInPlay[] = inPlay.map((i) => ({ document: (items[i] as Extract<ReadItem, { kind: 'document' }>).document, metadata: metadata[i]!, notes: notes[i]! }));
    const decisions = await stage.process(docs);
    if (decisions.length !== docs.length) throw new Error(`stage ${name} returned ${decisions.length} decisions for ${docs.length} documents`);
    const next: number[] = [];
    for (const [k, decision] of decisions.entries()) {
      const i = inPlay[k]!;
      if (decision.metadata) Object.assign(metadata[i]!, decision.metadata);
      if (decision.notes) Object.assign(notes[i]!, decision.notes);
      if (!isCanary[i]) counts.documents += 1;
      if (decision.action === 'keep') {
        next.push(i);
        continue;
      }
      exits[i] = { shard: decision.shard, reason: decision.reason, metadata: metadata[i]!, notes: notes[i]! };
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
  // The crawl documents that left, for the stages that measure batches or keep sidecars.
  const exited: ExitedDocument[] | undefined = pipeline.stages.some(({ stage }) => stage.summarise || stage.sidecar) ? [] : undefined;
  let position = 0;
  for (const [i, item] of items.entries()) {
    if (item.kind === 'rejected') {
      records.rejected.push(toRejectedRecord(item.rejected));
      result.rejectedByReason[item.rejected.reason] = (result.rejectedByReason[item.rejected.reason] ?? 0) + 1;
      position++;
      continue;
    }
    const exit = exits[i]!;
    if (isCanary[i]) {
      canaries!.add(canaryLabel(item.document)!, exit.shard);
      continue;
    }
    exited?.push({ document: item.document, ...exit, position, line: records[exit.shard].length });
    position++;
    records[exit.shard].push(toRoutedRecord(item.document, exit.shard, exit.metadata, exit.reason, settings.idField));
    if (exit.shard === 'rejected') result.rejectedByReason[exit.reason] = (result.rejectedByReason[exit.reason] ?? 0) + 1;
  }

  const summaries = exited ? summarise(pipeline, exited) : {};
  const sidecars = exited ? await sidecarsOf(pipeline, exited) : undefined;
  const parts: BatchParts = {};
  for (const shard of SHARDS) {
    result.shards[shard] = records[shard].length;
    if (records[shard].length > 0) parts[shard] = encodePart(records[shard], { store: pipeline.storeParts });
  }
  result.read = items.length - isCanary.filter(Boolean).length;
  result.stages = stageCounts;
  if (canaries) result.canaries = canaries.toCounts();
  if (Object.keys(summaries).length > 0) result.summaries = summaries;
  return { parts, result, ...(sidecars ? { sidecars } : {}) };
}

/**
 * The fault tests' poison (as `CRAWLSIFT_TEST_KILL_AT` kills a process): with
 * `CRAWLSIFT_TEST_POISON=<text>` set, a batch holding a document whose text contains it fails to
 * process, on every attempt. Unset (always, outside the tests) it does nothing.
 */
const POISON = process.env.CRAWLSIFT_TEST_POISON;

function failIfPoisoned(items: readonly ReadItem[]): void {
  if (!POISON) return;
  if (items.some((item) => item.kind === 'document' && item.document.text.includes(POISON))) {
    throw new CrawlsiftError('test-poison', `a document holds the test poison ${JSON.stringify(POISON)}`);
  }
}

/** The summaries of the stages that measure batches, from the batch's crawl documents that left the pipeline. */
function summarise(pipeline: BuiltPipeline, exited: readonly ExitedDocument[]): Record<string, unknown> {
  const measuring = pipeline.stages.filter(({ stage }) => stage.summarise);
  return Object.fromEntries(measuring.map(({ name, stage }) => [name, stage.summarise!(exited)]));
}

/** The sidecars of the stages that keep one, from the same documents; undefined when none does. */
async function sidecarsOf(pipeline: BuiltPipeline, exited: readonly ExitedDocument[]): Promise<Record<string, Uint8Array> | undefined> {
  const keeping = pipeline.stages.filter(({ stage }) => stage.sidecar);
  if (keeping.length === 0) return undefined;
  const sidecars: Record<string, Uint8Array> = {};
  for (const { name, stage } of keeping) sidecars[name] = await stage.sidecar!(exited);
  return sidecars;
}

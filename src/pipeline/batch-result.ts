import { z } from 'zod';
import { CanaryCountsSchema, mergeCanaryCounts } from '../canaries/canary-tally.js';
import { PIPELINE } from './pipeline.js';
import { LATER_SHARDS, SHARDS, type ShardName } from '../routing/shards.js';
import type { StageDefinition } from './stage.js';

const count = z.number().int().nonnegative();

/** Documents per shard: every shard, zeros included (a shard added later reads as 0 from an older record). */
export const ShardCountsSchema = z.object(Object.fromEntries(SHARDS.map((s) => [s, LATER_SHARDS.has(s) ? count.default(0) : count])) as Record<ShardName, typeof count>);
export type ShardCounts = z.infer<typeof ShardCountsSchema>;

/** What one stage did with the crawl documents it was given (canaries are not counted). */
export const StageCountsSchema = z.object({
  /** Documents the stage was given. */
  documents: count,
  /** Documents it routed, by shard, then by reason. */
  routed: z.record(z.string(), z.record(z.string(), count)),
});
export type StageCounts = z.infer<typeof StageCountsSchema>;

/**
 * What a batch contributed to a run, the one type both executors tally with: the local executor
 * merges them as batches finish, the queue's workers record each batch's in Redis and `finalize`
 * merges them. {@link mergeBatchResults} is associative and commutative, so any grouping of the
 * same batches gives the same totals.
 */
export const BatchResultSchema = z.object({
  /** Crawl records of the batch: documents and rejected records, canaries excluded. */
  read: count,
  shards: ShardCountsSchema,
  /** Records in `rejected/` by reason: the readers' (`malformed-json`, ...) and the stages'. */
  rejectedByReason: z.record(z.string(), count),
  /** Per stage, in pipeline order. */
  stages: z.record(z.string(), StageCountsSchema),
  /** Runs with canaries only. */
  canaries: CanaryCountsSchema.optional(),
  /** What the stages that measure batches measured, by stage name (see `StageSummary`); absent when none does. */
  summaries: z.record(z.string(), z.unknown()).optional(),
});
export type BatchResult = z.infer<typeof BatchResultSchema>;

export function emptyShardCounts(): ShardCounts {
  return Object.fromEntries(SHARDS.map((s) => [s, 0])) as ShardCounts;
}

export function emptyBatchResult(): BatchResult {
  return { read: 0, shards: emptyShardCounts(), rejectedByReason: {}, stages: {} };
}

/**
 * The totals of two results. Stage summaries merge by their stage's own `merge` (stages of
 * `pipeline`, by default the pipeline's). Pure.
 */
export function mergeBatchResults(a: BatchResult, b: BatchResult, pipeline: readonly StageDefinition[] = PIPELINE): BatchResult {
  const shards = emptyShardCounts();
  for (const s of SHARDS) shards[s] = a.shards[s] + b.shards[s];
  const stages: Record<string, StageCounts> = {};
  for (const name of new Set([...Object.keys(a.stages), ...Object.keys(b.stages)])) {
    const x = a.stages[name];
    const y = b.stages[name];
    stages[name] = {
      documents: (x?.documents ?? 0) + (y?.documents ?? 0),
      routed: mergeNested(x?.routed ?? {}, y?.routed ?? {}),
    };
  }
  const canaries = a.canaries && b.canaries ? mergeCanaryCounts(a.canaries, b.canaries) : (a.canaries ?? b.canaries);
  const summaries = mergeSummaries(a.summaries, b.summaries, pipeline);
  return {
    read: a.read + b.read,
    shards,
    rejectedByReason: mergeCounts(a.rejectedByReason, b.rejectedByReason),
    stages,
    ...(canaries ? { canaries } : {}),
    ...(summaries ? { summaries } : {}),
  };
}

function mergeSummaries(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined, pipeline: readonly StageDefinition[]): Record<string, unknown> | undefined {
  if (!a || !b) return a ?? b;
  const out: Record<string, unknown> = {};
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!(name in a) || !(name in b)) {
      out[name] = name in a ? a[name] : b[name];
      continue;
    }
    const summary = pipeline.find((d) => d.name === name)?.summary;
    if (!summary) throw new Error(`no stage ${JSON.stringify(name)} with a summary in this pipeline to merge its summaries`);
    out[name] = summary.merge(summary.schema.parse(a[name]), summary.schema.parse(b[name]));
  }
  return out;
}

/**
 * `result` with the summaries of the stages that keep theirs as their sidecar (see
 * `StageSummary.fromSidecar`), read through `sidecar`: what {@link mergeBatchResults} then merges.
 * A stage whose sidecar is undefined (it never ran on the batch) adds nothing.
 */
export async function withSidecarSummaries(
  result: BatchResult,
  sidecar: (stage: string) => Uint8Array | undefined | Promise<Uint8Array | undefined>,
  pipeline: readonly StageDefinition[] = PIPELINE,
): Promise<BatchResult> {
  let summaries = result.summaries;
  for (const { name, summary } of pipeline) {
    if (!summary?.fromSidecar || result.stages[name] === undefined) continue;
    const bytes = await sidecar(name);
    if (bytes) summaries = { ...summaries, [name]: summary.fromSidecar(bytes) };
  }
  return summaries === result.summaries ? result : { ...result, summaries };
}

/** Every record read is in exactly one shard. */
export function resultReconciles(result: BatchResult): boolean {
  return result.read === SHARDS.reduce((sum, s) => sum + result.shards[s], 0);
}

function mergeCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [key, n] of Object.entries(b)) out[key] = (out[key] ?? 0) + n;
  return sortedKeys(out);
}

function mergeNested(a: Record<string, Record<string, number>>, b: Record<string, Record<string, number>>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) out[key] = mergeCounts(a[key] ?? {}, b[key] ?? {});
  return sortedKeys(out);
}

/** Keys in a fixed order, so merged results (and the manifest) do not depend on the order batches finished in. */
function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { emptyBatchResult, mergeBatchResults, type BatchResult } from './batch-result.js';
import { PARTS_DIR, readBatchParts, readSidecar, type BatchRecord } from './output/batch-files.js';
import { applyRecordEdits } from './output/record-edits.js';
import { RunOutput, type BatchParts } from './output/run-output.js';
import { PIPELINE } from './pipeline.js';
import type { PipelineSettings } from './pipeline-settings.js';
import { runStepStages } from './run-step.js';
import type { ShardName } from './shards.js';
import type { RecordEdit, RunStepPlan, StageDefinition } from './stage.js';

export interface AssembleRunOptions {
  outDir: string;
  /** Rotate shard files at this many uncompressed bytes. @defaultValue 256 MiB */
  shardBytes?: number;
  settings: PipelineSettings;
  /** The run's batches: 0 .. batches - 1, every one done, its files under `<outDir>/parts/`. */
  batches: number;
  /** What each batch recorded when its files were written (checked against them). */
  record(batch: number): BatchRecord;
  /** Batches read (and rewritten) ahead of the one being appended. @defaultValue 4 */
  readAhead?: number;
  pipeline?: readonly StageDefinition[];
}

export interface AssembledRun {
  /** The merged results of every batch, with what the run steps changed. */
  result: BatchResult;
  /** The finished files of each shard, as paths. */
  shardFiles: Record<ShardName, readonly string[]>;
}

/**
 * The end of a run whose batches wait as files under `<outDir>/parts/` (every queue run; a local run
 * with a run step), the same for both executors: merges the batches' results, lets each run step
 * (see `StageDefinition.runStep`) plan from the batches' sidecars, then appends every batch's parts
 * in batch order into the shards (`RunOutput`), with the steps' edits applied to the batches they
 * touch (see `applyRecordEdits`), and counts the records the edits moved. On failure the shard files
 * in progress are dropped.
 */
export async function assembleRun(options: AssembleRunOptions): Promise<AssembledRun> {
  const { outDir, settings, batches, record } = options;
  const pipeline = options.pipeline ?? PIPELINE;
  let result = emptyBatchResult();
  const firstRecords: number[] = [];
  for (let batch = 0; batch < batches; batch++) {
    firstRecords.push(result.read);
    result = mergeBatchResults(result, record(batch).result, pipeline);
  }

  const plans: { stage: string; plan: RunStepPlan }[] = [];
  const tmpDir = join(outDir, PARTS_DIR, 'run-steps');
  try {
    for (const definition of runStepStages(settings, pipeline)) {
      const plan = await definition.runStep!.plan({
        settings,
        batches,
        firstRecord: (batch) => firstRecords[batch]!,
        sidecar: (batch) => readSidecar(outDir, definition.name, batch, record(batch)),
        tmpDir: join(tmpDir, definition.name),
      });
      plans.push({ stage: definition.name, plan });
      if (plan.summary !== undefined) result.summaries = { ...result.summaries, [definition.name]: plan.summary };
    }
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }

  const moves = new MoveTally();
  const prepare = async (batch: number): Promise<BatchParts> => {
    const parts = await readBatchParts(outDir, batch, record(batch));
    const edits: RecordEdit[] = [];
    for (const { stage, plan } of plans) {
      const stageEdits = await plan.edits(batch);
      for (const edit of stageEdits) if (edit.move && edit.move.shard !== edit.shard) moves.add(stage, edit.shard, edit.move.shard, edit.move.reason);
      edits.push(...stageEdits);
    }
    return applyRecordEdits(parts, edits);
  };

  const output = new RunOutput(outDir, options.shardBytes);
  const readAhead = Math.max(1, options.readAhead ?? 4);
  const pending: Promise<BatchParts>[] = [];
  let next = 0;
  const schedule = () => {
    while (next < batches && pending.length < readAhead) {
      const prepared = prepare(next++);
      // Awaited in order below; this keeps a failure in a later batch from being reported as unhandled.
      prepared.catch(() => undefined);
      pending.push(prepared);
    }
  };
  try {
    schedule();
    while (pending.length > 0) {
      const parts = await pending.shift()!;
      schedule();
      await output.append(parts);
    }
    await output.close();
  } catch (error) {
    await output.abort();
    throw error;
  }
  return { result: moves.applyTo(result, pipeline), shardFiles: output.files() };
}

/** Records the run steps moved from one shard to another, by stage and reason. */
class MoveTally {
  private readonly moves: { stage: string; from: ShardName; to: ShardName; reason: string }[] = [];

  add(stage: string, from: ShardName, to: ShardName, reason: string): void {
    this.moves.push({ stage, from, to, reason });
  }

  /**
   * `result` with the moved records counted in the shards they moved to (and in `rejectedByReason`
   * when that is rejected/), and as routes of the stages that moved them: merged as a batch whose
   * shard counts are the changes.
   */
  applyTo(result: BatchResult, pipeline: readonly StageDefinition[]): BatchResult {
    if (this.moves.length === 0) return result;
    const change = emptyBatchResult();
    for (const { stage, from, to, reason } of this.moves) {
      change.shards[from] -= 1;
      change.shards[to] += 1;
      if (to === 'rejected') change.rejectedByReason[reason] = (change.rejectedByReason[reason] ?? 0) + 1;
      const counts = (change.stages[stage] ??= { documents: 0, routed: {} });
      const byReason = (counts.routed[to] ??= {});
      byReason[reason] = (byReason[reason] ?? 0) + 1;
    }
    return mergeBatchResults(result, change, pipeline);
  }
}

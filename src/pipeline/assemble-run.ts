import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { emptyBatchResult, mergeBatchResults, withSidecarSummaries, type BatchResult } from './batch-result.js';
import { PARTS_DIR, readBatchParts, readSidecar, removeBatchFiles, type BatchRecord } from './output/batch-files.js';
import { EditThreads } from './output/edit-threads.js';
import { applyRecordEdits } from './output/record-edits.js';
import { RunOutput, type BatchParts } from './output/run-output.js';
import { PIPELINE } from './pipeline.js';
import type { PipelineSettings } from './pipeline-settings.js';
import { runStepStages } from './run-step.js';
import type { ShardName } from '../routing/shards.js';
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
  /**
   * The batches' results already merged, with their sidecar summaries (see `withSidecarSummaries`),
   * as the local executor merges them while its batches finish: the end of the run then does not
   * read and merge them again. @defaultValue merged here, from `record` and the batches' sidecars
   */
  merged?: BatchResult;
  /** Batches read (and rewritten) ahead of the one being appended. @defaultValue 4 */
  readAhead?: number;
  /**
   * Threads that edit and compress the batches' parts when a run step is on (see `EditThreads`); 0
   * does it on the calling thread. @defaultValue the processors available, at most 4
   */
  editThreads?: number;
  pipeline?: readonly StageDefinition[];
  /**
   * Remove each batch's part files and sidecars once its parts are appended, not all at the end: the
   * local executor, whose run nothing resumes (`finalize` keeps them until its run is finished, so
   * that a failed finalize can be run again). @defaultValue false
   */
  removeAppended?: boolean;
}

export interface AssembledRun {
  /** The merged results of every batch, with what the run steps changed. */
  result: BatchResult;
  /** The finished files of each shard, as paths. */
  shardFiles: Record<ShardName, readonly string[]>;
}

/**
 * The end of a run whose batches wait as files under `<outDir>/parts/` (every queue run; a local run
 * with a run step), the same for both executors: merges the batches' results (with the summaries
 * kept as sidecars, see `StageSummary.fromSidecar`; unless `merged` gives them), lets each run step
 * (see `StageDefinition.runStep`) plan from the batches' sidecars, then appends every batch's parts
 * in batch order into the shards (`RunOutput`), with the steps' edits applied to the batches they
 * touch (see `applyRecordEdits`), and counts the records the edits moved. With a run step the parts
 * were stored uncompressed, and every one is edited and compressed here, once (`readAhead` batches
 * at a time, on `editThreads` threads: this thread only reads, plans and appends).
 * On failure the shard files in progress are dropped.
 */
export async function assembleRun(options: AssembleRunOptions): Promise<AssembledRun> {
  const { outDir, settings, batches, record } = options;
  const pipeline = options.pipeline ?? PIPELINE;
  let result = options.merged ?? emptyBatchResult();
  const firstRecords: number[] = [];
  let read = 0;
  for (let batch = 0; batch < batches; batch++) {
    firstRecords.push(read);
    read += record(batch).result.read;
    if (options.merged) continue;
    const batchResult = await withSidecarSummaries(record(batch).result, (stage) => readSidecar(outDir, stage, batch, record(batch)), pipeline);
    result = mergeBatchResults(result, batchResult, pipeline);
  }
  if (result.read !== read) throw new Error(`the merged results read ${result.read} records, the batches ${read}`);

  const plans: { stage: string; plan: RunStepPlan }[] = [];
  const tmpDir = join(outDir, PARTS_DIR, 'run-steps');
  const runSteps = runStepStages(settings, pipeline);
  const editThreadCount = runSteps.length > 0 ? (options.editThreads ?? Math.min(4, availableParallelism())) : 0;
  // Started now, to load while the run steps plan (on this thread): ready when the first batch is.
  const startingEditThreads = editThreadCount > 0 ? EditThreads.start(editThreadCount) : undefined;
  startingEditThreads?.catch(() => undefined);
  try {
    for (const definition of runSteps) {
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
  } catch (error) {
    await (await startingEditThreads?.catch(() => undefined))?.close();
    throw error;
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }

  const moves = new MoveTally();
  const editThreads = await startingEditThreads;
  const prepare = async (batch: number): Promise<BatchParts> => {
    const parts = await readBatchParts(outDir, batch, record(batch));
    const edits: RecordEdit[] = [];
    for (const { stage, plan } of plans) {
      const stageEdits = await plan.edits(batch);
      for (const edit of stageEdits) if (edit.move && edit.move.shard !== edit.shard) moves.add(stage, edit.shard, edit.move.shard, edit.move.reason);
      edits.push(...stageEdits);
    }
    // With a run step the batches stored their parts uncompressed (see `BuiltPipeline.storeParts`).
    const editOptions = { compressAll: runSteps.length > 0 };
    return editThreads ? editThreads.apply(parts, edits, editOptions) : applyRecordEdits(parts, edits, editOptions);
  };

  const output = new RunOutput(outDir, options.shardBytes);
  const readAhead = Math.max(1, options.readAhead ?? 4);
  const pending: Promise<BatchParts>[] = [];
  const removals: Promise<void>[] = [];
  let next = 0;
  let appended = 0;
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
      if (options.removeAppended) {
        const removal = removeBatchFiles(outDir, appended, record(appended));
        removal.catch(() => undefined);
        removals.push(removal);
      }
      appended += 1;
    }
    await output.close();
    await Promise.all(removals);
  } catch (error) {
    await output.abort();
    throw error;
  } finally {
    await editThreads?.close();
  }
  return { result: moves.applyTo(result, pipeline), shardFiles: output.files() };
}

/** Records the run steps moved from one shard to another, counted by stage, shards and reason (not one by one: a run may move most of its records). */
class MoveTally {
  private readonly moves = new Map<string, { stage: string; from: ShardName; to: ShardName; reason: string; count: number }>();

  add(stage: string, from: ShardName, to: ShardName, reason: string): void {
    const key = `${stage}\0${from}\0${to}\0${reason}`;
    const move = this.moves.get(key);
    if (move) move.count += 1;
    else this.moves.set(key, { stage, from, to, reason, count: 1 });
  }

  /**
   * `result` with the moved records counted in the shards they moved to (and in `rejectedByReason`
   * when that is rejected/), and as routes of the stages that moved them: merged as a batch whose
   * shard counts are the changes.
   */
  applyTo(result: BatchResult, pipeline: readonly StageDefinition[]): BatchResult {
    if (this.moves.size === 0) return result;
    const change = emptyBatchResult();
    for (const { stage, from, to, reason, count } of this.moves.values()) {
      change.shards[from] -= count;
      change.shards[to] += count;
      if (to === 'rejected') change.rejectedByReason[reason] = (change.rejectedByReason[reason] ?? 0) + count;
      const counts = (change.stages[stage] ??= { documents: 0, routed: {} });
      const byReason = (counts.routed[to] ??= {});
      byReason[reason] = (byReason[reason] ?? 0) + count;
    }
    return mergeBatchResults(result, change, pipeline);
  }
}

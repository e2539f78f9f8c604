import { canaryLabel, mixCanaries, type CanarySource } from '../../canaries/index.js';
import type { BackendPreference } from '../../classifier/backend-name.js';
import type { Scorer } from '../../classifier/scorer.js';
import { readInputs, resolveInputs, type ResolveOptions } from '../../documents/index.js';
import { DEFAULT_READER_OPTIONS, type ReadItem, type ReaderOptions } from '../../documents/types.js';
import { BatchBuilder, DEFAULT_BATCH_LIMITS } from '../../pipeline/batch-builder.js';
import type { DedupSettings } from '../../dedup/dedup-settings.js';
import { UsageError } from '../../errors.js';
import { assembleRun } from '../../pipeline/assemble-run.js';
import { emptyBatchResult, mergeBatchResults, withSidecarSummaries } from '../../pipeline/batch-result.js';
import { InlineBatchRunner, type BatchRunner } from '../../pipeline/batch-runner.js';
import { ThreadedBatchRunner } from '../../pipeline/batch-threads.js';
import { buildManifest, writeManifest, type Manifest } from '../../pipeline/manifest.js';
import { removePartFiles, writeBatchFiles, type BatchRecord } from '../../pipeline/output/batch-files.js';
import { checkOutputApartFromInputs, prepareOutputDir } from '../../pipeline/output/output-dir.js';
import { RunOutput } from '../../pipeline/output/run-output.js';
import type { BatchFailure } from '../../pipeline/failed-batch.js';
import { PIPELINE } from '../../pipeline/pipeline.js';
import type { PipelineSettings } from '../../pipeline/pipeline-settings.js';
import type { RunProgress } from '../../pipeline/run-progress.js';
import { runShards, runStepStages } from '../../pipeline/run-step.js';
import type { ModelRef, Thresholds } from '../../routing/index.js';
import type { ScopeSettings } from '../../scope/options.js';
import { BatchAttempts, type BatchTicket } from './batch-attempts.js';

/**
 * Read items per local batch: four times a queue job's (`DEFAULT_BATCH_LIMITS`), whose size is also
 * what a retried job costs. Every batch has fixed costs (its messages to and from a thread, the
 * stages' sidecars and summaries, with a run step its part files); on the pipeline bench input (100 MB,
 * 2 threads) 1,024 took `filter` from 17.0-17.4 s to 15.9-16.4 s, and `--dedup near` from 22.1 to
 * 19.7 s, for 10 MB more peak RSS (55 MB more with `--dedup near`, which holds its batches' parts).
 */
export const LOCAL_BATCH_DOCS = 1024;

export interface LocalFilterOptions {
  inputs: string[];
  outDir: string;
  model: ModelRef;
  /** Where the batch threads load the model from (its hash must be `model.hash`); not needed with `scorer`. */
  modelDir?: string;
  /** tfjs backend of the batch threads. @defaultValue 'auto' */
  backend?: BackendPreference;
  thresholds: Thresholds;
  /** Batch threads, each running the whole pipeline on one batch at a time. @defaultValue 1 */
  threads?: number;
  /**
   * Process batches in this thread with this scorer instead of on batch threads with the model in
   * `modelDir` (tests use a stand-in; embedding too). The caller closes it.
   */
  scorer?: Scorer;
  /** Replace the shards of a previous run in `outDir`. @defaultValue false */
  overwrite?: boolean;
  /** Rotate shard files at this many uncompressed bytes. @defaultValue 256 MiB */
  shardBytes?: number;
  reader?: Partial<ReaderOptions>;
  /** Read items per batch, as the queue executor's `--batch-docs`. @defaultValue {@link LOCAL_BATCH_DOCS} */
  batchDocs?: number;
  /** Close a batch at this much text, as the queue executor's `--batch-bytes`. @defaultValue 4 MiB */
  batchBytes?: number;
  /** Batches processed ahead of the one being written; bounds memory. @defaultValue 2 per thread */
  batchesInFlight?: number;
  onProgress?: (progress: RunProgress) => void;
  /**
   * Labeled documents to mix into the stream: processed like any document, tallied in the
   * manifest's `canaries` block, never written to a shard nor counted in `counts`.
   */
  canaries?: CanarySource;
  /** Measure each shard's corpus statistics (manifest `diversity`). @defaultValue true */
  diversity?: boolean;
  /** Hears of the files of an input directory or glob left out as of no known format (see `resolveInputs`). */
  onSkippedInputs?: ResolveOptions['onSkipped'];
  /**
   * Tries per batch: a batch whose processing fails (threads that died are replaced first) is tried
   * again, and after the last try its records are rejected as `processing-failed`. @defaultValue 3
   */
  attempts?: number;
  /** Hears of each batch given up on, with the last error. */
  onBatchFailed?: (failure: BatchFailure, attempts: number) => void;
  /** What the model judges; the rest goes to `unscored/` (see `PipelineSettings.scope`). @defaultValue null: every document is scored */
  scope?: ScopeSettings | null;
  /** Duplicate removal (`--dedup`); `mode: 'off'` or absent: none. */
  dedup?: DedupSettings;
}

/**
 * The local executor: reads every input in order and cuts it into batches, which the pipeline
 * processes on batch threads (several batches in flight), then appends each batch's parts to the
 * shards in batch order, so the output is the same for any number of threads, and the same as the
 * queue executor's. This thread only reads, schedules and appends. A batch that fails every try
 * costs its records (`processing-failed`), not the run. A run with a run step (`--dedup`) writes each
 * batch's files under `<out>/parts/` as a queue worker does instead, and assembles the shards from
 * them at the end as `finalize` does (`assembleRun`). Returns the manifest it wrote.
 */
export async function runLocalFilter(options: LocalFilterOptions): Promise<Manifest> {
  const startedAt = new Date();
  const reader: ReaderOptions = { ...DEFAULT_READER_OPTIONS, ...options.reader };
  const files = await resolveInputs(options.inputs, { onSkipped: options.onSkippedInputs });
  // Before anything is cleared: --overwrite must never delete an input.
  await checkOutputApartFromInputs(options.outDir, options.inputs, files.map((f) => f.path));
  if (options.modelDir === undefined && options.scorer === undefined) throw new UsageError('the local executor needs a model directory or a scorer');
  const settings: PipelineSettings = {
    model: { name: options.model.name, hash: options.model.hash },
    modelDir: options.modelDir ?? 'in-process-scorer',
    backend: options.backend ?? 'auto',
    thresholds: options.thresholds,
    idField: reader.idField,
    canaries: options.canaries !== undefined,
    scope: options.scope ?? null,
    ...(options.dedup && options.dedup.mode !== 'off' ? { dedup: options.dedup } : {}),
    diversity: options.diversity ?? true,
  };
  const shards = runShards(settings, PIPELINE);
  await prepareOutputDir(options.outDir, options.overwrite ?? false, shards);
  await removePartFiles(options.outDir);
  // With a run step every batch is needed at the end: batches wait as files, as a queue run's do.
  const spill = runStepStages(settings, PIPELINE).length > 0;
  const records: BatchRecord[] = [];
  const threads = options.threads ?? 1;
  const startRunner = async (): Promise<BatchRunner> => (options.scorer ? new InlineBatchRunner(options.scorer) : ThreadedBatchRunner.start(threads));
  const batches = new BatchAttempts(startRunner, await startRunner(), settings, options.attempts ?? 3, options.onBatchFailed);
  const batchesInFlight = options.batchesInFlight ?? 2 * threads;

  const output = new RunOutput(options.outDir, options.shardBytes);
  let total = emptyBatchResult();
  const totalBytes = files.every((f) => f.size !== undefined) ? files.reduce((sum, f) => sum + (f.size ?? 0), 0) : undefined;
  let read = 0;
  let bytes = 0;
  const inFlight: BatchTicket[] = [];
  const report = () => options.onProgress?.({ read, written: total.read, bytes, totalBytes });
  const appendOldest = async () => {
    const batch = await batches.settle(inFlight.shift()!);
    if (spill) records.push(await writeBatchFiles(options.outDir, records.length, batch));
    else await output.append(batch.parts);
    // Merged as the batches finish, spilled or not (a spilled run's assembleRun takes the merged results).
    total = mergeBatchResults(total, await withSidecarSummaries(batch.result, (stage) => batch.sidecars?.[stage]));
    report();
  };
  const submit = (items: ReadItem[]) => inFlight.push(batches.submit(items));

  try {
    const builder = new BatchBuilder({ batchDocs: options.batchDocs ?? LOCAL_BATCH_DOCS, batchBytes: options.batchBytes ?? DEFAULT_BATCH_LIMITS.batchBytes });
    const crawl = readInputs(files, { ...reader, onBytes: (n) => (bytes += n) });
    for await (const item of options.canaries ? mixCanaries(crawl, options.canaries) : crawl) {
      if (!(item.kind === 'document' && canaryLabel(item.document) !== undefined)) read += 1;
      const batch = builder.add(item);
      if (!batch) continue;
      submit(batch);
      while (inFlight.length > batchesInFlight) await appendOldest();
    }
    const last = builder.flush();
    if (last) submit(last);
    while (inFlight.length > 0) await appendOldest();
    await output.close();
  } catch (error) {
    await output.abort();
    throw error;
  } finally {
    await batches.close();
  }
  let shardFiles = output.files();
  if (spill) {
    // After the batch threads are gone: their memory is not needed any more.
    ({ result: total, shardFiles } = await assembleRun({ outDir: options.outDir, shardBytes: options.shardBytes, settings, batches: records.length, record: (batch) => records[batch]!, merged: total, removeAppended: true }));
    await removePartFiles(options.outDir);
  }

  const manifest = buildManifest({
    result: total,
    model: settings.model,
    thresholds: options.thresholds,
    inputs: files.map((f) => f.path),
    textField: reader.textField,
    outDir: options.outDir,
    shardFiles,
    executor: 'local',
    shards,
    startedAt,
    finishedAt: new Date(),
  });
  await writeManifest(options.outDir, manifest);
  return manifest;
}

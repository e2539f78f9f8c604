import { join } from 'node:path';
import { canaryLabel, CanaryTally, mixCanaries, type CanarySource } from '../canaries/index.js';
import { readInputs, resolveInputs, type ResolveOptions } from '../documents/index.js';
import { DEFAULT_READER_OPTIONS, type CrawlDocument, type ReaderOptions, type RejectReason } from '../documents/types.js';
import type { ModelRef, Route, Thresholds } from '../routing/index.js';
import { routeBatch } from './batch-router.js';
import { buildManifest, emptyCounts, writeManifest, type FinishedRun, type Manifest } from './manifest.js';
import { checkOutputApartFromInputs, prepareOutputDir, SHARD_DIRS, type ShardName } from './output-dir.js';
import { toRejectedRecord } from './provenance.js';
import type { Scorer } from './scorer.js';
import { ShardWriter } from './shard-writer.js';

export interface FilterProgress {
  /** Records read so far (documents and rejected). */
  read: number;
  /** Records in a shard so far. */
  written: number;
  /** Input bytes consumed, as stored (compressed for .gz). */
  bytes: number;
  /** Total input bytes when every input's size is known (not for stdin). */
  totalBytes?: number;
}

export interface LocalFilterOptions {
  inputs: string[];
  outDir: string;
  model: ModelRef;
  thresholds: Thresholds;
  /**
   * The scorer, or a function starting one: started only once the inputs resolved and the output
   * directory was accepted, so a bad path fails before any model loads. The caller closes it.
   */
  scorer: Scorer | (() => Promise<Scorer>);
  /** Replace the shards of a previous run in `outDir`. @defaultValue false */
  overwrite?: boolean;
  /** Rotate shard parts at this many uncompressed bytes. @defaultValue 256 MiB */
  shardBytes?: number;
  reader?: Partial<ReaderOptions>;
  /** Documents per scoring batch. @defaultValue 256 */
  batchDocs?: number;
  /** Batches scored ahead of the writer; bounds memory. @defaultValue 4 */
  batchesInFlight?: number;
  onProgress?: (progress: FilterProgress) => void;
  /**
   * Labeled documents to mix into the stream: routed like any document, tallied in the
   * manifest's `canaries` block, never written to a shard nor counted in `counts`.
   */
  canaries?: CanarySource;
  /** Hears of the files of an input directory or glob left out as of no known format (see `resolveInputs`). */
  onSkippedInputs?: ResolveOptions['onSkipped'];
}

interface InFlightBatch {
  docs: CrawlDocument[];
  scores: Promise<Float32Array>;
}

/**
 * The local executor: reads every input in order, scores documents in batches (several batches in
 * flight on the scorer's threads), and writes each batch in input order, so the shards are the same
 * for any number of threads. Returns the manifest it wrote.
 */
export async function runLocalFilter(options: LocalFilterOptions): Promise<Manifest> {
  const startedAt = new Date();
  const reader: ReaderOptions = { ...DEFAULT_READER_OPTIONS, ...options.reader };
  const batchDocs = options.batchDocs ?? 256;
  const batchesInFlight = options.batchesInFlight ?? 4;
  const files = await resolveInputs(options.inputs, { onSkipped: options.onSkippedInputs });
  // Before anything is cleared: --overwrite must never delete an input.
  await checkOutputApartFromInputs(options.outDir, options.inputs, files.map((f) => f.path));
  await prepareOutputDir(options.outDir, options.overwrite ?? false);
  const scorer = typeof options.scorer === 'function' ? await options.scorer() : options.scorer;

  const writers = Object.fromEntries(
    SHARD_DIRS.map((name) => [name, new ShardWriter(join(options.outDir, name), { shardBytes: options.shardBytes })]),
  ) as Record<ShardName, ShardWriter>;
  const counts = emptyCounts();
  const canaryTally = options.canaries ? new CanaryTally() : undefined;
  const isCanary = (doc: CrawlDocument) => canaryTally !== undefined && canaryLabel(doc) !== undefined;
  const rejectedByReason: Partial<Record<RejectReason, number>> = {};
  const totalBytes = files.every((f) => f.size !== undefined) ? files.reduce((sum, f) => sum + (f.size ?? 0), 0) : undefined;
  let bytes = 0;
  const report = () => options.onProgress?.({ read: counts.read, written: counts.read - pendingDocs(), bytes, totalBytes });

  const inFlight: InFlightBatch[] = [];
  const pendingDocs = () => inFlight.reduce((sum, b) => sum + b.docs.length, 0) + batch.length;
  let batch: CrawlDocument[] = [];

  const submit = () => {
    if (batch.length === 0) return;
    const docs = batch;
    batch = [];
    const scores = scorer.score(docs.map((d) => d.text));
    // Awaited in order below; this keeps a failure in a later batch from being reported as unhandled.
    scores.catch(() => undefined);
    inFlight.push({ docs, scores });
  };
  const writeOldest = async () => {
    const oldest = inFlight.shift()!;
    const routed = routeBatch(oldest.docs, await oldest.scores, options.model, options.thresholds, reader.idField);
    for (const [i, doc] of routed.entries()) {
      const label = canaryTally ? canaryLabel(oldest.docs[i]!) : undefined;
      if (label) {
        canaryTally!.add(label, doc.route);
        continue;
      }
      await writers[doc.route].write(doc.record);
      counts[doc.route as Route] += 1;
    }
    report();
  };

  try {
    const read = readInputs(files, { ...reader, onBytes: (n) => (bytes += n) });
    const items = options.canaries ? mixCanaries(read, options.canaries) : read;
    for await (const item of items) {
      if (!(item.kind === 'document' && isCanary(item.document))) counts.read += 1;
      if (item.kind === 'rejected') {
        counts.rejected += 1;
        rejectedByReason[item.rejected.reason] = (rejectedByReason[item.rejected.reason] ?? 0) + 1;
        await writers.rejected.write(toRejectedRecord(item.rejected));
        continue;
      }
      batch.push(item.document);
      if (batch.length >= batchDocs) {
        submit();
        while (inFlight.length > batchesInFlight) await writeOldest();
      }
    }
    submit();
    while (inFlight.length > 0) await writeOldest();
    for (const writer of Object.values(writers)) await writer.close();
  } catch (error) {
    await Promise.allSettled(Object.values(writers).map((w) => w.abort()));
    throw error;
  }

  const manifest = buildManifest({
    counts,
    rejectedByReason,
    model: options.model,
    thresholds: options.thresholds,
    inputs: files.map((f) => f.path),
    outDir: options.outDir,
    shardParts: Object.fromEntries(SHARD_DIRS.map((name) => [name, writers[name].parts])) as FinishedRun['shardParts'],
    executor: 'local',
    startedAt,
    finishedAt: new Date(),
    canaries: canaryTally,
  });
  await writeManifest(options.outDir, manifest);
  return manifest;
}

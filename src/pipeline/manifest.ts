import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CanaryReportSchema, canaryReport } from '../canaries/canary-tally.js';
import { estimatesFromRun, RunEstimatesSchema } from '../canaries/run-estimates.js';
import { CrawlsiftError } from '../errors.js';
import { ModelRefSchema, type ModelRef } from '../routing/model-ref.js';
import { ThresholdsSchema, type Thresholds } from '../routing/thresholds.js';
import { StageCountsSchema, type BatchResult } from './batch-result.js';
import { PIPELINE } from './pipeline.js';
import { LATER_SHARDS, SHARDS, type ShardName } from '../routing/shards.js';
import type { StageDefinition } from './stage.js';

const count = z.number().int().nonnegative();

/** `read` and the documents of each shard: `read` is their sum (see {@link countsReconcile}). */
// A shard newer than a manifest reads as 0 there (a run before the unscored shard had none).
const shardCount = count.default(0);
export const ManifestCountsSchema = z.object({ read: count, ...Object.fromEntries(SHARDS.map((s) => [s, shardCount])) as Record<ShardName, typeof shardCount> });
export type ManifestCounts = z.infer<typeof ManifestCountsSchema>;

/**
 * `manifest.json`: what a finished run says about itself, the same for both executors but for
 * `executor`, the queue's `run` and `batches`, and timing. Written last, so its presence says the run
 * finished; read back through this schema.
 */
export const ManifestSchema = z.object({
  counts: ManifestCountsSchema,
  /** Records in `rejected/` by reason: the readers' and the stages'. */
  rejectedByReason: z.record(z.string(), count),
  /** What each stage did with the crawl documents it was given, in pipeline order. */
  stages: z.record(z.string(), StageCountsSchema),
  model: ModelRefSchema,
  thresholds: ThresholdsSchema,
  inputs: z.array(z.string()),
  /**
   * The input field the documents' text was read from (`--text-field`; WARC/WET records keep theirs
   * in `text`). Absent in manifests written before it was recorded: `text` then.
   */
  textField: z.string().min(1).optional(),
  /** Each shard's files, relative to the output directory. */
  shards: z.object(Object.fromEntries(SHARDS.map((s) => [s, z.array(z.string()).default([])])) as Record<ShardName, z.ZodDefault<z.ZodArray<z.ZodString>>>),
  executor: z.enum(['local', 'queue']),
  /** The queue run's id (queue executor only). */
  run: z.string().optional(),
  /** The queue run's batch count (queue executor only). */
  batches: count.optional(),
  startedAt: z.string(),
  finishedAt: z.string(),
  seconds: z.number().nonnegative(),
  docsPerSecond: z.number().nonnegative(),
  /** Where the canaries (labeled documents mixed in with `--canaries`) went. */
  canaries: CanaryReportSchema.optional(),
  /** Prevalence and human-shard contamination estimated from the canaries (see `estimatesFromRun`). */
  estimates: RunEstimatesSchema.optional(),
});
/** A manifest, with what the stages that measure batches show, each under its own field (see `StageSummary`). */
export type Manifest = z.infer<typeof ManifestSchema> & Record<string, unknown>;

export const MANIFEST_FILE = 'manifest.json';

/** True when every record read is in exactly one shard's count (a shard the manifest lacks counts 0). */
export function countsReconcile(counts: Partial<ManifestCounts> & { read: number }): boolean {
  return counts.read === SHARDS.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
}

/** What a finished run knows; {@link buildManifest} turns it into `manifest.json`, the same for both executors. */
export interface FinishedRun {
  /** The merged results of every batch. */
  result: BatchResult;
  model: ModelRef;
  thresholds: Thresholds;
  inputs: string[];
  /** The input field the text was read from. */
  textField: string;
  outDir: string;
  /** The finished files of each shard, as paths. */
  shardFiles: Record<ShardName, readonly string[]>;
  executor: Manifest['executor'];
  startedAt: Date;
  finishedAt: Date;
  /** The queue run's id and batch count. */
  queue?: { run: string; batches: number };
  /**
   * The shards the run can write (`runShards`): a shard added later that the run cannot write
   * (duplicate/ without --dedup) is left out of the manifest, as it was before it existed. @defaultValue every shard
   */
  shards?: readonly ShardName[];
}

/** The manifest of a finished run: the one place a manifest is made (stage summaries shown as `pipeline`'s stages say). Pure. */
export function buildManifest(run: FinishedRun, pipeline: readonly StageDefinition[] = PIPELINE): Manifest {
  const { result } = run;
  const seconds = (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000;
  const listed = SHARDS.filter((name) => !LATER_SHARDS.has(name) || (run.shards ?? SHARDS).includes(name));
  const counts = { read: result.read, ...Object.fromEntries(listed.map((name) => [name, result.shards[name]])) } as ManifestCounts;
  const shards = Object.fromEntries(listed.map((name) => [name, (run.shardFiles[name] ?? []).map((p) => relativeTo(run.outDir, p))])) as Manifest['shards'];
  const canaries = result.canaries;
  const summaries: Record<string, unknown> = Object.fromEntries(
    pipeline.flatMap((d) => (d.summary && result.summaries?.[d.name] !== undefined ? [[d.summary.manifestKey, d.summary.toManifest(result.summaries[d.name])]] : [])),
  );
  const manifest: Manifest = {
    counts,
    rejectedByReason: result.rejectedByReason,
    stages: result.stages,
    model: { name: run.model.name, hash: run.model.hash },
    thresholds: run.thresholds,
    inputs: run.inputs,
    textField: run.textField,
    shards,
    executor: run.executor,
    ...(run.queue ? { run: run.queue.run, batches: run.queue.batches } : {}),
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    seconds,
    docsPerSecond: seconds > 0 ? counts.read / seconds : counts.read,
    ...(canaries
      ? { canaries: canaryReport(canaries.synthetic, canaries.human, canaries.notScored), estimates: estimatesFromRun(counts, canaries) }
      : {}),
  };
  return { ...manifest, ...summaries };
}

/** Writes `manifest.json` atomically: the manifest is what says a run finished. */
export async function writeManifest(outDir: string, manifest: Manifest): Promise<string> {
  const path = join(outDir, MANIFEST_FILE);
  const temp = path + '.inprogress';
  await writeFile(temp, JSON.stringify(manifest, null, 2) + '\n');
  await rename(temp, path);
  return path;
}

/**
 * Reads `manifest.json` of a finished run through its schema: a clear error naming the file when it
 * is missing, not JSON, or not a crawlsift manifest.
 */
export async function readManifestFile(outDir: string): Promise<Manifest> {
  const path = join(outDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CrawlsiftError('manifest-missing', `cannot read ${path}: is ${outDir} the --out directory of a finished run? (${(error as Error).message})`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CrawlsiftError('manifest-invalid', `${path} is not JSON: ${(error as Error).message}`);
  }
  const invalid = (issue: z.core.$ZodIssue, under: string[] = []) =>
    new CrawlsiftError('manifest-invalid', `${path} is not a crawlsift manifest: ${[...under, ...issue.path.map(String)].join('.') || '(top level)'}: ${issue.message}`);
  const parsed = ManifestSchema.loose().safeParse(json);
  if (!parsed.success) throw invalid(parsed.error.issues[0]!);
  for (const { summary } of PIPELINE) {
    if (!summary || parsed.data[summary.manifestKey] === undefined) continue;
    const field = summary.manifestSchema.safeParse(parsed.data[summary.manifestKey]);
    if (!field.success) throw invalid(field.error.issues[0]!, [summary.manifestKey]);
  }
  return parsed.data as Manifest;
}

function relativeTo(dir: string, path: string): string {
  return path.startsWith(dir) ? path.slice(dir.length).replace(/^[/\\]+/, '') : path;
}

import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CanaryTally } from '../canaries/canary-tally.js';
import type { CanaryReport, RunEstimates } from '../canaries/index.js';
import { estimatesFromRun } from '../canaries/run-estimates.js';
import type { RejectReason } from '../documents/types.js';
import type { ModelRef, Route, Thresholds } from '../routing/index.js';

export interface ShardCounts {
  /** Every input record: routed, rejected; canaries excluded. */
  read: number;
  human: number;
  synthetic: number;
  uncertain: number;
  rejected: number;
}

export interface Manifest {
  counts: ShardCounts;
  rejectedByReason: Partial<Record<RejectReason, number>>;
  model: ModelRef;
  thresholds: Thresholds;
  inputs: string[];
  shards: Record<Route | 'rejected', string[]>;
  executor: 'local' | 'queue';
  startedAt: string;
  finishedAt: string;
  seconds: number;
  docsPerSecond: number;
  /** Where the canaries (labeled documents mixed in with `--canaries`) were routed. */
  canaries?: CanaryReport;
  /** Prevalence and human-shard contamination estimated from the canaries (Rogan-Gladen). */
  estimates?: RunEstimates;
  [extra: string]: unknown;
}

export function emptyCounts(): ShardCounts {
  return { read: 0, human: 0, synthetic: 0, uncertain: 0, rejected: 0 };
}

/** True when every record read is in exactly one shard's count. */
export function countsReconcile(counts: ShardCounts): boolean {
  return counts.read === counts.human + counts.synthetic + counts.uncertain + counts.rejected;
}

export const MANIFEST_FILE = 'manifest.json';

/** Writes `manifest.json` atomically: the manifest is what says a run finished. */
export async function writeManifest(outDir: string, manifest: Manifest): Promise<string> {
  const path = join(outDir, MANIFEST_FILE);
  const temp = path + '.inprogress';
  await writeFile(temp, JSON.stringify(manifest, null, 2) + '\n');
  await rename(temp, path);
  return path;
}

/** What a finished run knows; {@link buildManifest} turns it into `manifest.json`, the same for both executors. */
export interface FinishedRun {
  counts: ShardCounts;
  rejectedByReason: Partial<Record<RejectReason, number>>;
  model: ModelRef;
  thresholds: Thresholds;
  inputs: string[];
  outDir: string;
  /** The finished part files of each shard, as paths under `outDir`. */
  shardParts: Record<Route | 'rejected', readonly string[]>;
  executor: Manifest['executor'];
  startedAt: Date;
  finishedAt: Date;
  canaries?: CanaryTally;
  /** Executor-specific fields (the queue's run id and batch count). */
  extra?: Record<string, unknown>;
}

export function buildManifest(run: FinishedRun): Manifest {
  const seconds = (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000;
  const shards = Object.fromEntries(
    Object.entries(run.shardParts).map(([name, parts]) => [name, parts.map((p) => relativeTo(run.outDir, p))]),
  ) as Manifest['shards'];
  return {
    counts: run.counts,
    rejectedByReason: run.rejectedByReason,
    model: { name: run.model.name, hash: run.model.hash },
    thresholds: run.thresholds,
    inputs: run.inputs,
    shards,
    executor: run.executor,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    seconds,
    docsPerSecond: seconds > 0 ? run.counts.read / seconds : run.counts.read,
    ...run.extra,
    ...(run.canaries ? { canaries: run.canaries.report(), estimates: estimatesFromRun(run.counts, run.canaries) } : {}),
  };
}

function relativeTo(dir: string, path: string): string {
  return path.startsWith(dir) ? path.slice(dir.length).replace(/^[/\\]+/, '') : path;
}

import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { MANIFEST_FILE, type Manifest } from '../pipeline/manifest.js';
import { isWithin, realPathOf } from '../pipeline/output/output-dir.js';
import { SHARDS } from '../routing/shards.js';

/** The files a finished run consists of: its `manifest.json` and every shard file the manifest lists. */
export function runFiles(outDir: string, manifest: Manifest): string[] {
  const shards = Object.values(manifest.shards).flatMap((parts) => (Array.isArray(parts) ? parts : []));
  return [join(outDir, MANIFEST_FILE), ...shards.map((part) => join(outDir, part))];
}

/** The run's shard directories: the four of every run, and any other directory that holds a listed shard. */
export function runShardDirs(outDir: string, manifest: Manifest): string[] {
  // A shard listed at the top of the run (no manifest this project writes has one) must not put
  // the whole output directory off limits.
  const listed = runFiles(outDir, manifest).slice(1).map((path) => dirname(path)).filter((dir) => resolve(dir) !== resolve(outDir));
  return [...new Set([...SHARDS.map((name) => join(outDir, name)), ...listed])];
}

/**
 * Refuses (a UsageError, exit 2) an output file inside one of the run's shard directories: a file
 * there would be taken for a shard, or replace one. A file beside them (`out/report.html`) is fine.
 * Compared by real path (symbolic links followed), also when the output does not exist yet.
 * @param command the command, as the message names it (`report`)
 * @param what the output's flag, as the message names it (`-o`)
 */
export async function refuseOutputInsideShardDirs(command: string, output: string, what: string, outDir: string, manifest: Manifest): Promise<void> {
  const out = await realPathOf(output);
  for (const dir of runShardDirs(outDir, manifest)) {
    if (isWithin(out, await realPathOf(dir))) {
      throw new UsageError(`${command} would write ${what} ${output} inside the run's shard directory ${dir}; write it beside the shards, e.g. ${join(outDir, 'report.html')}`);
    }
  }
}

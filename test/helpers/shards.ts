import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const SHARD_NAMES = ['human', 'synthetic', 'uncertain', 'rejected'] as const;

/** Every record of one shard directory, parts in name order, finished parts only. */
export function readShard(outDir: string, shard: string): Record<string, unknown>[] {
  const dir = join(outDir, shard);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .sort()
    .flatMap((f) => gunzipSync(readFileSync(join(dir, f))).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>));
}

/** The ids in each routed shard, for comparing runs. */
export function idsByShard(outDir: string): Record<string, string[]> {
  return Object.fromEntries(SHARD_NAMES.slice(0, 3).map((s) => [s, readShard(outDir, s).map((r) => String(r.id))]));
}

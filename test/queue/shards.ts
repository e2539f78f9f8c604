import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const SHARDS = ['human', 'synthetic', 'uncertain', 'unscored', 'duplicate', 'rejected'] as const;

/** The records of each shard part of a run, keyed `<shard>/<part file>`, in order. */
export function recordsByPart(outDir: string): Record<string, Record<string, unknown>[]> {
  const parts: Record<string, Record<string, unknown>[]> = {};
  for (const shard of SHARDS) {
    const dir = join(outDir, shard);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.jsonl.gz')) continue;
      parts[`${shard}/${file}`] = gunzipSync(readFileSync(join(dir, file))).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    }
  }
  return parts;
}

/** What identifies a record across runs: the id of a routed document, `file:line|offset` of a rejected one. */
export function recordKey(record: Record<string, unknown>): string {
  if (record.reason !== undefined && record.raw !== undefined) return `rejected:${record.file}:${record.line ?? record.offset ?? record.index}`;
  return String(record.id);
}

/** The sorted record keys of every part: equal for two runs when each shard part holds the same records. */
export function keysByPart(outDir: string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(recordsByPart(outDir)).map(([part, records]) => [part, records.map(recordKey).sort()]));
}

/** Every record key of the run, with duplicates kept (to look for them). */
export function allKeys(outDir: string): string[] {
  return Object.values(recordsByPart(outDir)).flat().map(recordKey);
}

export function readManifest(outDir: string): Record<string, any> {
  return JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
}

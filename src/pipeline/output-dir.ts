import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CrawlsiftError } from '../errors.js';
import { MANIFEST_FILE } from './manifest.js';

export const SHARD_DIRS = ['human', 'synthetic', 'uncertain', 'rejected'] as const;
export type ShardName = (typeof SHARD_DIRS)[number];

/**
 * Makes `outDir` ready for a run. A non-empty directory is refused unless `overwrite`, which
 * removes the previous run's shards and manifest (and nothing else) so no old part survives.
 */
export async function prepareOutputDir(outDir: string, overwrite: boolean): Promise<void> {
  let entries: string[] = [];
  try {
    entries = await readdir(outDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new CrawlsiftError('output-unwritable', `cannot use output directory ${outDir}: ${(error as Error).message}`, { cause: error });
    }
  }
  if (entries.length > 0 && !overwrite) {
    throw new CrawlsiftError('output-exists', `output directory ${outDir} is not empty; pass --overwrite to replace its shards`);
  }
  for (const name of [...SHARD_DIRS, MANIFEST_FILE, MANIFEST_FILE + '.inprogress']) {
    await rm(join(outDir, name), { recursive: true, force: true });
  }
  await mkdir(outDir, { recursive: true });
  for (const dir of SHARD_DIRS) await mkdir(join(outDir, dir), { recursive: true });
}

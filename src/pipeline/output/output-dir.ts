import { mkdir, readdir, realpath, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CrawlsiftError } from '../../errors.js';
import { MANIFEST_FILE } from '../manifest.js';
import { SHARDS, type ShardName } from '../../routing/shards.js';

/** The names crawlsift writes in a shard directory: shard files, finished or in progress. */
const SHARD_FILE = /^part-\d{5}\.jsonl\.gz(\.inprogress)?$/;

/**
 * Makes `outDir` ready for a run, with an empty directory for each of the run's `shards`. A
 * non-empty directory is refused unless `overwrite`, which removes the previous run's shard files
 * (every shard's, not only the run's) and manifest and nothing else: a shard directory holding
 * anything crawlsift did not write there (a file of the user's, a subdirectory) is refused, naming
 * it, before anything is removed. Callers that read inputs check {@link checkOutputApartFromInputs} first.
 */
export async function prepareOutputDir(outDir: string, overwrite: boolean, shards: readonly ShardName[]): Promise<void> {
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
  const ours = await runFilesIn(outDir, SHARDS, SHARD_FILE);
  try {
    for (const path of [...ours, join(outDir, MANIFEST_FILE), join(outDir, MANIFEST_FILE + '.inprogress')]) await rm(path, { force: true });
    await mkdir(outDir, { recursive: true });
    for (const dir of shards) await mkdir(join(outDir, dir), { recursive: true });
    // An earlier run's now empty directory of a shard this run does not write (duplicate/ before a run without --dedup).
    for (const dir of SHARDS) if (!shards.includes(dir)) await rmdir(join(outDir, dir)).catch(() => undefined);
  } catch (error) {
    throw new CrawlsiftError('output-unwritable', `cannot create output directory ${outDir}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The files crawlsift wrote in the subdirectories `dirs` of `dir` (names matching `ours`), to be
 * removed; refuses (`output-foreign-file`, naming it) when one of them holds anything else.
 */
export async function runFilesIn(dir: string, dirs: readonly string[], ours: RegExp): Promise<string[]> {
  const files: string[] = [];
  for (const sub of dirs) {
    const path = join(dir, sub);
    const entries = await readdir(path, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      if (error.code === 'ENOTDIR') throw foreign(path, dir);
      throw new CrawlsiftError('output-unwritable', `cannot use output directory ${dir}: ${error.message}`, { cause: error });
    });
    for (const entry of entries) {
      if (!entry.isFile() || !ours.test(entry.name)) throw foreign(join(path, entry.name), dir);
      files.push(join(path, entry.name));
    }
  }
  return files;
}

function foreign(path: string, dir: string): CrawlsiftError {
  return new CrawlsiftError(
    'output-foreign-file',
    `${path} was not written by crawlsift: --overwrite removes only crawlsift's shard files and manifest from ${dir}; move it, or write the run elsewhere`,
  );
}

/**
 * Refuses an output directory that overlaps the inputs: an input file inside `outDir`, an input
 * directory inside it, or `outDir` inside (or equal to) an input directory. `--overwrite` would
 * delete the inputs before they are read, and a later run would read old shards as input.
 * Compared by real path (symlinks followed), before anything is cleared.
 * @param inputs the inputs as given; `-` (stdin) and globs are checked through `files`
 * @param files the input files they resolved to
 */
export async function checkOutputApartFromInputs(outDir: string, inputs: readonly string[], files: readonly string[]): Promise<void> {
  const out = await realPathOf(outDir);
  const refuse = (why: string) =>
    new CrawlsiftError('output-overlaps-input', `output directory ${outDir} overlaps the input: ${why}; write the shards somewhere else`);
  for (const input of inputs) {
    if (input === '-') continue;
    const info = await stat(input).catch(() => undefined);
    if (!info?.isDirectory()) continue;
    const dir = await realPathOf(input);
    if (out === dir) throw refuse(`it is input directory ${input}`);
    if (isWithin(out, dir)) throw refuse(`it is inside input directory ${input}`);
    if (isWithin(dir, out)) throw refuse(`input directory ${input} is inside it`);
  }
  for (const file of files) {
    if (file === '-') continue;
    const real = await realPathOf(file);
    if (real === out) throw refuse(`it is input ${file}`);
    if (isWithin(real, out)) throw refuse(`input ${file} is inside it`);
  }
}

/**
 * The real path of `path` (absolute, symlinks resolved), also when it does not exist yet: the
 * real path of its nearest existing ancestor joined with the rest.
 */
export async function realPathOf(path: string): Promise<string> {
  const missing: string[] = [];
  let current = resolve(path);
  for (;;) {
    try {
      return join(await realpath(current), ...missing);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = dirname(current);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current) return resolve(path);
      missing.unshift(basename(current));
      current = parent;
    }
  }
}

/** True when absolute path `inner` is `outer` or lies inside it. */
export function isWithin(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

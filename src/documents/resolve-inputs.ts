import { constants, readdirSync, readlinkSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import fg from 'fast-glob';
import { InputError } from './input-error.js';
import { STDIN_PATH, detectFormat, type InputFile } from './input-format.js';

/**
 * Expands the inputs a user named into files to read, in order: `-` (stdin, read as JSONL;
 * gzip and zstd are detected from its bytes), a file, a directory (its files of known formats,
 * recursively, sorted), or a glob (`fast-glob` syntax, matches sorted, unknown formats skipped).
 * Symbolic links are followed, but a directory is entered once (by real path: a link back up the
 * tree is not a loop), and a file reached twice by any path is read once, under the first path
 * that reached it. Throws `InputError` for an input that does not exist, cannot be read, has an
 * unknown format, or matches no readable file, and for a broken symbolic link of a known format
 * inside a directory or glob (its records could never be read). Files of a directory or glob that are of no known
 * format are left out; `options.onSkipped` hears of them (callers warn: their records are never read).
 */
export async function resolveInputs(inputs: string[], options: ResolveOptions = {}): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  const add = async (file: InputFile): Promise<void> => {
    const key = file.path === STDIN_PATH ? STDIN_PATH : await realpath(file.path).catch(() => resolve(file.path));
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const input of inputs) {
    for (const file of await resolveInput(input, options)) await add(file);
  }
  return files;
}

export interface ResolveOptions {
  /** Called with a directory or glob and the files under it left out as of no known format. */
  onSkipped?: (input: string, skipped: string[]) => void;
}

/** Splits paths into those of a known format and the rest, telling `options.onSkipped` of the rest. */
function knownFormats(input: string, paths: string[], options: ResolveOptions): string[] {
  const known = paths.filter((path) => detectFormat(path) !== undefined);
  if (known.length < paths.length) options.onSkipped?.(input, paths.filter((path) => detectFormat(path) === undefined).sort());
  return known;
}

async function resolveInput(input: string, options: ResolveOptions): Promise<InputFile[]> {
  if (input === STDIN_PATH) return [{ path: STDIN_PATH, format: 'jsonl' }];
  const info = await stat(input).catch((error: NodeJS.ErrnoException) => error);
  if (!(info instanceof Error)) {
    if (info.isDirectory()) return resolveDirectory(input, options);
    return [await resolveFile(input, info.size)];
  }
  if (info.code !== 'ENOENT' && info.code !== 'ENOTDIR') {
    throw new InputError('input-unreadable', input, `cannot read ${input}: ${info.message}`, { cause: info });
  }
  if (fg.isDynamicPattern(input)) return resolveGlob(input, options);
  throw new InputError('input-not-found', input, `input not found: ${input}`);
}

async function resolveFile(path: string, size: number): Promise<InputFile> {
  const format = detectFormat(path);
  if (format === undefined) {
    throw new InputError(
      'unknown-format',
      path,
      `unknown input format: ${path} (expected .jsonl, .ndjson, .json (optionally .gz or .zst), .warc, .wet (optionally .gz; zstd WARC/WET is not read))`,
    );
  }
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    throw new InputError('input-unreadable', path, `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return { path, size, format };
}

async function resolveDirectory(dir: string, options: ResolveOptions): Promise<InputFile[]> {
  const sizes = walkFiles(dir, '**/*', dir);
  const files = knownFormats(dir, [...sizes.keys()], options).sort();
  if (files.length === 0) throw new InputError('no-match', dir, `no .jsonl/.json/.warc/.wet files in directory ${dir}`);
  return Promise.all(files.map((path) => resolveFile(path, sizes.get(path)!)));
}

async function resolveGlob(pattern: string, options: ResolveOptions): Promise<InputFile[]> {
  const sizes = walkFiles(pattern, pattern);
  const matches = knownFormats(pattern, [...sizes.keys()], options).sort();
  if (matches.length === 0) throw new InputError('no-match', pattern, `no readable input files match ${pattern}`);
  return Promise.all(matches.map((path) => resolveFile(path, sizes.get(path)!)));
}

/**
 * A file system for fast-glob that lists each directory once by real path: a symbolic link to a
 * directory already listed (a loop such as `sub/up -> ..`, or a second link to one directory) lists
 * as empty, so a walk ends and reads no file twice. Entries come sorted (real entries before
 * symbolic links, then by name), and the walk is the synchronous one (breadth first, one directory
 * at a time), so which path reaches a directory first, and with it the paths of its files, is the
 * same on every run: the shallowest, preferring a real directory to a link at the same depth.
 */
function enteredOnce(): { readdirSync: typeof readdirSync } {
  const listed = new Set<string>();
  const list = (path: string, options?: unknown): unknown => {
    const real = realpathSync(path);
    if (listed.has(real)) return [];
    listed.add(real);
    const entries = readdirSync(path, options as { withFileTypes: true }) as (Dirent | string)[];
    return entries.sort(byEntry);
  };
  return { readdirSync: list as typeof readdirSync };
}

/**
 * The regular files a walk of `pattern` (under `cwd`, when given) reaches, by path, with their
 * sizes. A directory it cannot list, and a broken symbolic link whose name is of a known format,
 * are an `InputError`; other entries that are not regular files (directories, FIFOs, sockets,
 * broken links of other names) are left out.
 */
function walkFiles(input: string, pattern: string, cwd?: string): Map<string, number> {
  let entries: string[];
  try {
    entries = fg.sync(pattern, { cwd, onlyFiles: false, markDirectories: true, followSymbolicLinks: true, fs: enteredOnce() });
  } catch (error) {
    const path = (error as NodeJS.ErrnoException).path ?? input;
    throw new InputError('input-unreadable', input, `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  const files = new Map<string, number>();
  for (const entry of entries) {
    if (entry.endsWith('/')) continue;
    const path = cwd === undefined ? entry : join(cwd, entry);
    const info = statOrError(path);
    if (!(info instanceof Error)) {
      if (info.isFile()) files.set(path, info.size);
    } else if (detectFormat(path) !== undefined) {
      const why = info.code === 'ENOENT' ? `broken symbolic link (to ${readlinkSync(path)}, which does not exist)` : info.message;
      throw new InputError('input-unreadable', path, `cannot read ${path}: ${why}`, { cause: info });
    }
  }
  return files;
}

function statOrError(path: string): Stats | NodeJS.ErrnoException {
  try {
    return statSync(path);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

function byEntry(a: Dirent | string, b: Dirent | string): number {
  const link = (e: Dirent | string) => (typeof e === 'string' ? 0 : Number(e.isSymbolicLink()));
  const name = (e: Dirent | string) => (typeof e === 'string' ? e : e.name);
  return link(a) - link(b) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);
}

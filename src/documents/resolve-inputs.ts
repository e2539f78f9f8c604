import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import fg from 'fast-glob';
import { InputError } from './input-error.js';
import { STDIN_PATH, detectFormat, type InputFile } from './input-format.js';

/**
 * Expands the inputs a user named into files to read, in order: `-` (stdin, read as JSONL;
 * gzip is detected from its bytes), a file, a directory (its files of known formats,
 * recursively, sorted), or a glob (`fast-glob` syntax, matches sorted, unknown formats skipped).
 * A file reached twice is read once. Throws `InputError` for an input that does not exist,
 * cannot be read, has an unknown format, or matches no readable file.
 */
export async function resolveInputs(inputs: string[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  const add = (file: InputFile): void => {
    const key = file.path === STDIN_PATH ? STDIN_PATH : resolve(file.path);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const input of inputs) {
    for (const file of await resolveInput(input)) add(file);
  }
  return files;
}

async function resolveInput(input: string): Promise<InputFile[]> {
  if (input === STDIN_PATH) return [{ path: STDIN_PATH, format: 'jsonl' }];
  const info = await stat(input).catch((error: NodeJS.ErrnoException) => error);
  if (!(info instanceof Error)) {
    if (info.isDirectory()) return resolveDirectory(input);
    return [await resolveFile(input, info.size)];
  }
  if (info.code !== 'ENOENT' && info.code !== 'ENOTDIR') {
    throw new InputError('input-unreadable', input, `cannot read ${input}: ${info.message}`, { cause: info });
  }
  if (fg.isDynamicPattern(input)) return resolveGlob(input);
  throw new InputError('input-not-found', input, `input not found: ${input}`);
}

async function resolveFile(path: string, size: number): Promise<InputFile> {
  const format = detectFormat(path);
  if (format === undefined) {
    throw new InputError(
      'unknown-format',
      path,
      `unknown input format: ${path} (expected .jsonl, .ndjson, .json, .warc, .wet, optionally .gz)`,
    );
  }
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    throw new InputError('input-unreadable', path, `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return { path, size, format };
}

async function resolveDirectory(dir: string): Promise<InputFile[]> {
  const entries = await fg('**/*', { cwd: dir, onlyFiles: true, followSymbolicLinks: true });
  const files = entries
    .filter((entry) => detectFormat(entry) !== undefined)
    .map((entry) => join(dir, entry))
    .sort();
  if (files.length === 0) throw new InputError('no-match', dir, `no .jsonl/.json/.warc/.wet files in directory ${dir}`);
  return Promise.all(files.map(async (path) => resolveFile(path, (await stat(path)).size)));
}

async function resolveGlob(pattern: string): Promise<InputFile[]> {
  const matches = (await fg(pattern, { onlyFiles: true, followSymbolicLinks: true }))
    .filter((path) => detectFormat(path) !== undefined)
    .sort();
  if (matches.length === 0) throw new InputError('no-match', pattern, `no readable input files match ${pattern}`);
  return Promise.all(matches.map(async (path) => resolveFile(path, (await stat(path)).size)));
}

import { constants } from 'node:fs';
import { access, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CrawlsiftError } from '../errors.js';

const unwritable = (message: string, cause?: unknown) => new CrawlsiftError('output-unwritable', message, { cause });

/**
 * Checks, before any work, that a file can be written at `path`: not a directory, in an existing
 * directory this process may write. `what` names it in the error (e.g. `--report`).
 */
export async function checkWritableFile(path: string, what: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) throw unwritable(`cannot write ${what} ${path}: it is a directory`);
  const dir = dirname(path);
  const dirInfo = await stat(dir).catch(() => undefined);
  if (!dirInfo) throw unwritable(`cannot write ${what} ${path}: directory ${dir} does not exist`);
  if (!dirInfo.isDirectory()) throw unwritable(`cannot write ${what} ${path}: ${dir} is not a directory`);
  try {
    await access(info ? path : dir, constants.W_OK);
  } catch (cause) {
    throw unwritable(`cannot write ${what} ${path}: ${info ? 'the file' : `directory ${dir}`} is not writable`, cause);
  }
}

/** Creates directory `path` (and its parents) for output; an existing file there or a failure is a one-line error. */
export async function makeOutputDir(path: string, what: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info && !info.isDirectory()) throw unwritable(`cannot use ${what} ${path}: it is a file, not a directory`);
  try {
    await mkdir(path, { recursive: true });
    await access(path, constants.W_OK);
  } catch (cause) {
    throw unwritable(`cannot create ${what} ${path}: ${(cause as Error).message}`, cause);
  }
}

/** writeFile with a one-line error naming the file. */
export async function writeOutputFile(path: string, content: string, what: string): Promise<void> {
  try {
    await writeFile(path, content);
  } catch (cause) {
    throw unwritable(`cannot write ${what} ${path}: ${(cause as Error).message}`, cause);
  }
}

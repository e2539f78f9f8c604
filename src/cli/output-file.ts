import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, mkdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CrawlsiftError, UsageError } from '../errors.js';

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

/**
 * Refuses (a UsageError, exit 2) an output that is one of the command's inputs: the same file by
 * device and inode, so a symbolic or hard link to an input, or another spelling of its path, is
 * caught too. Call it before any work: the inputs are read after the output would have replaced
 * them, or the output replaces them at the end. An input that does not exist (yet) is skipped; its
 * reader reports it.
 * @param command the command, as the message names it (`eval`)
 * @param output the output file as given
 * @param what the output's flag or role, as the message names it (`--report`, `output`)
 * @param inputs the files the command reads
 */
export async function refuseOverwritingInput(command: string, output: string, what: string, inputs: Iterable<string>): Promise<void> {
  const out = await stat(output).catch(() => undefined);
  if (!out) return;
  for (const input of inputs) {
    if (input === '-') continue;
    const info = await stat(input).catch(() => undefined);
    if (info && info.dev === out.dev && info.ino === out.ino) {
      throw new UsageError(`${command} would overwrite its input ${input} (${what} ${output} is the same file); write to another file`);
    }
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

/**
 * Writes `content` to `path` atomically: into a temporary file in the same directory, renamed over
 * `path` when complete, so a failed write (disk full, killed process) never leaves a half file
 * where a whole one was expected, nor destroys the file that was there. A symbolic link at `path`
 * is kept: its target is replaced, as a plain write would. An existing file keeps its permissions.
 * A failure is a one-line error naming the file.
 */
export async function writeOutputFile(path: string, content: string, what: string): Promise<void> {
  const target = await realpath(path).catch(() => path);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const mode = (await stat(target).catch(() => undefined))?.mode;
    await writeFile(temp, content, { flag: 'wx' });
    if (mode !== undefined) await chmod(temp, mode & 0o7777);
    await rename(temp, target);
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw unwritable(`cannot write ${what} ${path}: ${(cause as Error).message}`, cause);
  }
}

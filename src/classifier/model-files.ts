// The model's files on disk, without tfjs: the CLI's main thread reads the card and hash of a
// model it never runs, and loading tfjs there would cost ~60 MB of memory for nothing.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClassifierError } from './errors.js';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

/** sha256 (hex) over model.json then weights.bin. */
export async function hashModelFiles(dir: string): Promise<string> {
  const { json, weights } = await readModelFiles(dir);
  return hashModelBytes(json, weights);
}

export function hashModelBytes(json: Buffer, weights: Buffer): string {
  return createHash('sha256').update(json).update(weights).digest('hex');
}

export async function readModelFiles(dir: string): Promise<{ json: Buffer; weights: Buffer }> {
  try {
    const [json, weights] = await Promise.all([readFile(join(dir, MODEL_JSON)), readFile(join(dir, WEIGHTS_BIN))]);
    return { json, weights };
  } catch (cause) {
    throw new ClassifierError('model-files-invalid', `cannot read ${MODEL_JSON} and ${WEIGHTS_BIN} in ${dir}: ${(cause as Error).message}`, { cause });
  }
}

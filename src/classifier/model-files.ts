// The model's files on disk, without tfjs: the CLI's main thread reads the card and hash of a
// model it never runs, and loading tfjs there would cost ~60 MB of memory for nothing.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClassifierError } from './errors.js';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';
/** A model's class-conditional LMs (see `ClassLm`), when it has them: part of its hash. */
export const CLASS_LM_BIN = 'class-lm.bin';

export interface ModelBytes {
  json: Buffer;
  weights: Buffer;
  /** `class-lm.bin`, when the directory has one. */
  classLm?: Buffer;
}

/** sha256 (hex) over model.json, weights.bin and class-lm.bin when there is one. */
export async function hashModelFiles(dir: string): Promise<string> {
  return hashModelBytes(await readModelFiles(dir));
}

export function hashModelBytes({ json, weights, classLm }: ModelBytes): string {
  const hash = createHash('sha256').update(json).update(weights);
  if (classLm) hash.update(classLm);
  return hash.digest('hex');
}

export async function readModelFiles(dir: string): Promise<ModelBytes> {
  try {
    const [json, weights, classLm] = await Promise.all([
      readFile(join(dir, MODEL_JSON)),
      readFile(join(dir, WEIGHTS_BIN)),
      readFile(join(dir, CLASS_LM_BIN)).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return undefined;
        throw e;
      }),
    ]);
    return classLm ? { json, weights, classLm } : { json, weights };
  } catch (cause) {
    throw new ClassifierError('model-files-invalid', `cannot read ${MODEL_JSON} and ${WEIGHTS_BIN} in ${dir}: ${(cause as Error).message}`, { cause });
  }
}

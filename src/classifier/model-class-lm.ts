import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { adoptClassLm, decodeClassLm, shareClassLm, type ClassLmTables, type SharedClassLm } from '../features/index.js';
import { readCard, type ModelCard } from './card.js';
import { ClassifierError } from './errors.js';

/** What a shared class LM is keyed by: the sha256 (hex) of the `class-lm.bin` it came from. */
export function classLmKey(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The scoring tables of the class LM `card` names, from its file's `bytes`: `shared`'s when they
 * came from these bytes (its key; `shared: true`), else decoded from them. Undefined for a model
 * without class LMs.
 */
export function modelClassLm(card: ModelCard, bytes: Uint8Array | undefined, dir: string, shared?: SharedClassLm): { lm: ClassLmTables; shared: boolean } | undefined {
  if (!card.classLm) return undefined;
  if (!bytes) throw new ClassifierError('model-files-invalid', `the card of ${dir} names ${card.classLm.file}, which is missing`);
  if (shared && shared.key === classLmKey(bytes)) return { lm: adoptClassLm(shared), shared: true };
  try {
    return { lm: decodeClassLm(bytes), shared: false };
  } catch (cause) {
    throw new ClassifierError('model-files-invalid', `${dir}/${card.classLm.file}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * The class LM of the model in `dir`, its tables in SharedArrayBuffers for the threads that will
 * load that model (`loadDetector`'s `sharedClassLm`). Undefined when the model has none, or when it
 * cannot be read here: each thread then reads its own, and reports what is wrong with it.
 */
export async function shareModelClassLm(dir: string): Promise<SharedClassLm | undefined> {
  try {
    const card = await readCard(dir);
    if (!card.classLm) return undefined;
    const bytes = await readFile(join(dir, card.classLm.file));
    return shareClassLm(decodeClassLm(bytes), classLmKey(bytes));
  } catch {
    return undefined;
  }
}

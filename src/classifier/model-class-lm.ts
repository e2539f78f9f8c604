import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { adoptClassLm, decodeClassLm, shareClassLm, type ClassLm, type ClassLmTables, type SharedClassLm } from '../features/index.js';
import { readCard, type ClassLmCard, type ModelCard } from './card.js';
import { ClassifierError } from './errors.js';

/** What a shared class LM is keyed by: the sha256 (hex) of the `class-lm.bin` it came from. */
export function classLmKey(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The class LM `card` names, decoded from its file's `bytes`, with those bytes and the card's
 * record of it; undefined for a model without class LMs.
 * @throws {ClassifierError} `model-files-invalid` when the file is missing or cannot be decoded.
 */
export function readModelClassLm(card: ModelCard, bytes: Uint8Array | undefined, dir: string): { lm: ClassLm; bytes: Uint8Array; card: ClassLmCard } | undefined {
  if (!card.classLm) return undefined;
  if (!bytes) throw new ClassifierError('model-files-invalid', `the card of ${dir} names ${card.classLm.file}, which is missing`);
  try {
    return { lm: decodeClassLm(bytes), bytes, card: card.classLm };
  } catch (cause) {
    throw new ClassifierError('model-files-invalid', `${dir}/${card.classLm.file}: ${(cause as Error).message}`, { cause });
  }
}

/**
 * The scoring tables of the class LM `card` names, from its file's `bytes`: `shared`'s when they
 * came from these bytes (its key; `shared: true`), else decoded from them (readModelClassLm).
 * Undefined for a model without class LMs.
 */
export function modelClassLm(card: ModelCard, bytes: Uint8Array | undefined, dir: string, shared?: SharedClassLm): { lm: ClassLmTables; shared: boolean } | undefined {
  if (card.classLm && bytes && shared && shared.key === classLmKey(bytes)) return { lm: adoptClassLm(shared), shared: true };
  const own = readModelClassLm(card, bytes, dir);
  return own && { lm: own.lm, shared: false };
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
    const own = readModelClassLm(card, await readFile(join(dir, card.classLm.file)), dir);
    return own && shareClassLm(own.lm, classLmKey(own.bytes));
  } catch {
    return undefined;
  }
}

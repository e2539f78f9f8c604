import { adoptClassLm, decodeClassLm, shareClassLm, type ClassLm, type ClassLmTables, type SharedClassLm } from '../features/index.js';
import { readCard, type ClassLmCard, type ModelCard } from './card.js';
import { ClassifierError } from './errors.js';
import { hashModelBytes, readModelFiles } from './model-files.js';

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
 * came from the same model files (its key is `modelHash`, the hash of the files these bytes were
 * read with; `shared: true`), else decoded from them (readModelClassLm). Undefined for a model
 * without class LMs.
 */
export function modelClassLm(card: ModelCard, bytes: Uint8Array | undefined, modelHash: string, dir: string, shared?: SharedClassLm): { lm: ClassLmTables; shared: boolean } | undefined {
  if (card.classLm && bytes && shared && shared.key === modelHash) return { lm: adoptClassLm(shared), shared: true };
  const own = readModelClassLm(card, bytes, dir);
  return own && { lm: own.lm, shared: false };
}

/**
 * The class LM of the model in `dir`, its tables in SharedArrayBuffers for the threads that will
 * load that model (`loadDetector`'s `sharedClassLm`), keyed by the hash of the model files it was
 * read with: a thread that loads files with that hash adopts it without hashing the class LM's
 * bytes again. Undefined when the model has none, or when it cannot be read here: each thread then
 * reads its own, and reports what is wrong with it.
 */
export async function shareModelClassLm(dir: string): Promise<SharedClassLm | undefined> {
  try {
    const card = await readCard(dir);
    if (!card.classLm) return undefined;
    const files = await readModelFiles(dir);
    const own = readModelClassLm(card, files.classLm, dir);
    return own && shareClassLm(own.lm, hashModelBytes(files));
  } catch {
    return undefined;
  }
}

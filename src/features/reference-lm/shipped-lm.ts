import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadReferenceLm, loadScoringWordLm } from './format.js';
import type { ReferenceLm } from './features.js';
import type { PackedLm } from './ngram-lm.js';

let cached: ReferenceLm | undefined;
let cachedWord: PackedLm | undefined;

/**
 * `$<envName>`, else the package's `relativePath` (from the package's root, which is the
 * repository's in a checkout). The module runs from `src/features/reference-lm` under tsx and from
 * `dist/src/features/reference-lm` once built, so both depths are tried.
 */
export function packagedPath(envName: string, relativePath: string): string {
  const fromEnv = process.env[envName];
  if (fromEnv) return fromEnv;
  const candidates = ['../../../', '../../../../'].map((up) => fileURLToPath(new URL(up + relativePath, import.meta.url)));
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}

/** Path of the shipped reference LM: `$CRAWLSIFT_REFERENCE_LM`, else `classifiers/reference-lm/reference-lm.bin`. */
export function shippedReferenceLmPath(): string {
  return packagedPath('CRAWLSIFT_REFERENCE_LM', 'classifiers/reference-lm/reference-lm.bin');
}

/**
 * The shipped reference LM, both models with their parallel arrays (for labs and tools), loaded
 * on first use (11 MB, ~0.3 s) and kept. The signature reads {@link shippedWordLm} instead.
 */
export function shippedReferenceLm(): ReferenceLm {
  cached ??= loadReferenceLm(shippedReferenceLmPath());
  return cached;
}

/**
 * The shipped word model in its scoring form, loaded on first use and kept for the life of the
 * process (or worker thread): what the signature's `lm_word_*` features read. Half the memory of
 * `shippedReferenceLm().word` (no parallel arrays) and no char model. A thread given its parent's
 * copy ({@link adoptSharedWordLm}) reads that one.
 */
export function shippedWordLm(): PackedLm {
  cachedWord ??= loadScoringWordLm(shippedReferenceLmPath());
  return cachedWord;
}

/** The shipped word model with its tables in SharedArrayBuffers, and the file it came from. */
export interface SharedWordLm {
  path: string;
  lm: PackedLm;
}

/**
 * The shipped word model built once in SharedArrayBuffers (24 MB), for a pool to hand its threads in
 * `workerData` (structured clone shares the buffers, it does not copy them): each thread then reads
 * this one copy instead of building its own ({@link adoptSharedWordLm}). This thread keeps and uses
 * it too. `undefined` when the file cannot be loaded: the threads then load it themselves, and
 * report the error where they would have without sharing.
 */
export function shareShippedWordLm(): SharedWordLm | undefined {
  const path = shippedReferenceLmPath();
  if (!(cachedWord && isShared(cachedWord))) {
    try {
      cachedWord = loadScoringWordLm(path, { shared: true });
    } catch {
      return undefined;
    }
  }
  return { path, lm: cachedWord };
}

/**
 * Makes `shared` (from {@link shareShippedWordLm} in the parent) this thread's shipped word model,
 * when it comes from the file this thread would load and none is loaded yet; otherwise nothing.
 */
export function adoptSharedWordLm(shared: SharedWordLm | undefined): void {
  if (!shared || cachedWord || shared.path !== shippedReferenceLmPath() || !isShared(shared.lm)) return;
  cachedWord = shared.lm;
}

function isShared(lm: PackedLm): boolean {
  return lm.tables.ngram.buffer instanceof SharedArrayBuffer && lm.tables.ctx.buffer instanceof SharedArrayBuffer;
}

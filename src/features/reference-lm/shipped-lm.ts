import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadReferenceLm } from './format.js';
import type { ReferenceLm } from './features.js';

/** Where the shipped model sits relative to the package root. */
const RELATIVE_PATH = 'classifiers/reference-lm/reference-lm.bin';

let cached: ReferenceLm | undefined;

/**
 * Path of the shipped reference LM: `$CRAWLSIFT_REFERENCE_LM`, else the package's
 * `classifiers/reference-lm/reference-lm.bin`. The module runs from `src/features/reference-lm`
 * under tsx and from `dist/src/features/reference-lm` once built, so both depths are tried.
 */
export function shippedReferenceLmPath(): string {
  const fromEnv = process.env.CRAWLSIFT_REFERENCE_LM;
  if (fromEnv) return fromEnv;
  const candidates = ['../../../', '../../../../'].map((up) => fileURLToPath(new URL(up + RELATIVE_PATH, import.meta.url)));
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}

/**
 * The shipped reference LM, loaded on first use (11 MB, ~0.3 s) and kept for the life of
 * the process (or worker thread): the signature's `lm_word_*` features read it.
 */
export function shippedReferenceLm(): ReferenceLm {
  cached ??= loadReferenceLm(shippedReferenceLmPath());
  return cached;
}

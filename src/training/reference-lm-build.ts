/**
 * Builds the reference language models (word trigram and character 5-gram) from human text: the
 * library side of scripts/build-reference-lm.ts, which writes the shipped
 * classifiers/reference-lm/reference-lm.bin. Deterministic: the same texts and options give the
 * same bytes.
 */
import { createHash } from 'node:crypto';
import { NgramCounter, buildNgramLm, charSymbols, saveReferenceLm, wordSymbols, type ReferenceLm } from '../features/reference-lm/index.js';

export interface ReferenceLmBuildOptions {
  /** Word model order. @defaultValue 3 */
  wordOrder?: number;
  /** Character model order. @defaultValue 5 */
  charOrder?: number;
  /** Minimum count per word n-gram order (index 0 = unigrams). @defaultValue [2, 2, 3] */
  wordMinCounts?: number[];
  /** Minimum count per character n-gram order. @defaultValue [1, 1, 2, 3, 4] */
  charMinCounts?: number[];
}

export const REFERENCE_LM_DEFAULTS = {
  wordOrder: 3,
  charOrder: 5,
  wordMinCounts: [2, 2, 3],
  charMinCounts: [1, 1, 2, 3, 4],
} as const satisfies Required<ReferenceLmBuildOptions>;

/** Both models from `texts` (each text its own sequence: n-grams never span two texts). */
export function buildReferenceLm(texts: readonly string[], options: ReferenceLmBuildOptions = {}): ReferenceLm {
  const o = { ...REFERENCE_LM_DEFAULTS, ...options };
  const wc = new NgramCounter(o.wordOrder);
  const cc = new NgramCounter(o.charOrder);
  for (const t of texts) {
    wc.add(wordSymbols(t, Number.MAX_SAFE_INTEGER).symbols);
    cc.add(charSymbols(t, Number.MAX_SAFE_INTEGER));
  }
  return {
    word: buildNgramLm(wc, { order: o.wordOrder, minCounts: [...o.wordMinCounts] }),
    char: buildNgramLm(cc, { order: o.charOrder, minCounts: [...o.charMinCounts] }),
  };
}

/**
 * Builds both models from `texts` and writes them to `path`, with the provenance the file's
 * header records: the source names, the sha256 of the texts (each followed by a newline) and
 * the options (discount 0.75, the builder's).
 */
export function writeReferenceLmFrom(path: string, texts: readonly string[], sources: readonly string[], options: ReferenceLmBuildOptions = {}): void {
  const o = { ...REFERENCE_LM_DEFAULTS, ...options };
  const lm = buildReferenceLm(texts, o);
  const sourceHash = createHash('sha256');
  for (const t of texts) sourceHash.update(t).update('\n');
  saveReferenceLm(path, lm, {
    sources: [...sources],
    sourceSha256: sourceHash.digest('hex'),
    options: {
      wordOrder: o.wordOrder,
      charOrder: o.charOrder,
      wordMinCounts: o.wordMinCounts.join(','),
      charMinCounts: o.charMinCounts.join(','),
      discount: 0.75,
    },
  });
}

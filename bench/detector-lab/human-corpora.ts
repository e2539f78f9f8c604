/**
 * Lab helpers for the labeled data, and the external human-text readers, which are library code
 * (src/training/human-corpora.ts: the shipped reference LM is built from them) re-exported here
 * for the lab scripts that import them from this file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export { brownParagraphs, detokenise, nlpCorpusSentences, sotuParagraphs } from '../../src/training/human-corpora.js';

export interface LabeledDoc {
  id: string;
  text: string;
  label: 'human' | 'synthetic';
  source: string;
  generator: string | null;
}

export const DATA_DIR = new URL('../../../shared/data/', import.meta.url).pathname;

export function readJsonl(path: string): LabeledDoc[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as LabeledDoc);
}

/** The shared hold-out rule for `modern`: sha256(id) first byte < 205 is train. */
export function isModernTrain(id: string): boolean {
  return createHash('sha256').update(id).digest()[0]! < 205;
}

/** Pair group of a detect-corpus id (`...-NNNN-h` / `-s`), or the id itself. */
export function groupOf(id: string): string {
  return id.replace(/-[hs]$/, '').replace(/-[hs]-(\d+)$/, '-$1');
}

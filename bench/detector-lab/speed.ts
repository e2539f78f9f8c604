/**
 * Cost of referenceLmFeatures per document (and of each model alone) on dev documents.
 *   npx tsx bench/detector-lab/speed.ts [classifiers/reference-lm/reference-lm.bin]
 */
import {
  loadReferenceLm, referenceLmFeatures, scoreSymbols, createTokenScores, wordSymbols, charSymbols,
  MAX_CHARS, MAX_WORD_TOKENS,
} from '../../src/features/reference-lm/index.js';
import { DATA_DIR, readJsonl } from './human-corpora.js';

const path = process.argv[2] ?? 'classifiers/reference-lm/reference-lm.bin';
let t0 = performance.now();
const lm = loadReferenceLm(path);
console.log(`load ${(performance.now() - t0).toFixed(0)} ms`);
const docs = readJsonl(`${DATA_DIR}detect-corpus/dev.jsonl`).map((d) => d.text);
const meanChars = docs.reduce((a, d) => a + d.length, 0) / docs.length;
const time = (label: string, f: (t: string) => void): void => {
  for (const d of docs) f(d); // warm-up
  const reps = 5;
  t0 = performance.now();
  for (let r = 0; r < reps; r++) for (const d of docs) f(d);
  const us = ((performance.now() - t0) * 1000) / (reps * docs.length);
  console.log(`${label}: ${us.toFixed(1)} us/doc (${docs.length} dev docs, mean ${meanChars.toFixed(0)} chars)`);
};
const s = createTokenScores(MAX_CHARS);
time('all features', (t) => referenceLmFeatures(t, lm));
time('word model only', (t) => scoreSymbols(lm.word, wordSymbols(t, MAX_WORD_TOKENS).symbols, s));
time('char model only', (t) => scoreSymbols(lm.char, charSymbols(t, MAX_CHARS), s));
time('tokenising only', (t) => { wordSymbols(t, MAX_WORD_TOKENS); charSymbols(t, MAX_CHARS); });

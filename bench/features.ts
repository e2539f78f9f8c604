/**
 * extractFeatures throughput on the detect-corpus test split (about 1 KB per document).
 * Run: npx tsx bench/features.ts [path.jsonl] [--rounds N]
 * Prints documents/s and µs/document (CPU time of this process) for the whole extraction and for its stages, so a
 * regression can be traced to normalisation, tokenisation, the signature or the n-grams.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { analyseNormalised } from '../src/features/analysis.js';
import { extractFeatures, FEATURE_SPEC } from '../src/features/index.js';
import { hashNgrams } from '../src/features/ngrams.js';
import { normalise } from '../src/features/normalise.js';
import { SIGNATURE_FEATURES } from '../src/features/signature.js';
import { tokenize } from '../src/features/tokenize.js';
import { deflateRatio } from '../src/features/compression.js';
import { buildVocabulary } from '../src/features/vocabulary.js';
import { wordLengthStats } from '../src/features/word-length.js';
import { countPunctuation } from '../src/features/punctuation.js';
import { functionWordProfile } from '../src/features/function-words.js';
import { rarityStats } from '../src/features/rarity.js';
import { referenceFrequencies } from '../src/features/reference-frequencies.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '20' } },
});
const path = positionals[0] ?? '/work/shared/data/detect-corpus/test.jsonl';
const rounds = Number(values.rounds);

const docs = readFileSync(path, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as { text: string }).text);
const meanBytes = docs.reduce((s, d) => s + Buffer.byteLength(d), 0) / docs.length;

/**
 * Runs `fn` over every document `rounds` times after one warm-up round; returns µs of this
 * process's CPU time (user + system) per document. CPU time rather than wall time, so that
 * other processes competing for the cores do not inflate the number.
 */
function timePerDoc<T>(inputs: readonly T[], fn: (x: T) => unknown): number {
  let sink = 0;
  for (const x of inputs) sink += fn(x) === undefined ? 0 : 1;
  const start = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const x of inputs) sink += fn(x) === undefined ? 0 : 1;
  const used = process.cpuUsage(start);
  if (sink < 0) console.log(sink); // keeps the calls from being optimised away
  return (used.user + used.system) / (rounds * inputs.length);
}

const normalised = docs.map((d) => normalise(d).toLowerCase());
const analyses = normalised.map((t) => analyseNormalised(t));

const stages: Array<[string, number]> = [
  ['normalise + toLowerCase', timePerDoc(docs, (d) => normalise(d).toLowerCase())],
  ['tokenize', timePerDoc(normalised, (t) => tokenize(t))],
  ['analyse (all shared counts below)', timePerDoc(normalised, (t) => analyseNormalised(t))],
  ['  buildVocabulary', timePerDoc(analyses, (a) => buildVocabulary(a.tokens.words))],
  ['  wordLengthStats', timePerDoc(analyses, (a) => wordLengthStats(a.tokens.words))],
  ['  countPunctuation', timePerDoc(analyses, (a) => countPunctuation(a.text))],
  ['  functionWordProfile', timePerDoc(analyses, (a) => functionWordProfile(a.vocabulary.types, a.vocabulary.counts))],
  ['  rarityStats', timePerDoc(analyses, (a) => rarityStats(a.vocabulary.types, a.vocabulary.counts, a.vocabulary.hashes, referenceFrequencies()))],
  ...SIGNATURE_FEATURES.map((f): [string, number] => [`  signature: ${f.name}`, timePerDoc(analyses, (a) => f.compute(a))]),
  ['  (reference: exact zlib deflateRatio, not used)', timePerDoc(analyses, (a) => deflateRatio(a.text))],
  ['hashed n-grams', timePerDoc(analyses, (a) => hashNgrams(a.tokens.words, a.text, FEATURE_SPEC.ngrams))],
];
// Five measurements of the whole extraction: the fastest is the least disturbed by other
// processes on a shared machine, the median says what to expect under that load.
const totals = Array.from({ length: 5 }, () => timePerDoc(docs, (d) => extractFeatures(d))).sort((a, b) => a - b);
const total = totals[0] as number;
const median = totals[2] as number;
const sparseMean = docs.reduce((s, d) => s + extractFeatures(d).sparse.length, 0) / docs.length;

console.log(`extractFeatures on ${path}`);
console.log(`${docs.length} documents, mean ${meanBytes.toFixed(0)} bytes, ${rounds} rounds, spec ${FEATURE_SPEC.version}`);
console.log(`mean sparse indices per document: ${sparseMean.toFixed(0)}`);
for (const [name, us] of stages) console.log(`${name.padEnd(52)} ${us.toFixed(2).padStart(8)} µs/doc`);
console.log(`${'extractFeatures (total, best of 5)'.padEnd(52)} ${total.toFixed(2).padStart(8)} µs/doc`);
console.log(`${'extractFeatures (total, median of 5)'.padEnd(52)} ${median.toFixed(2).padStart(8)} µs/doc`);
console.log(
  `throughput: ${Math.round(1e6 / total)} documents/s (best), ${Math.round(1e6 / median)} documents/s (median), ` +
    `per CPU-second of one thread; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
);

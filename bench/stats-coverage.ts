// Do `crawlsift stats --compare` intervals cover the true difference at their nominal 95%? A seeded
// simulation (bench/lib/coverage-simulation.ts): two populations of documents (the human and the
// machine side of detect-corpus/train, drawn with replacement, as from an infinite source), PAIRS
// pairs of corpora of DOCS documents each, every figure's difference (B - A) with bootstrap intervals
// from REPLICATES replicates, against its true difference: the mean over TRUTH independent pairs (type
// counts depend on corpus size). Writes bench/results/stats-coverage.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusMeasurer } from '../src/diversity/corpus-measurer.js';
import type { DocumentMeasure } from '../src/diversity/document-measure.js';
import { SCALAR_FIGURES } from '../src/diversity/intervals.js';
import { dataDir } from '../src/data-dir.js';
import { packageRoot } from '../src/paths.js';
import { simulateCoverage } from './lib/coverage-simulation.js';

const options = {
  pairs: Number(process.env.COVERAGE_PAIRS ?? 100),
  documents: Number(process.env.COVERAGE_DOCS ?? 100),
  replicates: Number(process.env.COVERAGE_REPLICATES ?? 100),
  truthDraws: Number(process.env.COVERAGE_TRUTH ?? 1000),
  seed: 18,
};
const measurer = corpusMeasurer();
const rows = readFileSync(join(dataDir(), 'detect-corpus', 'train.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string });
// A measure's arrays are views of reused buffers: keep copies.
const pool = (label: string): DocumentMeasure[] => rows.filter((r) => r.label === label).map((r) => structuredClone(measurer.measure(r.text)));
const started = Date.now();
const result = simulateCoverage(measurer, { a: pool('human'), b: pool('synthetic') }, options, (k) => {
  if (k % 20 === 0) console.error(`${k}/${options.pairs} pairs, ${((Date.now() - started) / 1000).toFixed(0)} s`);
});
mkdirSync(join(packageRoot(), 'bench', 'results'), { recursive: true });
writeFileSync(
  join(packageRoot(), 'bench', 'results', 'stats-coverage.json'),
  JSON.stringify({
    benchmark: 'stats-coverage',
    date: new Date().toISOString(),
    design: { populations: 'detect-corpus/train: human (A) vs synthetic (B), documents drawn with replacement', ...options, nominal: 0.95 },
    ...result,
    binomialStandardError: Math.sqrt((0.95 * 0.05) / options.pairs),
  }, null, 2) + '\n',
);
console.log('figure'.padEnd(24) + 'true B-A'.padStart(12) + 'percentile'.padStart(12) + 'normal'.padStart(10));
for (const n of SCALAR_FIGURES) console.log(n.padEnd(24) + result.trueDifference[n].toPrecision(4).padStart(12) + result.coverage.percentile[n].toFixed(3).padStart(12) + result.coverage.normal[n].toFixed(3).padStart(10));

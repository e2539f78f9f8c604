// Do `crawlsift stats --compare` intervals cover the true difference at their nominal 95%? A seeded
// simulation: two populations of documents (the human and the machine side of detect-corpus/train,
// each drawn with replacement, as from an infinite source), K pairs of corpora of N documents each,
// every figure's difference (B - A) with a bootstrap interval from R replicates. The true difference
// of a figure is its expected value over corpora of N documents (type counts depend on the size), from
// TRUTH_DRAWS independent pairs. Writes bench/results/stats-coverage.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BootstrapReplicates } from '../src/diversity/bootstrap.js';
import { corpusMeasurer } from '../src/diversity/corpus-measurer.js';
import { DEFAULT_SKETCH_LIMITS } from '../src/diversity/corpus-sketch.js';
import type { DocumentMeasure } from '../src/diversity/document-measure.js';
import { diversityFigures, type DiversityFigures } from '../src/diversity/figures.js';
import { normalInterval, percentileInterval, SCALAR_FIGURES, scalarFigure, type ScalarFigure } from '../src/diversity/intervals.js';
import { dataDir } from '../src/data-dir.js';
import { packageRoot } from '../src/paths.js';
import { mulberry32 } from '../src/random.js';

const K = Number(process.env.COVERAGE_PAIRS ?? 200);
const N = Number(process.env.COVERAGE_DOCS ?? 100);
const R = Number(process.env.COVERAGE_REPLICATES ?? 200);
const TRUTH_DRAWS = Number(process.env.COVERAGE_TRUTH ?? 2000);

const measurer = corpusMeasurer();
const pool = (label: string): DocumentMeasure[] =>
  readFileSync(join(dataDir(), 'detect-corpus', 'train.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string })
    .filter((r) => r.label === label).map((r) => structuredClone(measurer.measure(r.text)));
const pools = { A: pool('human'), B: pool('synthetic') };
const random = mulberry32(18);
const draw = (p: DocumentMeasure[]) => Array.from({ length: N }, () => p[Math.floor(random() * p.length)]!);

function figuresOf(docs: DocumentMeasure[]): DiversityFigures {
  const builder = measurer.builder();
  for (const m of docs) builder.add(m);
  return diversityFigures(builder.sketch(), { zipf: false });
}

const difference = (a: DiversityFigures, b: DiversityFigures, name: ScalarFigure) => scalarFigure(b, name)! - scalarFigure(a, name)!;

// The truth: the mean difference over many independent pairs of corpora of N documents.
const truth = Object.fromEntries(SCALAR_FIGURES.map((n) => [n, 0])) as Record<ScalarFigure, number>;
for (let i = 0; i < TRUTH_DRAWS; i++) {
  const a = figuresOf(draw(pools.A));
  const b = figuresOf(draw(pools.B));
  for (const n of SCALAR_FIGURES) truth[n] += difference(a, b, n) / TRUTH_DRAWS;
}

const covered = { percentile: {} as Record<string, number>, normal: {} as Record<string, number> };
for (const n of SCALAR_FIGURES) covered.percentile[n] = covered.normal[n] = 0;
const started = Date.now();
for (let k = 0; k < K; k++) {
  const corpora = [draw(pools.A), draw(pools.B)].map((docs, i) => {
    const builder = measurer.builder();
    const replicates = new BootstrapReplicates({ replicates: R, seed: 1000 * k + i }, DEFAULT_SKETCH_LIMITS.tailCapacity, DEFAULT_SKETCH_LIMITS.exactDistinct);
    for (const m of docs) {
      builder.add(m);
      replicates.add(m);
    }
    const sketch = builder.sketch();
    return { figures: diversityFigures(sketch, { zipf: false }), replicates: replicates.figures(sketch) };
  });
  const [a, b] = corpora as [(typeof corpora)[0], (typeof corpora)[0]];
  for (const n of SCALAR_FIGURES) {
    const diffs = a.replicates.map((ra, r) => difference(ra, b.replicates[r]!, n));
    const estimate = difference(a.figures, b.figures, n);
    for (const [method, interval] of [['percentile', percentileInterval(estimate, diffs)], ['normal', normalInterval(estimate, diffs)]] as const) {
      if (interval.ci95 && interval.ci95[0] <= truth[n] && truth[n] <= interval.ci95[1]) covered[method][n]! += 1;
    }
  }
  if ((k + 1) % 20 === 0) console.error(`${k + 1}/${K} pairs, ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

const rate = (method: 'percentile' | 'normal') => Object.fromEntries(SCALAR_FIGURES.map((n) => [n, covered[method][n]! / K]));
const result = {
  benchmark: 'stats-coverage',
  date: new Date().toISOString(),
  design: { populations: 'detect-corpus/train: human (A) vs synthetic (B), documents drawn with replacement', documentsPerCorpus: N, pairs: K, replicates: R, truthDraws: TRUTH_DRAWS, nominal: 0.95 },
  trueDifference: truth,
  coverage: { percentile: rate('percentile'), normal: rate('normal') },
  binomialStandardError: Math.sqrt((0.95 * 0.05) / K),
};
mkdirSync(join(packageRoot(), 'bench', 'results'), { recursive: true });
writeFileSync(join(packageRoot(), 'bench', 'results', 'stats-coverage.json'), JSON.stringify(result, null, 2) + '\n');
console.log('figure'.padEnd(24) + 'true B-A'.padStart(12) + 'percentile'.padStart(12) + 'normal'.padStart(10));
for (const n of SCALAR_FIGURES) console.log(n.padEnd(24) + truth[n].toPrecision(4).padStart(12) + result.coverage.percentile[n]!.toFixed(3).padStart(12) + result.coverage.normal[n]!.toFixed(3).padStart(10));

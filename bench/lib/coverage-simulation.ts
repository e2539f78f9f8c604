import { BootstrapReplicates } from '../../src/diversity/bootstrap.js';
import type { CorpusMeasurer } from '../../src/diversity/corpus-measurer.js';
import { DEFAULT_SKETCH_LIMITS } from '../../src/diversity/corpus-sketch.js';
import type { DocumentMeasure } from '../../src/diversity/document-measure.js';
import { diversityFigures, type DiversityFigures } from '../../src/diversity/figures.js';
import { normalInterval, percentileInterval, SCALAR_FIGURES, scalarFigure, type ScalarFigure } from '../../src/diversity/intervals.js';
import { mulberry32 } from '../../src/random.js';

export interface CoverageOptions {
  /** Pairs of corpora, each pair one interval per figure. */
  pairs: number;
  /** Documents per corpus. */
  documents: number;
  replicates: number;
  /** Independent pairs the true difference is the mean over. */
  truthDraws: number;
  seed: number;
}

export interface Coverage {
  /** Per figure: the mean difference B - A over `truthDraws` pairs of corpora of `documents` documents. */
  trueDifference: Record<ScalarFigure, number>;
  /** Per interval method and figure: the share of pairs whose 95% interval holds the true difference. */
  coverage: Record<'percentile' | 'normal', Record<ScalarFigure, number>>;
}

/**
 * The coverage of `stats --compare`'s intervals, seeded: populations A and B are pools of measured
 * documents drawn with replacement (as from an infinite source); each pair of corpora gets every
 * figure's difference with its bootstrap intervals, checked against the true difference.
 */
export function simulateCoverage(measurer: CorpusMeasurer, pools: { a: DocumentMeasure[]; b: DocumentMeasure[] }, options: CoverageOptions, onPair?: (done: number) => void): Coverage {
  const random = mulberry32(options.seed);
  const draw = (pool: DocumentMeasure[]) => Array.from({ length: options.documents }, () => pool[Math.floor(random() * pool.length)]!);
  const figuresOf = (docs: DocumentMeasure[]): DiversityFigures => {
    const builder = measurer.builder();
    for (const m of docs) builder.add(m);
    return diversityFigures(builder.sketch(), { zipf: false });
  };
  const difference = (a: DiversityFigures, b: DiversityFigures, name: ScalarFigure) => scalarFigure(b, name)! - scalarFigure(a, name)!;

  const trueDifference = Object.fromEntries(SCALAR_FIGURES.map((n) => [n, 0])) as Record<ScalarFigure, number>;
  for (let i = 0; i < options.truthDraws; i++) {
    const a = figuresOf(draw(pools.a));
    const b = figuresOf(draw(pools.b));
    for (const n of SCALAR_FIGURES) trueDifference[n] += difference(a, b, n) / options.truthDraws;
  }

  const covered = { percentile: {} as Record<ScalarFigure, number>, normal: {} as Record<ScalarFigure, number> };
  for (const n of SCALAR_FIGURES) covered.percentile[n] = covered.normal[n] = 0;
  for (let k = 0; k < options.pairs; k++) {
    const [a, b] = [draw(pools.a), draw(pools.b)].map((docs, i) => {
      const builder = measurer.builder();
      const replicates = new BootstrapReplicates({ replicates: options.replicates, seed: options.seed + 1000 * k + i }, DEFAULT_SKETCH_LIMITS.tailCapacity, DEFAULT_SKETCH_LIMITS.exactDistinct);
      for (const m of docs) {
        builder.add(m);
        replicates.add(m);
      }
      const sketch = builder.sketch();
      return { figures: diversityFigures(sketch, { zipf: false }), replicates: replicates.figures(sketch) };
    }) as [{ figures: DiversityFigures; replicates: DiversityFigures[] }, { figures: DiversityFigures; replicates: DiversityFigures[] }];
    for (const n of SCALAR_FIGURES) {
      const diffs = a.replicates.map((ra, r) => difference(ra, b.replicates[r]!, n));
      const estimate = difference(a.figures, b.figures, n);
      for (const [method, interval] of [['percentile', percentileInterval(estimate, diffs)], ['normal', normalInterval(estimate, diffs)]] as const) {
        if (interval.ci95 && interval.ci95[0] <= trueDifference[n] && trueDifference[n] <= interval.ci95[1]) covered[method][n] += 1;
      }
    }
    onPair?.(k + 1);
  }
  const rate = (m: 'percentile' | 'normal') => Object.fromEntries(SCALAR_FIGURES.map((n) => [n, covered[m][n] / options.pairs])) as Record<ScalarFigure, number>;
  return { trueDifference, coverage: { percentile: rate('percentile'), normal: rate('normal') } };
}

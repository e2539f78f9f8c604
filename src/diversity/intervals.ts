import type { DiversityFigures } from './figures.js';

/** The figures a bootstrap gives intervals for, and that `stats --compare` compares: one number each. */
export const SCALAR_FIGURES = [
  'meanDocumentWords', 'vocabulary', 'distinct1', 'distinct2', 'distinct3', 'mattr', 'entropyBitsPerWord', 'tailShare', 'surprisalBitsPerToken', 'compressionRatio',
] as const;
export type ScalarFigure = (typeof SCALAR_FIGURES)[number];

/** A figure as one number (null where its denominator was 0). */
export function scalarFigure(f: DiversityFigures, name: ScalarFigure): number | null {
  return name === 'meanDocumentWords' ? f.documentWords.mean : f[name];
}

/** The q-quantile (0..1) of `values`, linear between order statistics (R's type 7). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
}

/** A figure with its 95% bootstrap interval (null when it or too many replicates are undefined). */
export interface WithInterval {
  value: number | null;
  ci95: [number, number] | null;
}

/**
 * The 95% percentile interval of a statistic from its bootstrap replicates: the 2.5% and 97.5%
 * quantiles of the replicates. Null when fewer than 20 replicates have a value.
 */
export function percentileInterval(value: number | null, replicates: readonly (number | null)[]): WithInterval {
  const defined = replicates.filter((x): x is number => x !== null && Number.isFinite(x));
  if (value === null || defined.length < 20) return { value, ci95: null };
  return { value, ci95: [quantile(defined, 0.025), quantile(defined, 0.975)] };
}

/**
 * The 95% normal-approximation interval from bootstrap replicates: the estimate plus or minus 1.96
 * bootstrap standard errors. Centred on the estimate, so a statistic whose replicates are shifted
 * from it (type counts: a bootstrap resample repeats documents, and repeats bring no new types) keeps
 * its interval around it. Null when fewer than 20 replicates have a value.
 */
export function normalInterval(value: number | null, replicates: readonly (number | null)[]): WithInterval {
  const defined = replicates.filter((x): x is number => x !== null && Number.isFinite(x));
  if (value === null || defined.length < 20) return { value, ci95: null };
  const mean = defined.reduce((s, x) => s + x, 0) / defined.length;
  const se = Math.sqrt(defined.reduce((s, x) => s + (x - mean) ** 2, 0) / (defined.length - 1));
  return { value, ci95: [value - 1.96 * se, value + 1.96 * se] };
}

/** Each scalar figure of a corpus with its 95% normal-approximation interval (`normalInterval`), from its replicates. */
export function figureIntervals(figures: DiversityFigures, replicates: readonly DiversityFigures[]): Record<ScalarFigure, WithInterval> {
  return Object.fromEntries(
    SCALAR_FIGURES.map((name) => [name, normalInterval(scalarFigure(figures, name), replicates.map((r) => scalarFigure(r, name)))]),
  ) as Record<ScalarFigure, WithInterval>;
}

/** One figure of two corpora and their difference (b - a) with its 95% interval. */
export interface FigureDifference {
  a: number | null;
  b: number | null;
  difference: WithInterval;
}

/**
 * The differences b - a of every scalar figure, each with its 95% normal-approximation interval
 * from the replicates' differences (the two corpora's replicates are independent: pair them in
 * order). Normal rather than percentile: see `normalInterval`, and bench/results/stats-coverage.json.
 */
export function compareFigures(
  a: { figures: DiversityFigures; replicates: readonly DiversityFigures[] },
  b: { figures: DiversityFigures; replicates: readonly DiversityFigures[] },
): Record<ScalarFigure, FigureDifference> {
  const n = Math.min(a.replicates.length, b.replicates.length);
  return Object.fromEntries(
    SCALAR_FIGURES.map((name) => {
      const x = scalarFigure(a.figures, name);
      const y = scalarFigure(b.figures, name);
      const diffs = Array.from({ length: n }, (_, r) => {
        const xr = scalarFigure(a.replicates[r]!, name);
        const yr = scalarFigure(b.replicates[r]!, name);
        return xr === null || yr === null ? null : yr - xr;
      });
      return [name, { a: x, b: y, difference: normalInterval(x === null || y === null ? null : y - x, diffs) }];
    }),
  ) as Record<ScalarFigure, FigureDifference>;
}

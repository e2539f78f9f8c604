import type { BootstrapOptions } from './bootstrap.js';
import type { CorpusStats } from './corpus-stats.js';
import type { DiversityFigures } from './figures.js';
import { compareFigures, figureIntervals, type FigureDifference, type ScalarFigure, type WithInterval } from './intervals.js';

/** One corpus as `crawlsift stats` shows it: its figures, each scalar one with its 95% interval. */
export interface CorpusSummary {
  inputs: string[];
  /** Records the readers rejected (not measured). */
  rejected: number;
  figures: DiversityFigures;
  intervals: Record<ScalarFigure, WithInterval>;
}

/** What `crawlsift stats` prints with --json (and renders with --report). */
export interface StatsResult {
  corpus: CorpusSummary;
  /** With --compare: the second corpus, and the differences second minus first. */
  compare?: CorpusSummary;
  differences?: Record<ScalarFigure, FigureDifference>;
  bootstrap: BootstrapOptions;
}

function summary(stats: CorpusStats): CorpusSummary {
  return { inputs: stats.inputs, rejected: stats.rejected, figures: stats.figures, intervals: figureIntervals(stats.figures, stats.replicates) };
}

export function statsResult(first: CorpusStats, second: CorpusStats | undefined, bootstrap: BootstrapOptions): StatsResult {
  return {
    corpus: summary(first),
    ...(second ? { compare: summary(second), differences: compareFigures(first, second) } : {}),
    bootstrap,
  };
}

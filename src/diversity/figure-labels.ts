import type { ScalarFigure } from './intervals.js';

/** How each scalar figure is named and written for people (docs/diversity.md defines them). */
export const FIGURE_LABELS: Record<ScalarFigure, { label: string; format: (x: number) => string }> = {
  meanDocumentWords: { label: 'mean document length (words)', format: (x) => x.toFixed(1) },
  vocabulary: { label: 'vocabulary (distinct words)', format: (x) => Math.round(x).toLocaleString('en-US') },
  distinct1: { label: 'distinct-1', format: (x) => x.toFixed(4) },
  distinct2: { label: 'distinct-2', format: (x) => x.toFixed(4) },
  distinct3: { label: 'distinct-3', format: (x) => x.toFixed(4) },
  mattr: { label: 'MATTR (50-word windows)', format: (x) => x.toFixed(4) },
  entropyBitsPerWord: { label: 'unigram entropy (bits/word)', format: (x) => x.toFixed(3) },
  tailShare: { label: 'tail share (outside top 10k)', format: (x) => `${(100 * x).toFixed(2)}%` },
  surprisalBitsPerToken: { label: 'surprisal (bits/token, reference LM)', format: (x) => x.toFixed(3) },
  compressionRatio: { label: 'compression ratio', format: (x) => x.toFixed(4) },
};

/** A figure with its interval, `12.3 [12.1, 12.5]`, or `-` when undefined. */
export function formatWithInterval(name: ScalarFigure, value: number | null, ci95: [number, number] | null): string {
  if (value === null) return '-';
  const f = FIGURE_LABELS[name].format;
  return ci95 ? `${f(value)} [${f(ci95[0])}, ${f(ci95[1])}]` : f(value);
}

/** A difference with its interval and a sign: `+0.12 [+0.05, +0.19]`. */
export function formatDifference(name: ScalarFigure, value: number | null, ci95: [number, number] | null): string {
  if (value === null) return '-';
  const f = (x: number) => (x >= 0 ? '+' : '') + FIGURE_LABELS[name].format(x);
  return ci95 ? `${f(value)} [${f(ci95[0])}, ${f(ci95[1])}]` : f(value);
}

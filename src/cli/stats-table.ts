import { FIGURE_LABELS, formatDifference, formatWithInterval } from '../diversity/figure-labels.js';
import { SCALAR_FIGURES } from '../diversity/intervals.js';
import type { StatsResult } from '../diversity/stats-result.js';

/** `crawlsift stats`'s table: a row per figure, a column per corpus (and the difference), 95% intervals in brackets. */
export function formatStats(result: StatsResult): string {
  const { corpus, compare, differences } = result;
  const header = ['figure', 'corpus', ...(compare ? ['compared', 'difference (compared - corpus)'] : [])];
  const rows: string[][] = [
    ['documents', corpus.figures.documents.toLocaleString('en-US'), ...(compare ? [compare.figures.documents.toLocaleString('en-US'), ''] : [])],
    ['words', corpus.figures.words.toLocaleString('en-US'), ...(compare ? [compare.figures.words.toLocaleString('en-US'), ''] : [])],
    ...SCALAR_FIGURES.map((name) => [
      FIGURE_LABELS[name].label,
      formatWithInterval(name, corpus.intervals[name].value, corpus.intervals[name].ci95),
      ...(compare && differences
        ? [formatWithInterval(name, compare.intervals[name].value, compare.intervals[name].ci95), formatDifference(name, differences[name].difference.value, differences[name].difference.ci95)]
        : []),
    ]),
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const notes = [
    result.bootstrap.replicates > 0
      ? `95% intervals in brackets: normal-approximation bootstrap over documents (estimate +- 1.96 SE), ${result.bootstrap.replicates} replicates, seed ${result.bootstrap.seed}.`
      : 'No intervals (--replicates 0).',
    corpus.figures.sampled.every > 1 ? `One document in ${corpus.figures.sampled.every} measured (--sample-every): figures other than documents and lengths are estimates from that sample.` : '',
    `Reference LM ${corpus.figures.referenceLm}; vocabulary, distinct-n and entropy depend on corpus size: compare corpora of similar size.`,
    corpus.rejected + (compare?.rejected ?? 0) > 0 ? `Rejected records (not measured): ${corpus.rejected}${compare ? ` and ${compare.rejected}` : ''}.` : '',
  ].filter(Boolean);
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', ...notes].join('\n');
}

import { FIGURE_LABELS, formatDifference, formatWithInterval } from '../diversity/figure-labels.js';
import type { DiversityFigures } from '../diversity/figures.js';
import { SCALAR_FIGURES, scalarFigure, type ScalarFigure, type WithInterval } from '../diversity/intervals.js';
import type { StatsResult } from '../diversity/stats-result.js';
import { COLORS, chartCanvas, type ChartSpec } from './charts.js';
import { htmlTable, paragraph, section } from './html.js';
import { renderPage } from './page.js';

/** One corpus (or shard) in a side-by-side table: its figures and, where measured, their intervals. */
export interface HealthColumn {
  name: string;
  figures: DiversityFigures;
  intervals?: Partial<Record<ScalarFigure, WithInterval>>;
}

const SERIES_COLORS = [COLORS.human, COLORS.synthetic, COLORS.uncertain, COLORS.line, COLORS.grey];

/** The rank-frequency (Zipf) curves of several corpora on log-log axes. */
export function zipfChart(id: string, columns: readonly HealthColumn[]): ChartSpec {
  return {
    id,
    config: {
      type: 'scatter',
      data: {
        datasets: columns.map((c, i) => ({
          label: c.name,
          data: c.figures.zipf.map(([rank, count]) => ({ x: rank, y: count })),
          showLine: true,
          borderColor: SERIES_COLORS[i % SERIES_COLORS.length],
          backgroundColor: SERIES_COLORS[i % SERIES_COLORS.length],
          pointRadius: 2,
          borderWidth: 2,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { title: { display: true, text: 'Rank-frequency (Zipf) plot: occurrences of the word at each rank' } },
        scales: {
          x: { type: 'logarithmic', title: { display: true, text: 'rank (1 = most frequent word)' } },
          y: { type: 'logarithmic', title: { display: true, text: 'occurrences' } },
        },
      },
    },
  };
}

/** The figures of several corpora side by side, a row per figure; intervals in brackets where there are any. */
export function figuresTable(columns: readonly HealthColumn[], extra?: { header: string; cells: Partial<Record<ScalarFigure, string>> }): string {
  const count = (f: (c: HealthColumn) => number) => columns.map((c) => f(c).toLocaleString('en-US'));
  const rows: string[][] = [
    ['documents', ...count((c) => c.figures.documents), ...(extra ? [''] : [])],
    ['documents measured', ...count((c) => c.figures.sampled.documents), ...(extra ? [''] : [])],
    ['words (measured documents)', ...count((c) => c.figures.words), ...(extra ? [''] : [])],
    ...SCALAR_FIGURES.map((name) => [
      FIGURE_LABELS[name].label,
      ...columns.map((c) => formatWithInterval(name, c.intervals?.[name]?.value ?? scalarFigure(c.figures, name), c.intervals?.[name]?.ci95 ?? null)),
      ...(extra ? [extra.cells[name] ?? ''] : []),
    ]),
  ];
  return htmlTable(['figure', ...columns.map((c) => c.name), ...(extra ? [extra.header] : [])], rows, 'definitions and units: docs/diversity.md; 95% bootstrap intervals in brackets');
}

const SIZE_NOTE =
  'Vocabulary, distinct-n and entropy grow or fall with the number of words measured: compare corpora (and shards) of similar size. ' +
  'Tail share, MATTR, surprisal and compression are per word or per window, and compare across sizes.';

/** The corpus-health body: the side-by-side table, the Zipf plot, and the notes. */
export function corpusHealthHtml(columns: readonly HealthColumn[], chartId: string, extra?: Parameters<typeof figuresTable>[1]): { html: string; charts: ChartSpec[] } {
  const chart = zipfChart(chartId, columns);
  const sampled = columns.find((c) => c.figures.sampled.every > 1);
  const notes = [
    SIZE_NOTE,
    sampled
      ? `One document in ${sampled.figures.sampled.every} was measured (chosen by a hash of its text): every figure but documents and lengths is an estimate from that sample, and the intervals are those of the sample.`
      : '',
    `Surprisal under the reference LM ${columns[0]?.figures.referenceLm ?? ''}.`,
  ].filter(Boolean);
  return { html: figuresTable(columns, extra) + chartCanvas(chart, true) + notes.map((n) => paragraph(n, 'meta')).join(''), charts: [chart] };
}

/** The `crawlsift stats --report` page. */
export function renderStatsReport(result: StatsResult): string {
  const columns: HealthColumn[] = [{ name: 'corpus', figures: result.corpus.figures, intervals: result.corpus.intervals }];
  if (result.compare) columns.push({ name: 'compared', figures: result.compare.figures, intervals: result.compare.intervals });
  const differences = result.differences;
  const extra = differences
    ? {
        header: 'difference (compared - corpus)',
        cells: Object.fromEntries(SCALAR_FIGURES.map((n) => [n, formatDifference(n, differences[n].difference.value, differences[n].difference.ci95)])) as Record<ScalarFigure, string>,
      }
    : undefined;
  const { html, charts } = corpusHealthHtml(columns, 'zipf', extra);
  const inputs = [`corpus: ${result.corpus.inputs.join(', ')}`, ...(result.compare ? [`compared: ${result.compare.inputs.join(', ')}`] : [])];
  const bootstrap = result.bootstrap.replicates > 0 ? `Bootstrap over documents (estimate +- 1.96 bootstrap SE), ${result.bootstrap.replicates} replicates, seed ${result.bootstrap.seed}.` : 'No bootstrap.';
  return renderPage('crawlsift corpus health', [paragraph(inputs.join('; '), 'meta'), section('Corpus health', html + paragraph(bootstrap, 'meta'), 'health')], charts);
}

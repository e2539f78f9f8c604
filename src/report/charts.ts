import type { RocPoint } from '../evaluation/roc.js';
import type { ProjectionRow } from '../evaluation/projection.js';
import { binLabels } from './histogram.js';
import { escapeHtml } from './html.js';

/** A chart to draw: the canvas id and a Chart.js configuration (plain JSON, no callbacks). */
export interface ChartSpec {
  id: string;
  config: Record<string, unknown>;
}

export const COLORS = { human: '#2f7d32', synthetic: '#c62828', uncertain: '#f9a825', line: '#1565c0', grey: '#888' } as const;

const BASE_OPTIONS = { animation: false, responsive: true, maintainAspectRatio: false };

/** The canvas element for a chart. */
export function chartCanvas(spec: ChartSpec, wide = false): string {
  return `<div class="chart${wide ? ' wide' : ''}"><canvas id="${escapeHtml(spec.id)}" role="img" aria-label="${escapeHtml(String((spec.config.options as { plugins?: { title?: { text?: string } } }).plugins?.title?.text ?? spec.id))}"></canvas></div>`;
}

/** A bar chart of score histograms (one dataset per series, bins of width 1/bins). */
export function histogramChart(id: string, title: string, series: Array<{ label: string; counts: number[]; color: string }>): ChartSpec {
  const bins = series[0]?.counts.length ?? 20;
  return {
    id,
    config: {
      type: 'bar',
      data: {
        labels: binLabels(bins),
        datasets: series.map((s) => ({ label: s.label, data: s.counts, backgroundColor: s.color, barPercentage: 1, categoryPercentage: 1 })),
      },
      options: {
        ...BASE_OPTIONS,
        plugins: { title: { display: true, text: title } },
        scales: { x: { title: { display: true, text: 'score = P(machine-generated)' } }, y: { beginAtZero: true, title: { display: true, text: 'documents' } } },
      },
    },
  };
}

/** At most `max` points of a curve, keeping the first and last. */
export function thinPoints<T>(points: readonly T[], max = 600): T[] {
  if (points.length <= max) return [...points];
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]!);
}

/** The ROC curve with operating points (e.g. the thresholds low and high) marked. */
export function rocChart(id: string, title: string, points: readonly RocPoint[], marks: Array<{ label: string; fpr: number; tpr: number; color: string }>): ChartSpec {
  return {
    id,
    config: {
      type: 'scatter',
      data: {
        datasets: [
          { label: 'ROC', data: thinPoints(points).map((p) => ({ x: p.fpr, y: p.tpr })), showLine: true, borderColor: COLORS.line, pointRadius: 0, borderWidth: 2 },
          { label: 'chance', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], showLine: true, borderColor: COLORS.grey, borderDash: [4, 4], pointRadius: 0, borderWidth: 1 },
          ...marks.map((m) => ({ label: m.label, data: [{ x: m.fpr, y: m.tpr }], backgroundColor: m.color, borderColor: m.color, pointRadius: 6, pointStyle: 'rectRot' })),
        ],
      },
      options: {
        ...BASE_OPTIONS,
        plugins: { title: { display: true, text: title } },
        scales: {
          x: { type: 'linear', min: 0, max: 1, title: { display: true, text: 'false-positive rate (human flagged)' } },
          y: { type: 'linear', min: 0, max: 1, title: { display: true, text: 'true-positive rate (synthetic flagged)' } },
        },
      },
    },
  };
}

/** Synthetic share of the training pool per generation (fractions shown as percent). */
export function projectionChart(id: string, rows: readonly ProjectionRow[]): ChartSpec {
  return {
    id,
    config: {
      type: 'line',
      data: {
        labels: rows.map((r) => String(r.generation)),
        datasets: [
          { label: 'synthetic share of the human shard (%)', data: rows.map((r) => 100 * r.syntheticShare), borderColor: COLORS.synthetic },
          { label: 'cumulative pool (%)', data: rows.map((r) => 100 * r.cumulativeSyntheticShare), borderColor: COLORS.line },
          { label: 'crawl prevalence (%)', data: rows.map((r) => 100 * r.prevalence), borderColor: COLORS.grey, borderDash: [4, 4] },
        ],
      },
      options: {
        ...BASE_OPTIONS,
        plugins: { title: { display: true, text: 'Projected synthetic share over crawl-and-retrain generations' } },
        scales: { x: { title: { display: true, text: 'generation' } }, y: { beginAtZero: true, title: { display: true, text: 'percent' } } },
      },
    },
  };
}

import { brierScore, expectedCalibrationError } from '../evaluation/calibration.js';
import { formatPercent } from '../evaluation/format.js';
import { rateWithInterval } from '../evaluation/intervals.js';
import type { RateWithInterval } from '../evaluation/types.js';
import { auroc, rocCurve, tprAtFpr } from '../evaluation/roc.js';
import type { Thresholds } from '../routing/index.js';
import { COLORS, chartCanvas, histogramChart, rocChart, type ChartSpec } from './charts.js';
import { histogram } from './histogram.js';
import { htmlTable, paragraph } from './html.js';
import { formatThreshold, percentOrDash, percentWithInterval } from './format.js';

/** Scores of labeled documents (true = synthetic) and the thresholds to mark. */
export interface LabeledScores {
  scores: readonly number[];
  labels: readonly boolean[];
  thresholds: Thresholds;
  /** Optional `source` per document: adds a per-source table. */
  sources?: ReadonlyArray<string | null | undefined>;
}

/** Fraction of the given class flagged at `score >= cut`. */
function flaggedRate(scores: readonly number[], labels: readonly boolean[], synthetic: boolean, cut: number): number {
  let n = 0;
  let k = 0;
  scores.forEach((s, i) => {
    if (labels[i] !== synthetic) return;
    n++;
    if (s >= cut) k++;
  });
  return n === 0 ? 0 : k / n;
}

/** `2.1% [1.3%, 3.4%] (3/142)`, or n/a when no document has the label: 0 of 0 is no rate at all. */
function rateText(r: RateWithInterval, label: 'synthetic' | 'human'): string {
  return r.n === 0 ? `n/a (no ${label} documents)` : `${percentWithInterval(r.rate, r.ci95)} (${r.k}/${r.n})`;
}

/**
 * Metrics, the ROC curve with `low` and `high` marked, and score histograms per label: the
 * part shared by `eval --report` and `report --labeled`. Charts get ids prefixed with `idPrefix`.
 */
export function labeledSection(data: LabeledScores, idPrefix: string): { html: string; charts: ChartSpec[] } {
  const { scores, labels, thresholds } = data;
  const { low, high } = thresholds;
  const syn = labels.filter(Boolean).length;
  const hum = labels.length - syn;
  const area = auroc(scores, labels);
  const synScores = scores.filter((_, i) => labels[i]);
  const humScores = scores.filter((_, i) => !labels[i]);
  const leak = rateWithInterval(synScores.filter((s) => s < low).length, syn);
  const loss = rateWithInterval(humScores.filter((s) => s >= high).length, hum);
  const metrics = htmlTable(
    ['measure', 'value'],
    [
      ['labeled documents', `${labels.length} (${syn} synthetic, ${hum} human)`],
      ['AUROC', area === null ? 'n/a (one class only)' : area.toFixed(4)],
      ['TPR at FPR 1%', percentOrDash(area === null ? null : tprAtFpr(scores, labels, 0.01))],
      ['TPR at FPR 5%', percentOrDash(area === null ? null : tprAtFpr(scores, labels, 0.05))],
      ['Brier score', brierScore(scores, labels).toFixed(4)],
      ['expected calibration error (10 bins)', expectedCalibrationError(scores, labels).toFixed(4)],
      [`leak-through at low ${formatThreshold(low)} (synthetic routed human)`, rateText(leak, 'synthetic')],
      [`human loss at high ${formatThreshold(high)} (human routed synthetic)`, rateText(loss, 'human')],
    ],
    'Rates with 95% Wilson intervals',
  );
  const charts: ChartSpec[] = [
    histogramChart(`${idPrefix}-hist-labels`, 'Score histogram per label', [
      { label: `human (${hum})`, counts: histogram(humScores), color: COLORS.human },
      { label: `synthetic (${syn})`, counts: histogram(synScores), color: COLORS.synthetic },
    ]),
  ];
  const parts = [metrics];
  if (area !== null) {
    const mark = (label: string, cut: number, color: string) => ({
      label: `${label} (score >= ${formatThreshold(cut)}): TPR ${formatPercent(flaggedRate(scores, labels, true, cut))}, FPR ${formatPercent(flaggedRate(scores, labels, false, cut))}`,
      fpr: flaggedRate(scores, labels, false, cut),
      tpr: flaggedRate(scores, labels, true, cut),
      color,
    });
    charts.unshift(rocChart(`${idPrefix}-roc`, `ROC curve (AUROC ${area.toFixed(3)}) with the thresholds marked`, rocCurve(scores, labels), [mark('low', low, COLORS.uncertain), mark('high', high, COLORS.synthetic)]));
  } else {
    parts.push(paragraph('The labeled documents hold one class only: no ROC curve.', 'warning'));
  }
  parts.push(`<div class="charts">${charts.map((c) => chartCanvas(c, c.id.endsWith('-roc'))).join('')}</div>`);
  if (data.sources) parts.push(perSourceTable(data));
  return { html: parts.join('\n'), charts };
}

function perSourceTable(data: LabeledScores): string {
  const groups = new Map<string, number[]>();
  data.sources!.forEach((s, i) => groups.set(s ?? '(none)', [...(groups.get(s ?? '(none)') ?? []), i]));
  const rows = [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([source, idx]) => {
    const scores = idx.map((i) => data.scores[i]!);
    const labels = idx.map((i) => data.labels[i]!);
    const area = auroc(scores, labels);
    const syn = labels.filter(Boolean).length;
    return [source, String(idx.length), String(syn), String(idx.length - syn), area === null ? 'n/a' : area.toFixed(4)];
  });
  return htmlTable(['source', 'documents', 'synthetic', 'human', 'AUROC'], rows, 'Labeled documents per source');
}

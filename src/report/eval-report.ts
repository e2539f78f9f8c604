import type { Thresholds } from '../routing/index.js';
import { section, paragraph } from './html.js';
import { labeledSection } from './labeled-section.js';
import { renderPage } from './page.js';

/** Input of {@link renderEvalReport}. */
export interface EvalReportInput {
  /** Calibrated scores 0..1, one per labeled document. */
  scores: ArrayLike<number>;
  /** true (or 'synthetic') for synthetic documents. */
  labels: ReadonlyArray<boolean | 'human' | 'synthetic'>;
  /** The thresholds to mark on the ROC curve (usually the model card's). */
  thresholds: Thresholds;
  /** Page title. @defaultValue 'crawlsift evaluation' */
  title?: string;
  /** Lines shown under the title, e.g. the model and the data files. */
  notes?: string[];
  /** Optional `source` per document: adds a per-source AUROC table. */
  sources?: ReadonlyArray<string | null | undefined>;
}

/**
 * The `crawlsift eval --report` page: metrics, the ROC curve with the thresholds marked and
 * score histograms per label, as one self-contained HTML string (Chart.js inline).
 */
export function renderEvalReport(input: EvalReportInput): string {
  const scores = Array.from(input.scores);
  const labels = input.labels.map((l) => l === true || l === 'synthetic');
  if (scores.length !== labels.length) throw new RangeError(`got ${scores.length} scores for ${labels.length} labels`);
  const { html, charts } = labeledSection({ scores, labels, thresholds: input.thresholds, sources: input.sources }, 'eval');
  const notes = (input.notes ?? []).map((n) => paragraph(n, 'meta')).join('\n');
  return renderPage(input.title ?? 'crawlsift evaluation', [notes, section('Detector on labeled documents', html, 'labeled')], charts);
}

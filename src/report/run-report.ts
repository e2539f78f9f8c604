import { formatCount } from '../evaluation/format.js';
import { projectSyntheticShare, type ProjectionRow } from '../evaluation/projection.js';
import { SHARDS } from '../routing/shards.js';
import { ROUTES } from '../routing/index.js';
import { ESTIMATE_ASSUMPTION } from '../evaluation/prevalence.js';
import { formatCanaryRate, formatEstimate } from './canary-summary.js';
import { dedupSectionHtml, manifestDedup } from './dedup-summary.js';
import { COLORS, chartCanvas, histogramChart, projectionChart, type ChartSpec } from './charts.js';
import { formatThreshold, percentOrDash } from './format.js';
import { htmlTable, paragraph, section } from './html.js';
import { labeledSection, type LabeledScores } from './labeled-section.js';
import { renderPage } from './page.js';
import { corpusHealthHtml, type HealthColumn } from './corpus-health.js';
import type { DiversityFigures } from '../diversity/figures.js';
import type { RunSummary } from './read-run.js';

/** Input of {@link renderRunReport}. */
export interface RunReportInput {
  run: RunSummary;
  /** The output directory, shown in the header. */
  outDir: string;
  /** Labeled documents scored with the run's model: adds the ROC curve with the thresholds marked. */
  labeled?: LabeledScores & { files: string[] };
  /** Generations of the projection. @defaultValue 5 */
  generations?: number;
  /** Rows in the per-source table (most documents first). @defaultValue 50 */
  maxSources?: number;
}

/** The projection from a run's canaries and estimates, or undefined when the run had none. */
export function projectionFromRun(run: RunSummary, generations = 5): ProjectionRow[] | undefined {
  const { canaries, estimates } = run.manifest;
  const prevalence = estimates?.prevalence.estimate;
  if (!canaries || prevalence === null || prevalence === undefined) return undefined;
  // Measured rates only: a label without canaries has no rate to project with.
  const leak = canaries.leakThrough.rate;
  const humanLoss = canaries.humanLoss.rate;
  if (leak === null || humanLoss === null) return undefined;
  return projectSyntheticShare({ leak, prevalence, generations, humanLoss });
}

/** The `crawlsift report` page for a finished run (pure: everything it shows comes in). */
export function renderRunReport(input: RunReportInput): string {
  const { manifest, histograms, bySource } = input.run;
  const { counts, thresholds } = manifest;
  const dedup = manifestDedup(manifest);
  const charts: ChartSpec[] = [];
  const sections: string[] = [];

  sections.push(
    paragraph(
      `${input.outDir}: ${formatCount(counts.read)} records read from ${manifest.inputs.length} input(s); model ${manifest.model.name} (${manifest.model.hash.slice(0, 12)}); ` +
        `human if score < ${formatThreshold(thresholds.low)}, synthetic if score >= ${formatThreshold(thresholds.high)} (score = P(machine-generated)); ${manifest.executor} executor, finished ${manifest.finishedAt}.`,
      'meta',
    ),
  );

  const share = (n: number) => (counts.read > 0 ? percentOrDash(n / counts.read) : '-');
  sections.push(
    section(
      'Documents per shard',
      htmlTable(
        ['shard', 'documents', 'share of records read'],
        [
          // duplicate/ in runs with --dedup only.
          ...SHARDS.filter((s) => s !== 'duplicate' || dedup).map((s) => [s, formatCount(counts[s]), share(counts[s])]),
          ['read (total)', formatCount(counts.read), counts.read > 0 ? '100%' : '-'],
        ],
        'Canaries are not counted',
      ) +
        (Object.keys(manifest.rejectedByReason).length > 0
          ? paragraph('Rejected by reason: ' + Object.entries(manifest.rejectedByReason).map(([r, n]) => `${r} ${n}`).join(', '))
          : ''),
      'counts',
    ),
  );
  const unscored = manifest.unscored as { byReason: Record<string, number>; byLanguage: Record<string, number> } | undefined;
  if (unscored && counts.unscored > 0) {
    const byLanguage = Object.entries(unscored.byLanguage).sort((a, b) => b[1] - a[1]);
    sections.push(
      section(
        'Unscored documents (out of the model\'s scope)',
        paragraph('By reason: ' + Object.entries(unscored.byReason).map(([r, n]) => `${r} ${formatCount(n)}`).join(', ') + '. Language codes are ISO 639 (und: no letters to identify).') +
          htmlTable(['language', 'documents', 'share of unscored'], byLanguage.map(([language, n]) => [language, formatCount(n), percentOrDash(n / counts.unscored)]), 'Identified by fastText lid.176 on the opening of the text'),
        'unscored',
      ),
    );
  }

  if (dedup) sections.push(section('Duplicates and cluster sizes per route', dedupSectionHtml(dedup), 'duplicates'));

  const shardCharts = ROUTES.map((route) =>
    histogramChart(`hist-${route}`, `Scores in the ${route} shard (${formatCount(counts[route])} documents)`, [{ label: route, counts: histograms[route], color: COLORS[route] }]),
  );
  charts.push(...shardCharts);
  sections.push(section('Score histogram per shard', `<div class="charts">${shardCharts.map((c) => chartCanvas(c)).join('')}</div>`, 'histograms'));

  sections.push(section('Leak-through and human loss (canaries)', canarySection(input.run), 'canaries'));
  sections.push(section('Synthetic prevalence and contamination of the human shard', estimatesSection(input.run), 'estimates'));

  const rows = projectionFromRun(input.run, input.generations ?? 5);
  if (rows) {
    const chart = projectionChart('projection-chart', rows);
    charts.push(chart);
    sections.push(section('Projection over crawl-and-retrain generations', projectionTableHtml(rows) + chartCanvas(chart, true) + paragraph(PROJECTION_ASSUMPTIONS, 'meta'), 'projection'));
  } else {
    const why = input.run.manifest.estimates?.prevalence.notIdentifiable
      ? `No projection: the synthetic prevalence of this crawl is not identifiable from its canaries (${input.run.manifest.estimates.prevalence.notIdentifiable}; see above). Use crawlsift project with your own figures.`
      : 'Needs canaries and a prevalence estimate: run filter with --canaries, or use crawlsift project with your own figures.';
    sections.push(section('Projection over crawl-and-retrain generations', paragraph(why), 'projection'));
  }

  if (input.run.manifest.diversity) {
    const { html, charts: healthCharts } = corpusHealthSection(input.run);
    charts.push(...healthCharts);
    sections.push(section('Corpus health per shard', html, 'health'));
  }

  sections.push(section('Documents per source', perSourceHtml(bySource, input.maxSources ?? 50), 'sources'));

  if (input.labeled) {
    const { html, charts: labeledCharts } = labeledSection(input.labeled, 'labeled');
    charts.push(...labeledCharts);
    sections.push(section(`Detector on labeled documents (${input.labeled.files.join(', ')})`, html, 'labeled'));
  }
  return renderPage('crawlsift run report', sections, charts);
}

/** The two sentences of assumptions, shared with the README and `crawlsift project`. */
export const PROJECTION_ASSUMPTIONS =
  "Each generation's human shard is the mixture (1 - a) P_human + a P_synthetic, where a follows from the crawl's synthetic prevalence and the filter's leak-through and human loss, both held constant across generations. " +
  'The cumulative column assumes equal-sized crawls whose human shards are all kept; real detectors age as generators improve, so leak-through tends to rise and these figures are a lower bound on the trend.';

export function projectionTableHtml(rows: readonly ProjectionRow[]): string {
  return htmlTable(
    ['generation', 'crawl prevalence', 'synthetic share of the human shard', 'synthetic share of the cumulative pool'],
    rows.map((r) => [String(r.generation), percentOrDash(r.prevalence), percentOrDash(r.syntheticShare), percentOrDash(r.cumulativeSyntheticShare)]),
  );
}

function canarySection(run: RunSummary): string {
  const c = run.manifest.canaries;
  if (!c) return paragraph('This run had no canaries: pass --canaries <labeled.jsonl> --canary-rate r to filter to measure leak-through during the run.');
  return htmlTable(
    ['canaries', 'n', 'routed human', 'routed uncertain', 'routed synthetic'],
    [
      ['synthetic', String(c.synthetic.n), String(c.synthetic.toHuman), String(c.synthetic.toUncertain), String(c.synthetic.toSynthetic)],
      ['human', String(c.human.n), String(c.human.toHuman), String(c.human.toUncertain), String(c.human.toSynthetic)],
    ],
  ) +
    htmlTable(
      ['rate', 'value [95% interval]'],
      [
        ['leak-through (synthetic canaries routed human)', formatCanaryRate(c.leakThrough, 'synthetic')],
        ['human loss (human canaries routed synthetic)', formatCanaryRate(c.humanLoss, 'human')],
      ],
      'Wilson 95% intervals',
    );
}

function estimatesSection(run: RunSummary): string {
  const e = run.manifest.estimates;
  if (!e) return paragraph('No estimates: they need canaries of both labels (filter --canaries).');
  return (
    htmlTable(
      ['estimate', 'value [95% interval]'],
      [
        [`flagged rate of the crawl (${e.flaggedMeans})`, `${percentOrDash(e.flaggedRate.rate)} (${e.flaggedRate.k}/${e.flaggedRate.n})`],
        ['synthetic prevalence of the crawl (Rogan-Gladen)', formatEstimate(e, e.prevalence)],
        ['synthetic fraction of the human shard', formatEstimate(e, e.syntheticFractionInHuman)],
      ],
      'Joint 95% intervals (Bonferroni over flagged rate, sensitivity and specificity)',
    ) +
    e.warnings.map((w) => paragraph(w, 'warning')).join('') +
    // Manifests written before the assumption was recorded carry none; it held for them all the same.
    paragraph(`Assumption: ${e.assumption ?? ESTIMATE_ASSUMPTION}`, 'meta')
  );
}

function perSourceHtml(bySource: RunSummary['bySource'], maxRows: number): string {
  const entries = [...bySource].map(([source, c]) => ({ source, ...c, total: c.human + c.synthetic + c.uncertain }));
  entries.sort((a, b) => b.total - a.total || a.source.localeCompare(b.source));
  const rows = entries.slice(0, maxRows).map((e) => [e.source, formatCount(e.total), formatCount(e.human), formatCount(e.synthetic), formatCount(e.uncertain), percentOrDash(e.total > 0 ? e.synthetic / e.total : null)]);
  const note = entries.length > maxRows ? `${entries.length} sources; the ${maxRows} largest shown` : `${entries.length} source${entries.length === 1 ? '' : 's'}`;
  return htmlTable(['source', 'routed', 'human', 'synthetic', 'uncertain', 'share synthetic'], rows, `${note} (record field source, else URL host, else input file)`);
}

/**
 * Each shard's corpus health side by side: the manifest's figures (measured by the run's diversity
 * stage) with the 95% bootstrap intervals the report measured from the shard files, and the Zipf plot.
 */
function corpusHealthSection(run: RunSummary): { html: string; charts: ReturnType<typeof corpusHealthHtml>['charts'] } {
  const diversity = run.manifest.diversity as Record<string, DiversityFigures>;
  const columns: HealthColumn[] = Object.entries(diversity).map(([shard, figures]) => ({
    name: shard,
    figures,
    intervals: run.health?.[shard as keyof NonNullable<RunSummary['health']>]?.intervals,
  }));
  return corpusHealthHtml(columns, 'zipf-shards');
}

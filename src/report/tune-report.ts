import { z } from 'zod';
import { formatPercent } from '../evaluation/format.js';
import { tuneThresholds, TuneResultSchema, TuneTargetsSchema, type TuneResult, type TuneTargets } from '../evaluation/tune.js';
import type { RateWithInterval } from '../evaluation/types.js';
import { ScopeSettingsSchema } from '../scope/options.js';

const count = z.number().int().nonnegative();

/**
 * The labeled documents tune left out because filter's scope guard would not score them (their
 * language is not one the model judges, or they are too short), so that the rates are those of the
 * documents filter routes.
 */
export const TuneUnscoredSchema = z.object({
  /** The scope applied: the card's, or --languages and --min-words. */
  scope: ScopeSettingsSchema,
  documents: count,
  synthetic: count,
  human: count,
  tooShort: count,
  /** Left out for their language, by the language identified (`und`: no letter to identify). */
  byLanguage: z.record(z.string(), count),
});
export type TuneUnscored = z.infer<typeof TuneUnscoredSchema>;

/** Thresholds tuned on all labeled documents and, optionally, per source. */
export const TuneReportSchema = z.object({
  targets: TuneTargetsSchema.required(),
  /** Labeled documents of each class used. */
  n: z.object({ synthetic: count, human: count }),
  /** The labeled documents left out as filter would leave them unscored; absent when no scope was applied. */
  unscored: TuneUnscoredSchema.optional(),
  overall: TuneResultSchema,
  /** Per `source` (documents without one under `(none)`); absent unless asked for. */
  bySource: z.record(z.string(), z.union([TuneResultSchema, z.object({ skipped: z.string() })])).optional(),
});
export type TuneReport = z.infer<typeof TuneReportSchema>;

/**
 * Tunes thresholds for the targets on scored labeled documents (pure: scores come in).
 * A source with documents of one class only cannot be tuned and is reported as skipped.
 */
export function buildTuneReport(
  docs: ReadonlyArray<{ label: 'human' | 'synthetic'; source?: string | null }>,
  scores: ArrayLike<number>,
  targets: TuneTargets,
  options: { bySource?: boolean; unscored?: TuneUnscored } = {},
): TuneReport {
  const all = Array.from(scores);
  const labels = docs.map((d) => d.label === 'synthetic');
  const full: Required<TuneTargets> = { criterion: 'observed', ...targets };
  const report: TuneReport = {
    targets: full,
    n: { synthetic: labels.filter(Boolean).length, human: labels.filter((l) => !l).length },
    ...(options.unscored ? { unscored: options.unscored } : {}),
    overall: tuneThresholds(all, labels, full),
  };
  if (options.bySource) {
    const groups = new Map<string, number[]>();
    docs.forEach((d, i) => {
      const key = d.source ?? '(none)';
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    report.bySource = {};
    for (const [source, idx] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
      const syn = idx.filter((i) => labels[i]).length;
      const hum = idx.length - syn;
      report.bySource[source] =
        syn === 0 || hum === 0
          ? { skipped: `only ${syn} synthetic and ${hum} human labeled documents: both classes are needed` }
          : tuneThresholds(idx.map((i) => all[i]!), idx.map((i) => labels[i]!), full);
    }
  }
  return report;
}

/** `2.1% [1.3%, 3.4%] (12/570)`: a rate with its 95% Wilson interval and counts. */
export function formatRate(r: RateWithInterval): string {
  return `${formatPercent(r.rate)} [${formatPercent(r.ci95[0])}, ${formatPercent(r.ci95[1])}] (${r.k}/${r.n})`;
}

/** The table `crawlsift tune` prints: one row per group, then every warning in plain words. */
export function formatTuneTable(report: TuneReport): string {
  const rows: Array<[string, TuneResult | { skipped: string }]> = [['all', report.overall], ...Object.entries(report.bySource ?? {})];
  const header = ['group', 'low', 'high', 'leak-through (synthetic -> human)', 'human loss (human -> synthetic)', 'uncertain', 'verdict'];
  const body = rows.map(([name, r]) =>
    'skipped' in r
      ? [name, '-', '-', '-', '-', '-', 'skipped']
      : [name, r.low.toFixed(4), r.high.toFixed(4), formatRate(r.leakThrough), formatRate(r.humanLoss), formatRate(r.uncertain), verdict(r, report.targets)],
  );
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  const { maxLeak, maxHumanLoss, criterion } = report.targets;
  const out = [
    `targets: leak-through <= ${formatPercent(maxLeak)}, human loss <= ${formatPercent(maxHumanLoss)} (${criterion} rate); ` +
      `labeled: ${report.n.synthetic} synthetic, ${report.n.human} human`,
    ...(report.unscored ? [formatUnscored(report.unscored)] : []),
    'routing: score < low -> human, score >= high -> synthetic (score = P(machine-generated)); rates with 95% Wilson intervals',
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
  ];
  const warnings = rows.flatMap(([name, r]) => ('skipped' in r ? [`${name}: skipped, ${r.skipped}.`] : r.warnings.map((w) => `${name}: ${w}`)));
  if (warnings.length > 0) out.push('', 'warnings:', ...warnings.map((w) => `  - ${w}`));
  return out.join('\n');
}

/**
 * What tune left out of `docs`, given the scope guard's decision on each: the documents it would not
 * score, by label, reason and language.
 */
export function summariseUnscored(
  scope: TuneUnscored['scope'],
  docs: ReadonlyArray<{ label: 'human' | 'synthetic' }>,
  decisions: ReadonlyArray<{ inScope: true } | { inScope: false; reason: 'language' | 'too-short'; language: string }>,
): TuneUnscored {
  const summary: TuneUnscored = { scope: { languages: [...scope.languages], minWords: scope.minWords }, documents: 0, synthetic: 0, human: 0, tooShort: 0, byLanguage: {} };
  decisions.forEach((d, i) => {
    if (d.inScope) return;
    summary.documents++;
    summary[docs[i]!.label]++;
    if (d.reason === 'too-short') summary.tooShort++;
    else summary.byLanguage[d.language] = (summary.byLanguage[d.language] ?? 0) + 1;
  });
  summary.byLanguage = Object.fromEntries(Object.entries(summary.byLanguage).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
  return summary;
}

function formatUnscored(u: TuneUnscored): string {
  const scope = `scope: ${u.scope.languages.join(', ')}${u.scope.minWords > 0 ? `, ${u.scope.minWords}+ words` : ''}`;
  if (u.documents === 0) return `${scope}; every labeled document is in scope`;
  const language = Object.entries(u.byLanguage).map(([code, n]) => `${code} ${n}`).join(', ');
  const reasons = [u.tooShort > 0 ? `${u.tooShort} too short` : '', language ? `by language: ${language}` : ''].filter(Boolean).join('; ');
  return `${scope}; left out ${u.documents} labeled documents filter would leave unscored (${u.synthetic} synthetic, ${u.human} human; ${reasons})`;
}

/**
 * `met` (targets met and demonstrable with this sample), `met, sample too small` (met on the
 * sample, but its size cannot show the target), or `NOT MET`.
 */
export function verdict(r: TuneResult, targets: Required<TuneTargets>): string {
  if (r.feasible) return 'met';
  const pick = (x: RateWithInterval) => (targets.criterion === 'observed' ? x.rate : x.ci95[1]);
  const met = pick(r.leakThrough) <= targets.maxLeak + 1e-12 && pick(r.humanLoss) <= targets.maxHumanLoss + 1e-12;
  return met ? 'met, sample too small' : 'NOT MET';
}

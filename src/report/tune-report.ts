import { z } from 'zod';
import { formatPercent } from '../evaluation/format.js';
import { tuneThresholds, TuneResultSchema, TuneTargetsSchema, type TuneResult, type TuneTargets } from '../evaluation/tune.js';
import type { RateWithInterval } from '../evaluation/types.js';
import { formatLeftOut, ScopeLeftOutSchema, type ScopeLeftOut } from './scope-left-out.js';

const count = z.number().int().nonnegative();

/** Thresholds tuned on all labeled documents and, optionally, per source. */
export const TuneReportSchema = z.object({
  targets: TuneTargetsSchema.required(),
  /** Labeled documents of each class used. */
  n: z.object({ synthetic: count, human: count }),
  /** The labeled documents left out as filter would leave them unscored; absent when no scope was applied. */
  unscored: ScopeLeftOutSchema.optional(),
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
  options: { bySource?: boolean; unscored?: ScopeLeftOut } = {},
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
    ...(report.unscored ? [formatLeftOut(report.unscored)] : []),
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
 * `met` (targets met and demonstrable with this sample), `met, sample too small` (met on the
 * sample, but its size cannot show the target), or `NOT MET`.
 */
export function verdict(r: TuneResult, targets: Required<TuneTargets>): string {
  if (r.feasible) return 'met';
  const pick = (x: RateWithInterval) => (targets.criterion === 'observed' ? x.rate : x.ci95[1]);
  const met = pick(r.leakThrough) <= targets.maxLeak + 1e-12 && pick(r.humanLoss) <= targets.maxHumanLoss + 1e-12;
  return met ? 'met, sample too small' : 'NOT MET';
}

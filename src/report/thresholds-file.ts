import { z } from 'zod';
import { CrawlsiftError } from '../errors.js';
import { readJsonFile } from '../json-file.js';
import { ModelRefSchema, type ModelRef } from '../routing/model-ref.js';
import { ThresholdsSchema } from '../routing/thresholds.js';
import { TuneReportSchema, type TuneReport } from './tune-report.js';

/**
 * What `crawlsift tune --out` writes, for `filter --thresholds` and `produce --thresholds`: the
 * thresholds, the model they were tuned for (a run with another model refuses the file), and how
 * they were found. Keys in this order, as the file shows them.
 */
export const ThresholdsFileSchema = z.object({
  thresholds: ThresholdsSchema,
  /** The model whose scores were tuned: thresholds are cut points on one model's score scale. */
  model: ModelRefSchema,
  /** The labeled files the thresholds were tuned on. */
  labeledFiles: z.array(z.string()).min(1),
  createdAt: z.iso.datetime(),
  targets: TuneReportSchema.shape.targets,
  labeled: TuneReportSchema.shape.n,
  /** The labeled documents left out as filter would leave them unscored, and the scope that decided it. */
  unscored: TuneReportSchema.shape.unscored,
  result: TuneReportSchema.shape.overall,
  bySource: TuneReportSchema.shape.bySource,
});
export type ThresholdsFile = z.infer<typeof ThresholdsFileSchema>;

/**
 * A thresholds file as read back: what tune writes, or any part of it with the thresholds (a file
 * written by hand), or a bare `{ "low": x, "high": y }`, read as `{ "thresholds": { ... } }`.
 */
const StoredThresholdsSchema = z.preprocess(
  (json) => (typeof json === 'object' && json !== null && !Array.isArray(json) && !('thresholds' in json) ? { thresholds: json } : json),
  ThresholdsFileSchema.partial().required({ thresholds: true }),
);
export type StoredThresholds = z.output<typeof StoredThresholdsSchema>;

/** The file `tune --out` writes for `report`, checked against {@link ThresholdsFileSchema}. */
export function thresholdsFileContent(report: TuneReport, tuned: { model: ModelRef; labeledFiles: string[]; createdAt: string }): ThresholdsFile {
  const { low, high } = report.overall;
  return ThresholdsFileSchema.parse({
    thresholds: { low, high },
    ...tuned,
    targets: report.targets,
    labeled: report.n,
    ...(report.unscored ? { unscored: report.unscored } : {}),
    result: report.overall,
    bySource: report.bySource,
  });
}

/** Reads a thresholds file through {@link ThresholdsFileSchema}, with an error naming the file and what was wrong. */
export async function readThresholdsFile(path: string): Promise<StoredThresholds> {
  return readJsonFile(path, StoredThresholdsSchema, {
    what: 'thresholds file',
    expected: 'must hold {"low": x, "high": y} with 0 <= low <= high <= 1, or what crawlsift tune --out writes',
    error: (problem, message, cause) =>
      new CrawlsiftError(problem === 'unreadable' ? 'thresholds-unreadable' : 'thresholds-invalid', message, { cause }),
  });
}

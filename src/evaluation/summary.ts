import { brierScore, expectedCalibrationError } from './calibration.js';
import { auroc, fprAtTpr, tprAtFpr } from './roc.js';
import { assertScoresAndLabels, countClasses } from './validate.js';

/** FPR targets (fractions 0..1) reported by {@link evaluateScores}. */
export const REPORTED_FPRS = ['0.01', '0.05'] as const;
/** TPR targets (fractions 0..1) reported by {@link evaluateScores}. */
export const REPORTED_TPRS = ['0.9'] as const;

/**
 * Detector metrics on labeled scores. Rates and scores are fractions 0..1. Ranking metrics
 * (AUROC, TPR at FPR, FPR at TPR) are `null` when only one class is present, where they are
 * undefined; calibration metrics (Brier, ECE) are defined for any non-empty sample.
 */
export interface EvaluationSummary {
  /** Labeled documents (count). */
  n: number;
  /** Labeled synthetic documents (count). */
  nSynthetic: number;
  /** Labeled human documents (count). */
  nHuman: number;
  auroc: number | null;
  /** Largest TPR with FPR at most the key (e.g. "0.01" = 1% of human documents flagged). */
  tprAtFpr: Record<(typeof REPORTED_FPRS)[number], number | null>;
  /** Smallest FPR with TPR at least the key (e.g. "0.9" = 90% of synthetic documents flagged). */
  fprAtTpr: Record<(typeof REPORTED_TPRS)[number], number | null>;
  /** Mean squared error of the probability, unit probability squared. */
  brier: number;
  /** Expected calibration error over 10 equal-width bins. */
  ece: number;
}

/** {@link EvaluationSummary} with per-group summaries when groups were given. */
export interface GroupedEvaluation extends EvaluationSummary {
  byGroup?: Record<string, EvaluationSummary>;
}

/** Metrics of one labeled sample. */
export function summarise(scores: readonly number[], labels: readonly boolean[]): EvaluationSummary {
  assertScoresAndLabels(scores, labels);
  const { synthetic, human } = countClasses(labels);
  return {
    n: scores.length,
    nSynthetic: synthetic,
    nHuman: human,
    auroc: auroc(scores, labels),
    tprAtFpr: { '0.01': tprAtFpr(scores, labels, 0.01), '0.05': tprAtFpr(scores, labels, 0.05) },
    fprAtTpr: { '0.9': fprAtTpr(scores, labels, 0.9) },
    brier: brierScore(scores, labels),
    ece: expectedCalibrationError(scores, labels, 10),
  };
}

/**
 * Metrics of the whole sample and, when `groups` is given (one key per document, such as its
 * source domain), of each group on its own.
 */
export function evaluateScores(
  scores: readonly number[],
  labels: readonly boolean[],
  groups?: readonly string[],
): GroupedEvaluation {
  const overall: GroupedEvaluation = summarise(scores, labels);
  if (groups !== undefined) overall.byGroup = evaluateBySource(scores, labels, groups);
  return overall;
}

/**
 * Metrics per source (domain, genre, crawl): a plain partition, each source evaluated on its
 * own documents of both classes. A source with one class gets `null` ranking metrics.
 */
export function evaluateBySource(
  scores: readonly number[],
  labels: readonly boolean[],
  sources: readonly string[],
): Record<string, EvaluationSummary> {
  assertGroups(scores, sources, 'sources');
  const out: Record<string, EvaluationSummary> = {};
  for (const [source, indices] of groupIndices(sources)) out[source] = summariseAt(scores, labels, indices);
  return out;
}

/**
 * Metrics per generator: human documents have no generator, so each generator's synthetic
 * documents are evaluated against all human documents (as RAID reports per-model results).
 * `generators[i]` is ignored for human documents; a synthetic document with `null` is
 * grouped under "unknown".
 */
export function evaluateByGenerator(
  scores: readonly number[],
  labels: readonly boolean[],
  generators: readonly (string | null | undefined)[],
): Record<string, EvaluationSummary> {
  assertGroups(scores, generators, 'generators');
  const human: number[] = [];
  const syntheticGenerators: string[] = [];
  const syntheticIndices: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (labels[i]) {
      syntheticIndices.push(i);
      syntheticGenerators.push(generators[i] ?? 'unknown');
    } else human.push(i);
  }
  const out: Record<string, EvaluationSummary> = {};
  for (const [generator, positions] of groupIndices(syntheticGenerators)) {
    const indices = [...human, ...positions.map((p) => syntheticIndices[p]!)];
    out[generator] = summariseAt(scores, labels, indices);
  }
  return out;
}

/** Indices of each distinct key, keys in order of first appearance. */
export function groupIndices(keys: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  return groups;
}

function summariseAt(scores: readonly number[], labels: readonly boolean[], indices: readonly number[]): EvaluationSummary {
  return summarise(
    indices.map((i) => scores[i]!),
    indices.map((i) => labels[i]!),
  );
}

function assertGroups(scores: readonly number[], groups: readonly unknown[], name: string): void {
  if (groups.length !== scores.length) {
    throw new RangeError(`${name} has ${groups.length} entries for ${scores.length} scores: expected one per score`);
  }
}

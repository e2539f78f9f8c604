import { threeWayConfusion, type ThreeWayConfusion } from './confusion.js';
import { evaluateByGenerator, evaluateBySource, groupIndices, summarise, type EvaluationSummary } from './summary.js';
import type { ModelRef } from '../routing/model-ref.js';
import type { Thresholds } from '../routing/thresholds.js';

/** Metrics of a labeled sample plus where its documents go at the model's thresholds. */
export interface EvalGroupResult extends EvaluationSummary {
  /** Documents by true label and route (counts) at the model's thresholds. */
  confusion: ThreeWayConfusion;
}

/** What `crawlsift eval --json` prints. Rates and scores are fractions 0..1; `n` are counts. */
export interface EvalResult extends EvalGroupResult {
  /** The model that scored the documents. */
  model: ModelRef & { thresholds: Thresholds };
  /** Per `source` (missing source: "unknown"): each source's own human and synthetic documents. */
  bySource: Record<string, EvalGroupResult>;
  /** Per `generator`: its synthetic documents against all human documents (as RAID reports per model). */
  byGenerator: Record<string, EvalGroupResult>;
}

/** A labeled document as eval needs it. */
export interface EvalDocument {
  label: 'human' | 'synthetic';
  source?: string | null;
  generator?: string | null;
}

/**
 * Metrics of scored labeled documents: overall, per source and per generator, each with the
 * three-way confusion at `thresholds`. Pure: the same scores give the same result.
 */
export function buildEvalResult(
  docs: readonly EvalDocument[],
  scores: ArrayLike<number>,
  model: ModelRef & { thresholds: Thresholds },
): EvalResult {
  const s = Array.from(scores);
  const labels = docs.map((d) => d.label === 'synthetic');
  const sources = docs.map((d) => d.source ?? 'unknown');
  const generators = docs.map((d) => d.generator);
  const confusionAt = (indices: readonly number[]) =>
    threeWayConfusion(
      indices.map((i) => s[i]!),
      indices.map((i) => labels[i]!),
      model.thresholds,
    );

  const bySource: Record<string, EvalGroupResult> = {};
  const sourceGroups = groupIndices(sources);
  for (const [source, summary] of Object.entries(evaluateBySource(s, labels, sources))) {
    bySource[source] = { ...summary, confusion: confusionAt(sourceGroups.get(source)!) };
  }

  // Same grouping as evaluateByGenerator: all human documents plus one generator's synthetic ones.
  const human = labels.flatMap((l, i) => (l ? [] : [i]));
  const generatorGroups = groupIndices(labels.flatMap((l, i) => (l ? [generators[i] ?? 'unknown'] : [])));
  const syntheticIndices = labels.flatMap((l, i) => (l ? [i] : []));
  const byGenerator: Record<string, EvalGroupResult> = {};
  for (const [generator, summary] of Object.entries(evaluateByGenerator(s, labels, generators))) {
    const indices = [...human, ...generatorGroups.get(generator)!.map((p) => syntheticIndices[p]!)];
    byGenerator[generator] = { ...summary, confusion: confusionAt(indices) };
  }

  const all = s.map((_, i) => i);
  return { model, ...summarise(s, labels), confusion: confusionAt(all), bySource, byGenerator };
}

import { z } from 'zod';
import { BackendSchema } from '../classifier/backend-name.js';
import { DedupSettingsSchema } from '../dedup/dedup-settings.js';
import { ModelRefSchema, type ModelRef } from '../routing/model-ref.js';
import { ThresholdsSchema } from '../routing/thresholds.js';
import { ScopeSettingsSchema } from '../scope/options.js';

/** `name@<first 12 hex digits of the hash>`: short, and changes whenever the weights do. */
export function modelLabel(model: ModelRef): string {
  return `${model.name}@${model.hash.slice(0, 12)}`;
}

/**
 * What the stages of a run need, the same under both executors: sent with each batch to the thread
 * that processes it, and part of a queue run's record.
 */
export const PipelineSettingsSchema = z.object({
  model: ModelRefSchema,
  /** Where the scoring threads load the model from (its hash must be `model.hash`). */
  modelDir: z.string().min(1),
  /** tfjs backend of the scoring threads. */
  backend: BackendSchema,
  thresholds: ThresholdsSchema,
  /** The record field the document's id is also written to when the record lacks it. */
  idField: z.string().min(1),
  /** Recognise canaries (mixed in with `--canaries`): tally them instead of writing them. */
  canaries: z.boolean(),
  /**
   * What the model can judge (`--languages`, `--min-words`, by default the model card's): other
   * documents go to `unscored/` unscored. Null: every document is scored (the scope guard is off).
   */
  scope: ScopeSettingsSchema.nullable(),
  /** Duplicate removal (`--dedup`); absent: off. */
  dedup: DedupSettingsSchema.optional(),
});
export type PipelineSettings = z.infer<typeof PipelineSettingsSchema>;

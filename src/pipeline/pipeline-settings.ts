import { z } from 'zod';
import { ThresholdsSchema } from '../routing/thresholds.js';

/** The model as outputs name it: its card's name and the sha256 (hex) of its files. */
export const ModelRefSchema = z.object({ name: z.string().min(1), hash: z.string().min(12) });
export type ModelRef = z.infer<typeof ModelRefSchema>;

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
  backend: z.string().min(1),
  thresholds: ThresholdsSchema,
  /** The record field the document's id is also written to when the record lacks it. */
  idField: z.string().min(1),
  /** Recognise canaries (mixed in with `--canaries`): tally them instead of writing them. */
  canaries: z.boolean(),
  /** Measure each shard's corpus statistics (the diversity stage; off with `--no-diversity`). */
  diversity: z.boolean(),
});
export type PipelineSettings = z.infer<typeof PipelineSettingsSchema>;

import { z } from 'zod';
import { BackendSchema, type BackendPreference } from '../../classifier/backend-name.js';
import { DedupSettingsSchema } from '../../dedup/dedup-settings.js';
import { PackedItemSchema } from '../../pipeline/packed-items.js';
import type { PipelineSettings } from '../../pipeline/pipeline-settings.js';
import { ModelRefSchema, ThresholdsSchema } from '../../routing/index.js';
import { ScopeSettingsSchema } from '../../scope/options.js';

/** What a producer records about a run so workers and `finalize` need only `--redis` and the run id. */
export const RunSpecSchema = z.object({
  version: z.literal(1),
  /**
   * The BullMQ queue the run's batches go to: producers, workers, `finalize` and `status` on another
   * queue refuse the run. Absent in runs recorded before it was: those belong to the default queue.
   */
  queue: z.string().min(1).optional(),
  outDir: z.string().min(1),
  modelDir: z.string().min(1),
  model: ModelRefSchema,
  backend: BackendSchema,
  thresholds: ThresholdsSchema,
  reader: z.object({ textField: z.string(), idField: z.string(), maxDocBytes: z.number().int().positive() }),
  shardBytes: z.number().int().positive(),
  /** The input files as resolved by the producer, in reading order. */
  inputs: z.array(z.string()),
  /** Total input bytes as stored, for the ETA. */
  totalBytes: z.number().nonnegative(),
  batchDocs: z.number().int().positive(),
  batchBytes: z.number().int().positive(),
  attempts: z.number().int().positive(),
  retryDelayMs: z.number().int().nonnegative(),
  /**
   * Canaries mixed into the batches (`produce --canaries`): workers tally them instead of writing
   * them, and finalize reports them as the local executor does. Absent for runs without canaries.
   */
  canaries: z.object({ file: z.string(), rate: z.number().positive(), seed: z.number().int().nonnegative() }).optional(),
  /** What the model judges (see `PipelineSettings.scope`); null or absent (a run recorded before the scope guard): every document is scored. */
  scope: ScopeSettingsSchema.nullable().optional(),
  /** Duplicate removal (`--dedup exact|near`): workers keep signatures beside the parts, finalize decides. Absent: off. */
  dedup: DedupSettingsSchema.optional(),
  createdAt: z.string(),
});
export type RunSpec = z.infer<typeof RunSpecSchema>;

/** The pipeline settings of a run's batches; a worker may load the same model from another directory or backend. */
export function runPipelineSettings(spec: RunSpec, override: { modelDir?: string; backend?: BackendPreference } = {}): PipelineSettings {
  return {
    model: spec.model,
    modelDir: override.modelDir ?? spec.modelDir,
    backend: override.backend ?? spec.backend,
    thresholds: spec.thresholds,
    idField: spec.reader.idField,
    canaries: spec.canaries !== undefined,
    scope: spec.scope ?? null,
    ...(spec.dedup ? { dedup: spec.dedup } : {}),
  };
}

/** A batch job's payload: consecutive read items (documents and rejected records) in input order, packed by `packBatchItems`. */
export const BatchPayloadSchema = z.object({
  run: z.string(),
  batch: z.number().int().nonnegative(),
  items: z.array(PackedItemSchema).min(1),
});
export type BatchPayload = z.infer<typeof BatchPayloadSchema>;

/** What a finished batch left, recorded in Redis by the worker that wrote its part files (the local executor's spilled batches have the same). */
export { BatchRecordSchema, type BatchRecord } from '../../pipeline/output/batch-files.js';

import { z } from 'zod';
import { BackendSchema } from '../classifier/backend-name.js';
import { REJECT_REASONS } from '../documents/types.js';
import { SHARD_DIRS } from '../pipeline/output-dir.js';
import { ModelRefSchema, ThresholdsSchema } from '../routing/index.js';

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
  createdAt: z.string(),
});
export type RunSpec = z.infer<typeof RunSpecSchema>;

const SourceRefSchema = z.object({
  file: z.string(),
  line: z.number().optional(),
  offset: z.number().optional(),
  index: z.number().optional(),
});

/**
 * A document in a batch payload. Its text travels once: usually as `textKey`, the field of `record`
 * that holds it, else (a text that is no field of its record) as `text`. See `packBatchItems`.
 */
const PayloadDocumentSchema = z
  .object({
    id: z.string(),
    text: z.string().optional(),
    textKey: z.string().optional(),
    record: z.record(z.string(), z.unknown()),
    source: SourceRefSchema,
  })
  .refine((d) => (d.text === undefined) !== (d.textKey === undefined), 'a document needs exactly one of text and textKey')
  .refine((d) => d.textKey === undefined || typeof d.record[d.textKey] === 'string', 'textKey must name a string field of the record');

const ReadItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('document'), document: PayloadDocumentSchema }),
  z.object({
    kind: z.literal('rejected'),
    rejected: z.object({
      reason: z.enum(REJECT_REASONS),
      detail: z.string().optional(),
      file: z.string(),
      line: z.number().optional(),
      offset: z.number().optional(),
      index: z.number().optional(),
      raw: z.string(),
    }),
  }),
]);

/** A batch job's payload: consecutive read items (documents and rejected records) in input order, packed by `packBatchItems`. */
export const BatchPayloadSchema = z.object({
  run: z.string(),
  batch: z.number().int().nonnegative(),
  items: z.array(ReadItemSchema).min(1),
});
export type BatchPayload = z.infer<typeof BatchPayloadSchema>;

const CanaryRoutesSchema = z.object({
  n: z.number().int().nonnegative(),
  toHuman: z.number().int().nonnegative(),
  toUncertain: z.number().int().nonnegative(),
  toSynthetic: z.number().int().nonnegative(),
});

/** What a finished batch contributed, per shard, recorded in Redis by the worker that wrote it. */
export const BatchCountsSchema = z.object({
  /** Crawl records of the batch (canaries excluded, as in the local executor's counts). */
  read: z.number().int().nonnegative(),
  human: z.number().int().nonnegative(),
  synthetic: z.number().int().nonnegative(),
  uncertain: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  rejectedByReason: z.partialRecord(z.enum(REJECT_REASONS), z.number().int().nonnegative()),
  /** Uncompressed bytes of each part the batch wrote: finalize rotates shards by them without decoding. */
  partBytes: z.partialRecord(z.enum(SHARD_DIRS), z.number().int().nonnegative()),
  /** Where the batch's canaries were routed (runs with canaries only). */
  canaries: z.object({ synthetic: CanaryRoutesSchema, human: CanaryRoutesSchema }).optional(),
});
export type BatchCounts = z.infer<typeof BatchCountsSchema>;

import { z } from 'zod';
import { REJECT_REASONS, type ReadItem } from '../documents/types.js';

const SourceRefSchema = z.object({
  file: z.string(),
  line: z.number().optional(),
  offset: z.number().optional(),
  index: z.number().optional(),
});

const PackedDocumentSchema = z
  .object({
    id: z.string(),
    text: z.string().optional(),
    textKey: z.string().optional(),
    record: z.record(z.string(), z.unknown()),
    source: SourceRefSchema,
  })
  .refine((d) => (d.text === undefined) !== (d.textKey === undefined), 'a document needs exactly one of text and textKey')
  .refine((d) => d.textKey === undefined || typeof d.record[d.textKey] === 'string', 'textKey must name a string field of the record');

/**
 * A read item as it crosses to another thread or through Redis: a document's text travels once, as
 * `textKey` (the record field holding it), or as `text` when it is no field of its record.
 */
export const PackedItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('document'), document: PackedDocumentSchema }),
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
export type PackedItem = z.infer<typeof PackedItemSchema>;

/**
 * Read items as a batch carries them to a batch thread or a queue worker: a document's text is sent
 * once, as the name of the record field that holds it (`textKey`), instead of beside the record that
 * already contains it. Every queue batch crosses Redis twice and is parsed and validated once more in
 * the worker; sending each text twice made payloads ~1.85x the input and the queue executor's
 * serialisation work with it; a batch posted to a thread is copied, each string once more. Pure.
 */
export function packBatchItems(items: readonly ReadItem[]): PackedItem[] {
  return items.map((item) => {
    if (item.kind !== 'document') return item;
    const { id, text, record, source } = item.document;
    const textKey = fieldHolding(record, text);
    return { kind: 'document', document: textKey === undefined ? { id, text, record, source } : { id, textKey, record, source } };
  });
}

/** The read items a packed payload stands for (the inverse of {@link packBatchItems}). Pure. */
export function unpackBatchItems(items: readonly PackedItem[]): ReadItem[] {
  return items.map((item) => {
    if (item.kind !== 'document') return item;
    const { id, text, textKey, record, source } = item.document;
    // PackedItemSchema (or packBatchItems itself) made sure textKey names a string field when text is absent.
    return { kind: 'document', document: { id, text: text ?? (record[textKey!] as string), record, source } };
  });
}

/** The first field of `record` whose value is `text` (readers put the text in the record as it was read). */
function fieldHolding(record: Record<string, unknown>, text: string): string | undefined {
  for (const key in record) if (record[key] === text) return key;
  return undefined;
}

import type { ReadItem } from '../documents/types.js';
import type { BatchPayload } from './run-spec.js';

type PayloadItem = BatchPayload['items'][number];

/**
 * Read items as a batch job carries them: a document's text is sent once, as the name of the record
 * field that holds it (`textKey`), instead of beside the record that already contains it. Every
 * batch crosses Redis twice (producer to Redis, Redis to a worker) and is parsed and validated once
 * more in the worker; sending each text twice made payloads ~1.85x the input and the queue
 * executor's serialisation work with it. Pure.
 */
export function packBatchItems(items: readonly ReadItem[]): PayloadItem[] {
  return items.map((item) => {
    if (item.kind !== 'document') return item;
    const { id, text, record, source } = item.document;
    const textKey = fieldHolding(record, text);
    return { kind: 'document', document: textKey === undefined ? { id, text, record, source } : { id, textKey, record, source } };
  });
}

/** The read items a packed payload stands for (the inverse of {@link packBatchItems}). Pure. */
export function unpackBatchItems(items: readonly PayloadItem[]): ReadItem[] {
  return items.map((item) => {
    if (item.kind !== 'document') return item;
    const { id, text, textKey, record, source } = item.document;
    // The payload schema checked that textKey names a string field when text is absent.
    return { kind: 'document', document: { id, text: text ?? (record[textKey!] as string), record, source } };
  });
}

/** The first field of `record` whose value is `text` (readers put the text in the record as it was read). */
function fieldHolding(record: Record<string, unknown>, text: string): string | undefined {
  for (const key in record) if (record[key] === text) return key;
  return undefined;
}

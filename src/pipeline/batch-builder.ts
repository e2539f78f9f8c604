import type { ReadItem } from '../documents/types.js';

export interface BatchLimits {
  /** Close a batch at this many read items (documents and rejected records). @defaultValue 256 */
  batchDocs: number;
  /** Close a batch once its texts (and rejected records' raw bytes) reach this many UTF-8 bytes. @defaultValue 4 MiB */
  batchBytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { batchDocs: 256, batchBytes: 4 * 1024 * 1024 };

/**
 * Groups read items, in order, into batches of at most `batchDocs` items, closed early once they
 * hold `batchBytes` of text. Pure and deterministic: the same items give the same batches, which
 * is what lets a restarted producer rebuild the batch ids it had already added.
 */
export class BatchBuilder {
  private readonly limits: BatchLimits;
  private items: ReadItem[] = [];
  private bytes = 0;

  constructor(limits: Partial<BatchLimits> = {}) {
    this.limits = { ...DEFAULT_BATCH_LIMITS, ...limits };
  }

  /** Adds an item; returns the batch it completed, if any. */
  add(item: ReadItem): ReadItem[] | undefined {
    this.items.push(item);
    this.bytes += Buffer.byteLength(item.kind === 'document' ? item.document.text : item.rejected.raw);
    if (this.items.length >= this.limits.batchDocs || this.bytes >= this.limits.batchBytes) return this.take();
    return undefined;
  }

  /** The last, partial batch (undefined when empty). */
  flush(): ReadItem[] | undefined {
    return this.items.length > 0 ? this.take() : undefined;
  }

  private take(): ReadItem[] {
    const batch = this.items;
    this.items = [];
    this.bytes = 0;
    return batch;
  }
}

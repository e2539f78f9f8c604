import { threadEntry, WorkerPool } from '../../threads/worker-pool.js';
import type { RecordEdit } from '../stage.js';
import type { RecordEditOptions } from './record-edits.js';
import type { BatchParts } from './run-output.js';

/** What an edit thread is asked: one batch's parts, with the run steps' edits of them. */
export interface EditThreadRequest {
  parts: BatchParts;
  edits: readonly RecordEdit[];
  options: RecordEditOptions;
}

/**
 * `applyRecordEdits` on `threads` worker threads (`edit-thread.ts`): at the end of a run with a run
 * step, every batch's parts are edited and compressed again, and on one thread that editing (parse
 * and write of each edited record's `metadata.crawlsift`, joining the lines) is what the end of the
 * run waits for. The threads load only the output code (no model), so they start in milliseconds.
 * The result is the same bytes as `applyRecordEdits` on the calling thread.
 */
export class EditThreads {
  private constructor(private readonly pool: WorkerPool<EditThreadRequest, BatchParts>) {}

  static async start(threads: number): Promise<EditThreads> {
    const pool = await WorkerPool.start<undefined, EditThreadRequest, BatchParts>({
      what: 'edit',
      entry: threadEntry(import.meta.url, 'edit-thread'),
      workerData: undefined,
      threads,
    });
    return new EditThreads(pool);
  }

  apply(parts: BatchParts, edits: readonly RecordEdit[], options: RecordEditOptions): Promise<BatchParts> {
    return this.pool.run({ parts, edits, options });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

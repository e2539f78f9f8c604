import type { ReadItem } from '../../documents/types.js';
import type { BatchRunner } from '../../pipeline/batch-runner.js';
import { failedBatch, type BatchFailure } from '../../pipeline/failed-batch.js';
import { packBatchItems } from '../../pipeline/packed-items.js';
import type { PipelineSettings } from '../../pipeline/pipeline-settings.js';
import type { ProcessedBatch } from '../../pipeline/process-batch.js';
import { ThreadDiedError } from '../../threads/worker-pool.js';

/** A batch handed to the runner: its items (for another attempt) and its first attempt. */
export interface BatchTicket {
  items: ReadItem[];
  first: Promise<ProcessedBatch>;
  /** The runner the first attempt went to: a dead one is replaced once, not once per batch it held. */
  runner: BatchRunner;
}

/**
 * The local executor's batches, each given up to `attempts` tries: the first when submitted (many
 * in flight), the rest one at a time when the batch's turn to be written comes. Threads that died
 * are replaced by fresh ones before the next try. A batch that fails every try is not the run's end:
 * its records become `processing-failed` rejections (`failedBatch`), as the queue executor's do.
 */
export class BatchAttempts {
  private runner: BatchRunner;

  constructor(
    private readonly startRunner: () => Promise<BatchRunner>,
    first: BatchRunner,
    private readonly settings: PipelineSettings,
    private readonly attempts: number,
    private readonly onGiveUp: (failure: BatchFailure, attempts: number) => void = () => undefined,
  ) {
    this.runner = first;
  }

  submit(items: ReadItem[]): BatchTicket {
    const first = this.runner.process(this.settings, packBatchItems(items));
    // Awaited in order by settle(); this keeps a later batch's failure from being reported as unhandled.
    first.catch(() => undefined);
    return { items, first, runner: this.runner };
  }

  /** The batch's output: its first attempt's, another attempt's, or its records rejected. */
  async settle(ticket: BatchTicket): Promise<ProcessedBatch> {
    let runner = ticket.runner;
    let error: unknown;
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      try {
        return await (attempt === 1 ? ticket.first : runner.process(this.settings, packBatchItems(ticket.items)));
      } catch (caught) {
        error = caught;
        if (caught instanceof ThreadDiedError) runner = await this.replace(runner);
        else runner = this.runner;
      }
    }
    const failure: BatchFailure = { message: (error as Error).message, ...codeOf(error) };
    this.onGiveUp(failure, this.attempts);
    return failedBatch(ticket.items, failure, this.settings);
  }

  async close(): Promise<void> {
    await this.runner.close();
  }

  /** Fresh threads in place of `dead`, unless another batch already replaced them. */
  private async replace(dead: BatchRunner): Promise<BatchRunner> {
    if (this.runner === dead) {
      await dead.close().catch(() => undefined);
      this.runner = await this.startRunner();
    }
    return this.runner;
  }
}

function codeOf(error: unknown): { code?: string } {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? { code } : {};
}

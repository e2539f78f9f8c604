import type { Scorer } from '../classifier/scorer.js';
import { buildPipeline } from './build-pipeline.js';
import { unpackBatchItems, type PackedItem } from './packed-items.js';
import type { PipelineSettings } from './pipeline-settings.js';
import { processBatch, type BuiltPipeline, type ProcessedBatch } from './process-batch.js';

/** Where an executor has its batches processed: on batch threads ({@link ThreadedBatchRunner}), or in this thread. */
export interface BatchRunner {
  /** Processes a batch of packed read items with the pipeline built for the run's settings. */
  process(settings: PipelineSettings, items: PackedItem[]): Promise<ProcessedBatch>;
  /** Releases threads and models. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Processes batches in this thread, every run's pipeline scoring with one given scorer: for tests (a
 * stand-in scorer) and for embedding. The executors' default is `ThreadedBatchRunner`.
 */
export class InlineBatchRunner implements BatchRunner {
  private readonly pipelines = new Map<string, BuiltPipeline>();

  constructor(private readonly scorer: Scorer) {}

  process(settings: PipelineSettings, items: PackedItem[]): Promise<ProcessedBatch> {
    const key = JSON.stringify(settings);
    let pipeline = this.pipelines.get(key);
    if (!pipeline) {
      pipeline = buildPipeline(settings, async () => this.scorer);
      this.pipelines.set(key, pipeline);
    }
    return processBatch(unpackBatchItems(items), pipeline);
  }

  async close(): Promise<void> {}
}

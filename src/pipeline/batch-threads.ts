import { shareModelClassLm } from '../classifier/index.js';
import { SCORING_THREAD_LIMITS } from '../classifier/thread-pool-scorer.js';
import type { SharedClassLm } from '../features/index.js';
import { shareShippedWordLm, type SharedWordLm } from '../features/reference-lm/index.js';
import { threadEntry, WorkerPool } from '../threads/worker-pool.js';
import type { BatchRunner } from './batch-runner.js';
import type { PackedItem } from './packed-items.js';
import type { PipelineSettings } from './pipeline-settings.js';
import type { ProcessedBatch } from './process-batch.js';

/** Runs whose class LM the runner keeps shared (as many as a batch thread keeps loaded models). */
const KEEP_CLASS_LMS = 4;

/** What a batch thread is asked: process these items with the pipeline built for these settings. */
export interface BatchThreadRequest {
  settings: PipelineSettings;
  items: PackedItem[];
  /** The run's class LM, read once here and shared (see `shareModelClassLm`); a thread uses it when it loads the run's model. */
  classLm?: SharedClassLm;
}

/** What every batch thread starts with: the reference word LM its parent loaded, shared (see `shareShippedWordLm`). */
export interface BatchThreadData {
  wordLm: SharedWordLm | undefined;
}

/**
 * Processes batches on `threads` worker threads (`batch-thread.ts`): each runs the whole pipeline on
 * a batch (stages, serialisation, compression) and hands back the encoded parts, so the calling
 * thread only reads input and appends parts. A thread loads a run's model once, on the run's first
 * batch it gets; the reference word LM is loaded once, here, and shared by every thread, and so is each run's class LM. A thread that dies fails every later batch with a `ThreadDiedError`.
 */
export class ThreadedBatchRunner implements BatchRunner {
  /** Each run's class LM, by model directory and hash (a queue worker's runner may see a few runs). */
  private readonly classLms = new Map<string, Promise<SharedClassLm | undefined>>();

  private constructor(private readonly pool: WorkerPool<BatchThreadRequest, ProcessedBatch>) {}

  static async start(threads: number): Promise<ThreadedBatchRunner> {
    const entry = threadEntry(import.meta.url, 'batch-thread');
    const pool = await WorkerPool.start<BatchThreadData, BatchThreadRequest, ProcessedBatch>({
      what: 'batch',
      entry,
      workerData: { wordLm: shareShippedWordLm() },
      threads,
      resourceLimits: SCORING_THREAD_LIMITS,
    });
    return new ThreadedBatchRunner(pool);
  }

  get threads(): number {
    return this.pool.size;
  }

  async process(settings: PipelineSettings, items: PackedItem[]): Promise<ProcessedBatch> {
    const key = `${settings.modelDir}\0${settings.model.hash}`;
    let classLm = this.classLms.get(key);
    if (!classLm) {
      this.classLms.set(key, (classLm = shareModelClassLm(settings.modelDir)));
      if (this.classLms.size > KEEP_CLASS_LMS) this.classLms.delete(this.classLms.keys().next().value!);
    }
    const shared = await classLm;
    return this.pool.run({ settings, items, ...(shared ? { classLm: shared } : {}) });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

import type { SharedClassLm } from '../features/index.js';
import { shareShippedWordLm, type SharedWordLm } from '../features/reference-lm/index.js';
import { threadEntry, WorkerPool } from '../threads/worker-pool.js';
import type { BackendPreference } from './backend-name.js';
import { shareModelClassLm } from './model-class-lm.js';
import type { Scorer } from './scorer.js';

export interface ScoreThreadData {
  modelDir: string;
  backend?: BackendPreference;
  /** The reference word LM, loaded once by the pool and shared by its threads (see `shareShippedWordLm`). */
  wordLm?: SharedWordLm;
  /** The model's class LM, read once by the pool and shared by its threads (see `shareModelClassLm`). */
  classLm?: SharedClassLm;
}

/**
 * Each scoring thread's young generation is capped at 8 MB: a batch's garbage is short-lived, and
 * V8's larger default let every thread's RSS grow by tens of MB for no speed (measured with
 * bench/pipeline.ts at 20 MB of input: peak RSS ~450-470 MB at 16 MB vs ~490-575 MB uncapped, same
 * docs/s). 8 MB against 16 MB, `filter --threads 2` on the pipeline bench's 100 MB input, 3
 * alternating pairs at load 7-8: peak RSS 490 / 499 / 494 against 496 / 507 / 515 MB, CPU time
 * 42.5-45.6 against 43.2-45.3 s (docs/development.md, "Memory").
 *
 * The old generation is capped at 1 GB, about twenty times what a thread holds live (40-60 MB). The
 * cap is not there to be reached: V8 lets a heap grow by up to 4x between full collections when its
 * limit is large (a worker's default comes from the machine's memory), and by less below 2 GB. A
 * batch promotes most of what it allocates (it outlives the young generation), so a thread's old
 * generation filled with dead batches up to 126 MB before a full collection. Same input and
 * settings, 2 alternating runs each: peak RSS 360 / 360 MB at 1 GB against 425 / 498 MB uncapped,
 * wall time 16.9-17.4 against 17.2-18.0 s; caps of 128 to 512 MB gave the same (350-360 MB).
 */
export const SCORING_THREAD_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 };

/** What each scoring thread starts with: `data`, and the LMs read once here for all of them. */
export async function scoreThreadData(data: ScoreThreadData): Promise<ScoreThreadData> {
  const classLm = await shareModelClassLm(data.modelDir);
  return { ...data, wordLm: shareShippedWordLm(), ...(classLm ? { classLm } : {}) };
}

/**
 * Scores batches of texts on `threads` worker threads, each holding its own copy of the model
 * (`score-thread.ts`) but one shared reference word LM and class LM. A thread that dies fails the scorer with a `ThreadDiedError`.
 */
export class ThreadPoolScorer implements Scorer {
  private constructor(private readonly pool: WorkerPool<string[], Float32Array>) {}

  static async start(threads: number, data: ScoreThreadData): Promise<ThreadPoolScorer> {
    const entry = threadEntry(import.meta.url, 'score-thread');
    const pool = await WorkerPool.start<ScoreThreadData, string[], Float32Array>({
      what: 'scoring',
      entry,
      workerData: await scoreThreadData(data),
      threads,
      resourceLimits: SCORING_THREAD_LIMITS,
    });
    return new ThreadPoolScorer(pool);
  }

  score(texts: string[]): Promise<Float32Array> {
    return this.pool.run(texts);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

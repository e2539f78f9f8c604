import { Worker } from 'node:worker_threads';
import type { BackendPreference } from '../classifier/backend-name.js';
import { CrawlsiftError } from '../errors.js';
import type { Scorer } from './scorer.js';

export interface ScoreWorkerData {
  modelDir: string;
  backend?: BackendPreference;
}
export interface ScoreRequest {
  id: number;
  texts: string[];
}
export type ScoreResponse =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'scores'; id: number; scores: Float32Array }
  | { type: 'error'; id: number; message: string };

interface Pending {
  request: ScoreRequest;
  resolve: (scores: Float32Array) => void;
  reject: (error: Error) => void;
}

/**
 * Each scoring thread's young generation is capped at 16 MB: a batch's garbage is short-lived, and
 * V8's larger default let every thread's RSS grow by tens of MB for no speed (measured with
 * bench/pipeline.ts at 20 MB of input: peak RSS ~450-470 MB vs ~490-575 MB, same docs/s).
 */
const SCORING_THREAD_LIMITS = { maxYoungGenerationSizeMb: 16 };

/** The worker entry next to this file: compiled `.js`, or `.ts` under vitest/tsx (loaded through tsx). */
function workerEntry(): { url: URL; execArgv: string[] } {
  const self = import.meta.url;
  const isTs = self.endsWith('.ts');
  const url = new URL(isTs ? './score-worker.ts' : './score-worker.js', self);
  return { url, execArgv: isTs ? ['--import', 'tsx'] : [] };
}

/**
 * Scores batches on `threads` worker threads, each holding its own copy of the model. Each
 * thread takes one batch at a time; batches wait in a FIFO for the next free thread.
 */
export class ThreadPoolScorer implements Scorer {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly waiting: Pending[] = [];
  private nextId = 0;
  private closed = false;
  private failure: Error | undefined;

  private constructor(private readonly workers: Worker[]) {}

  static async start(threads: number, data: ScoreWorkerData): Promise<ThreadPoolScorer> {
    const entry = workerEntry();
    const workers = Array.from({ length: threads }, () => new Worker(entry.url, { workerData: data, execArgv: entry.execArgv, resourceLimits: SCORING_THREAD_LIMITS }));
    const pool = new ThreadPoolScorer(workers);
    try {
      await Promise.all(workers.map((worker) => pool.attach(worker)));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  score(texts: string[]): Promise<Float32Array> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('scorer is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ request: { id: this.nextId++, texts }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopped = new Error('scorer closed');
    for (const pending of [...this.waiting, ...this.busy.values()]) pending.reject(stopped);
    this.waiting.length = 0;
    this.busy.clear();
    await Promise.allSettled(this.workers.map((worker) => worker.terminate()));
  }

  private attach(worker: Worker): Promise<void> {
    return new Promise((resolve, reject) => {
      worker.on('message', (message: ScoreResponse) => {
        if (message.type === 'ready') {
          this.idle.push(worker);
          resolve();
          this.dispatch();
        } else if (message.type === 'fatal') {
          reject(new CrawlsiftError('model-load-failed', `cannot load model: ${message.message}`));
        } else {
          this.settle(worker, message);
        }
      });
      worker.on('error', (error) => {
        reject(error);
        this.fail(worker, error);
      });
      worker.on('exit', (code) => {
        if (!this.closed && code !== 0) this.fail(worker, new Error(`scoring thread exited with code ${code}`));
      });
    });
  }

  private settle(worker: Worker, message: Extract<ScoreResponse, { id: number }>): void {
    const pending = this.busy.get(worker);
    this.busy.delete(worker);
    this.idle.push(worker);
    if (pending) {
      if (message.type === 'scores') pending.resolve(message.scores);
      else pending.reject(new CrawlsiftError('scoring-failed', message.message));
    }
    this.dispatch();
  }

  /** A thread that dies takes the run down: its batch can't be scored elsewhere without reloading. */
  private fail(worker: Worker, error: Error): void {
    this.failure ??= error;
    const pending = this.busy.get(worker);
    this.busy.delete(worker);
    pending?.reject(error);
    for (const waiting of this.waiting.splice(0)) waiting.reject(error);
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const worker = this.idle.shift()!;
      const pending = this.waiting.shift()!;
      this.busy.set(worker, pending);
      worker.postMessage(pending.request);
    }
  }
}

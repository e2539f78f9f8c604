import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';
import { CrawlsiftError } from '../errors.js';

/**
 * What a pool thread posts back: `ready` once it has started (and loaded what it must before work),
 * `fatal` when it cannot start, and one `done` or `failed` per request.
 */
export type PoolMessage<Res> =
  | { type: 'ready' }
  | { type: 'fatal'; message: string; code?: string }
  | { type: 'done'; id: number; response: Res }
  | { type: 'failed'; id: number; message: string; code?: string };

/** What the pool posts to a thread: one request with the id its answer must carry. */
export interface PoolRequest<Req> {
  id: number;
  request: Req;
}

/**
 * A pool thread died (it exited, or threw outside a request): the batch it held is lost and the
 * pool takes no more work. Typed, so callers recognise it without reading the message (a queue
 * worker starts a fresh pool; the local executor fails the run).
 */
export class ThreadDiedError extends CrawlsiftError {
  constructor(what: string, detail: string) {
    super('thread-died', `${what} thread died: ${detail}`);
    this.name = 'ThreadDiedError';
  }
}

/** A request a pool thread answered with an error: the thread is fine, the request is not. */
export class ThreadRequestError extends CrawlsiftError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'ThreadRequestError';
  }
}

/** A pool that is closed takes no more work. */
export class PoolClosedError extends CrawlsiftError {
  constructor(what: string) {
    super('pool-closed', `${what} threads are closed`);
    this.name = 'PoolClosedError';
  }
}

export interface WorkerPoolOptions<Data> {
  /** What the threads do, for messages: `scoring`, `batch`. */
  what: string;
  /** The thread entry module: compiled `.js`, or `.ts` (loaded through tsx: tests and source trees). */
  entry: URL;
  workerData: Data;
  threads: number;
  resourceLimits?: ResourceLimits;
}

interface Pending<Req, Res> {
  message: PoolRequest<Req>;
  /** Buffers handed to the thread instead of copied. */
  transfer: readonly TransferListItem[];
  resolve: (response: Res) => void;
  reject: (error: Error) => void;
}

/**
 * Runs requests on `threads` worker threads, each started once from `entry` (which answers through
 * {@link servePool}). A thread takes one request at a time; requests wait in a FIFO for the next free
 * thread. A thread that dies fails the pool: every pending request rejects with a
 * {@link ThreadDiedError} and so does every later one.
 */
export class WorkerPool<Req, Res> {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending<Req, Res>>();
  private readonly waiting: Pending<Req, Res>[] = [];
  private nextId = 0;
  private closed = false;
  private failure: Error | undefined;

  private constructor(
    private readonly workers: Worker[],
    private readonly what: string,
  ) {}

  /** Starts the threads and resolves once every one is ready; rejects (and stops them) if one is not. */
  static async start<Data, Req, Res>(options: WorkerPoolOptions<Data>): Promise<WorkerPool<Req, Res>> {
    const workers = Array.from({ length: options.threads }, () => startThread(options));
    const pool = new WorkerPool<Req, Res>(workers, options.what);
    try {
      await Promise.all(workers.map((worker) => pool.attach(worker)));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Threads in the pool. */
  get size(): number {
    return this.workers.length;
  }

  run(request: Req, transfer: readonly TransferListItem[] = []): Promise<Res> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new PoolClosedError(this.what));
    return new Promise((resolve, reject) => {
      this.waiting.push({ message: { id: this.nextId++, request }, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops the threads; pending requests reject. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopped = new PoolClosedError(this.what);
    for (const pending of [...this.waiting, ...this.busy.values()]) pending.reject(stopped);
    this.waiting.length = 0;
    this.busy.clear();
    await Promise.allSettled(this.workers.map((worker) => worker.terminate()));
  }

  private attach(worker: Worker): Promise<void> {
    return new Promise((resolve, reject) => {
      worker.on('message', (message: PoolMessage<Res>) => {
        if (message.type === 'ready') {
          this.idle.push(worker);
          resolve();
          this.dispatch();
        } else if (message.type === 'fatal') {
          reject(new CrawlsiftError(message.code ?? 'thread-start-failed', `cannot start ${this.what} thread: ${message.message}`));
        } else {
          this.settle(worker, message);
        }
      });
      worker.on('error', (error) => {
        const died = new ThreadDiedError(this.what, error.message);
        reject(died);
        this.fail(worker, died);
      });
      worker.on('exit', (code) => {
        if (this.closed) return;
        const died = new ThreadDiedError(this.what, `exited with code ${code}`);
        reject(died);
        this.fail(worker, died);
      });
    });
  }

  private settle(worker: Worker, message: Extract<PoolMessage<Res>, { id: number }>): void {
    const pending = this.busy.get(worker);
    this.busy.delete(worker);
    this.idle.push(worker);
    if (pending) {
      if (message.type === 'done') pending.resolve(message.response);
      else pending.reject(new ThreadRequestError(message.code ?? `${this.what}-failed`, message.message));
    }
    this.dispatch();
  }

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
      worker.postMessage(pending.message, [...pending.transfer]);
    }
  }
}

/** The entry module of a pool thread next to `self` (an `import.meta.url`): `.js` beside compiled code, `.ts` beside source. */
export function threadEntry(self: string, name: string): URL {
  return new URL(`./${name}${self.endsWith('.ts') ? '.ts' : '.js'}`, self);
}

/**
 * A thread running `entry`. A `.ts` entry (under vitest, or a source tree run with tsx) is loaded
 * through tsx's loader, registered in the thread first: Node 20 threads do not take `--import` flags.
 */
function startThread<Data>(options: WorkerPoolOptions<Data>): Worker {
  const settings = { workerData: options.workerData, resourceLimits: options.resourceLimits };
  if (!options.entry.pathname.endsWith('.ts')) return new Worker(options.entry, settings);
  const load = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(options.entry.href)}); });`;
  return new Worker(load, { ...settings, eval: true });
}

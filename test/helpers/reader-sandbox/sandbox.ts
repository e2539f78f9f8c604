import { Worker } from 'node:worker_threads';
import type { ReadItem, ReaderOptions } from '../../../src/documents/index.js';

/** Work for the sandbox: read inputs as the CLI does, or run a decompressor over a file. */
export type SandboxJob =
  | { kind: 'read'; inputs: string[]; options?: Partial<Omit<ReaderOptions, 'onBytes' | 'onRead' | 'stdin'>> }
  | { kind: 'gunzip' | 'unzstd'; path: string; chunkBytes: number };

export type SandboxReply =
  /** `bytesRead`: every byte the readers read from storage, re-reads included (ReaderOptions.onRead). */
  | { kind: 'read'; items: ReadItem[]; bytesRead: number }
  /** A decompressor's output (its size and SHA-256), and the error that ended it, if one did. */
  | { kind: 'decode'; bytes: number; pieces: number; sha256: string; failure?: { name: string; code?: string; offset?: number; message: string } }
  /** The job threw: for a reader, anything but an InputError is a bug. */
  | { kind: 'thrown'; error: { name: string; code?: string; message: string; stack?: string } }
  /** The job did not finish before its deadline; the worker was stopped. */
  | { kind: 'timed-out'; afterMs: number };

const BOOT = new URL('./boot.mjs', import.meta.url);
const WORKER = new URL('./worker.ts', import.meta.url).href;

/**
 * Runs reader jobs in a worker thread under a deadline. A reader stuck in a loop of resolved
 * promises starves every timer of its own thread, so no test in that thread could time it out;
 * from here the stuck worker is terminated and the job reported as `timed-out`. One job at a time;
 * a new worker starts after a timeout.
 */
export class ReaderSandbox {
  private worker: Worker | undefined;

  async run(job: SandboxJob, deadlineMs: number): Promise<SandboxReply> {
    const worker = (this.worker ??= new Worker(BOOT, { workerData: { module: WORKER } }));
    return new Promise<SandboxReply>((resolve, reject) => {
      const started = Date.now();
      const timer = setTimeout(() => {
        cleanup();
        this.worker = undefined;
        void worker.terminate();
        resolve({ kind: 'timed-out', afterMs: Date.now() - started });
      }, deadlineMs);
      const onMessage = (reply: SandboxReply) => {
        cleanup();
        resolve(reply);
      };
      const onError = (error: Error) => {
        cleanup();
        this.worker = undefined;
        reject(error);
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

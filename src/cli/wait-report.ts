import type { RunStatus } from '../executors/queue/run-status.js';
import { progressEnabled, type ProgressDisplay } from './progress-display.js';
import { createQueueProgressDisplay } from './queue-progress.js';

export interface WaitReportOptions {
  /** @defaultValue process.stderr */
  stream: NodeJS.WriteStream;
  /** Without a terminal: write a line at most this often, milliseconds (the first once this long has passed). @defaultValue 30_000 */
  logEveryMs: number;
  /** The clock. @defaultValue Date.now */
  now: () => number;
}

const n = (x: number) => x.toLocaleString('en-US');

/** The line `finalize --wait` logs without a terminal: batches done, failed and queued, and the producer. */
export function waitLogLine(status: RunStatus): string {
  const { done, produced, total } = status.batches;
  const failed = status.batches.failed.length;
  const queued = Math.max(produced - done - failed, 0);
  const of = total === undefined ? `${n(produced)} so far` : n(total);
  const producer = status.producerDone ? 'producer finished' : status.producer.running ? 'producer running, not finished' : 'producer not running, not finished';
  return `crawlsift finalize: waiting for run ${status.runId}: batches ${n(done)} done, ${n(failed)} failed, ${n(queued)} queued or running, of ${of}; ${producer}`;
}

/**
 * What `finalize --wait` shows while it waits: on a terminal the queue progress line; otherwise a
 * `waitLogLine` on stderr at most every `logEveryMs`, so a short wait stays quiet and a long one in
 * a log file says how it goes. Notes (the producer stopped) are written at once, either way.
 */
export class WaitReport {
  private readonly options: WaitReportOptions;
  private readonly line: ProgressDisplay<RunStatus> | undefined;
  private lastLog: number;

  constructor(options: Partial<WaitReportOptions> = {}) {
    this.options = { stream: process.stderr, logEveryMs: 30_000, now: Date.now, ...options };
    this.line = progressEnabled(this.options.stream) ? createQueueProgressDisplay(this.options.stream) : undefined;
    this.lastLog = this.options.now();
  }

  update(status: RunStatus): void {
    if (this.line) return this.line.update(status);
    const now = this.options.now();
    if (now - this.lastLog < this.options.logEveryMs) return;
    this.lastLog = now;
    this.options.stream.write(`${waitLogLine(status)}\n`);
  }

  note(line: string): void {
    if (this.line) this.line.note(line);
    else this.options.stream.write(`${line}\n`);
  }

  stop(): void {
    this.line?.stop();
  }
}

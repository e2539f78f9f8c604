import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { readRunStatus, type RunStatus } from './run-status.js';

export interface RunStatusWatchOptions {
  redis: Redis;
  runId: string;
  queueName: string;
  /** How often to read the status, milliseconds. @defaultValue 1_000 */
  intervalMs?: number;
  onStatus: (status: RunStatus) => void;
}

/** A running watch: `stop()` ends it, and a read still in progress is not handed on. Safe to call twice. */
export interface RunStatusWatch {
  stop(): void;
}

/**
 * Reads a run's status every `intervalMs` and hands it to `onStatus`, for a progress line. A read
 * that fails (the run not recorded yet, Redis away for a moment) is skipped: progress never ends a
 * run, and the code doing the run meets the same error itself.
 */
export function watchRunStatus(options: RunStatusWatchOptions): RunStatusWatch {
  const stopped = new AbortController();
  void (async () => {
    while (!stopped.signal.aborted) {
      const status = await readRunStatus(options.redis, options.runId, options.queueName).catch(() => undefined);
      if (status && !stopped.signal.aborted) options.onStatus(status);
      await sleep(options.intervalMs ?? 1_000, undefined, { signal: stopped.signal }).catch(() => undefined);
    }
  })();
  // Not awaited on stop: with Redis away a read may hang until the connection gives up.
  return { stop: () => stopped.abort() };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { CrawlsiftError } from '../../errors.js';
import { finalizeRun, type FinalizeResult } from './finalizer.js';
import { runProducer, type ProducerOptions } from './producer.js';
import { closeRedis, connectRedis } from './redis-connection.js';
import { DEFAULT_QUEUE_NAME } from './run-keys.js';
import { readRunStatus, type RunStatus } from './run-status.js';
import { watchRunStatus, type RunStatusWatch } from './run-status-watch.js';

export interface LocalClusterOptions {
  redisUrl: string;
  producer: Omit<ProducerOptions, 'redis'>;
  /** `crawlsift work` processes to start on this machine. @defaultValue 1 */
  workers?: number;
  /** Extra flags for each `crawlsift work`, e.g. `['--lock-duration', '5000']`. @defaultValue [] */
  workerArgs?: string[];
  /** How long to wait for a worker to close after SIGTERM before SIGKILL, milliseconds. @defaultValue 30_000 */
  stopTimeoutMs?: number;
  /** Hears the run's status every `statusIntervalMs` while it is produced and processed (a progress line). */
  onStatus?: (status: RunStatus) => void;
  /** How often `onStatus` hears, milliseconds. @defaultValue 1_000 */
  statusIntervalMs?: number;
}

/**
 * `crawlsift filter --redis`: the whole queue executor on one machine. Starts `workers`
 * `crawlsift work` child processes, produces the run, waits for every batch, finalizes, and stops
 * the workers (SIGTERM, then SIGKILL after `stopTimeoutMs`), also when something fails. `onStatus`
 * hears how the run goes meanwhile.
 */
export async function runLocalCluster(options: LocalClusterOptions): Promise<FinalizeResult> {
  const queueName = options.producer.queueName ?? DEFAULT_QUEUE_NAME;
  const redis = await connectRedis(options.redisUrl);
  // The CLI beside this module: compiled, or its TypeScript source run through tsx (tests of a source tree).
  const fromSource = import.meta.url.endsWith('.ts');
  const cli = [...(fromSource ? ['--import', 'tsx'] : []), fileURLToPath(new URL(`../../cli/main.${fromSource ? 'ts' : 'js'}`, import.meta.url))];
  const children: ChildProcess[] = [];
  let watch: RunStatusWatch | undefined;
  try {
    for (let i = 0; i < (options.workers ?? 1); i++) {
      // The URL goes through the environment: on the command line, ps would show its password to every local user.
      const args = [...cli, 'work', '--queue', queueName, ...(options.workerArgs ?? [])];
      const env = { ...process.env, CRAWLSIFT_REDIS_URL: options.redisUrl };
      children.push(spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'], env }));
    }
    const exits = children.map((child) => once(child, 'exit'));
    // If every worker dies, no batch will ever finish: fail instead of waiting for ever.
    const allExited = Promise.all(exits).then(() => {
      throw new CrawlsiftError('workers-exited', 'every crawlsift work process exited before the run finished; see their errors above');
    });
    allExited.catch(() => undefined);
    if (options.onStatus) {
      watch = watchRunStatus({ redis, runId: options.producer.runId, queueName, intervalMs: options.statusIntervalMs, onStatus: options.onStatus });
    }
    await Promise.race([runProducer({ ...options.producer, redis }), allExited]);
    const result = await Promise.race([finalizeRun({ redis, runId: options.producer.runId, queueName, wait: true }), allExited]);
    watch?.stop();
    // One last look, so a progress line ends where the run did.
    if (options.onStatus) {
      const last = await readRunStatus(redis, options.producer.runId, queueName).catch(() => undefined);
      if (last) options.onStatus(last);
    }
    return result;
  } finally {
    watch?.stop();
    await Promise.allSettled(children.map((child) => stopChild(child, options.stopTimeoutMs ?? 30_000)));
    await closeRedis(redis);
  }
}

async function stopChild(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

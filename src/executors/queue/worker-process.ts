import { setTimeout as sleep } from 'node:timers/promises';
import { getLogger } from '../../logger.js';
import { closeRedis, connectRedis, redactRedisUrl } from './redis-connection.js';
import { QueueWorker, type QueueWorkerOptions } from './queue-worker.js';

export type WorkerProcessOptions = Partial<Omit<QueueWorkerOptions, 'redis'>> & {
  redisUrl: string;
  /**
   * On a signal with Redis up, how long to wait for the active batches to finish (and be recorded)
   * before giving up on them, milliseconds; with Redis down the worker does not wait at all. A batch
   * given up is retried by another worker once its lock expires. @defaultValue 8_000
   */
  stopTimeoutMs?: number;
};

/** The most a close may take once it has given up waiting for batches (threads stop, connections drop), milliseconds. */
const FORCED_CLOSE_MS = 1_000;

/**
 * Runs a queue worker in this process until SIGTERM or SIGINT. The first signal closes it: with
 * Redis reachable, the active batches finish and are recorded first (for at most `stopTimeoutMs`);
 * with Redis gone there is nothing to record them in, so it does not wait for Redis. Either way it
 * resolves within about `stopTimeoutMs` + 1 s with 0, and the process exits with that code half a
 * second later if nothing else has ended it (a connection still trying to reach Redis must not keep
 * it alive). A second signal does the same at once with 130. Batches not finished are retried
 * elsewhere once their lock expires.
 */
export async function runWorkerProcess(options: WorkerProcessOptions): Promise<number> {
  const log = getLogger();
  // Workers retry for ever, from the first connection on: Redis may start after them or restart.
  const redis = await connectRedis(options.redisUrl, { failFast: false, reconnectForMs: Infinity });
  const { redisUrl, stopTimeoutMs = 8_000, ...workerOptions } = options;
  const worker = new QueueWorker({ ...workerOptions, redis });
  log.info({ redis: redactRedisUrl(redisUrl), queue: options.queueName, concurrency: options.concurrency }, 'worker started');
  return new Promise<number>((resolve) => {
    let signals = 0;
    const finish = (code: number) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      // Unref'd: a process with nothing left running ends on its own first.
      setTimeout(() => process.exit(code), 500).unref();
      resolve(code);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals > 1) {
        log.warn({ signal }, 'second signal: exiting without waiting for active batches');
        finish(130);
        return;
      }
      const redisUp = redis.status === 'ready';
      log.info({ signal, redisUp }, redisUp ? 'closing worker: finishing active batches' : 'closing worker: Redis is unreachable, not waiting for it');
      void stopWorker(worker, redisUp ? stopTimeoutMs : 0).then(async (finished) => {
        if (!finished) log.warn({ waitedMs: redisUp ? stopTimeoutMs : 0 }, 'stopped without finishing the active batches: they are retried once their locks expire');
        await Promise.race([closeRedis(redis), sleep(FORCED_CLOSE_MS)]);
        redis.disconnect();
        log.info({ batches: worker.batchesProcessed }, 'worker stopped');
        finish(0);
      });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

/**
 * Closes the worker, waiting at most `waitMs` for its active batches; then, if they have not
 * finished, stops its batch threads without them. Resolves with whether the close finished in time.
 */
async function stopWorker(worker: QueueWorker, waitMs: number): Promise<boolean> {
  const closed = worker.close().then(
    () => true,
    (error: Error) => {
      getLogger().error({ err: error.message }, 'worker close failed');
      return true;
    },
  );
  const finished = await Promise.race([closed, sleep(waitMs).then(() => false)]);
  if (!finished) await Promise.race([worker.abandon(), sleep(FORCED_CLOSE_MS)]);
  return finished;
}

import { getLogger } from '../logger.js';
import { closeRedis, connectRedis, redactRedisUrl } from './redis-connection.js';
import { QueueWorker, type QueueWorkerOptions } from './queue-worker.js';

export type WorkerProcessOptions = Partial<Omit<QueueWorkerOptions, 'redis'>> & { redisUrl: string };

/**
 * Runs a queue worker in this process until SIGTERM or SIGINT: the first signal closes it
 * gracefully (active batches finish, then it exits 0); a second exits at once, leaving the batch
 * to be retried once its lock expires. Resolves with the exit code.
 */
export async function runWorkerProcess(options: WorkerProcessOptions): Promise<number> {
  const log = getLogger();
  // Workers retry for ever, from the first connection on: Redis may start after them or restart.
  const redis = await connectRedis(options.redisUrl, { failFast: false, reconnectForMs: Infinity });
  const { redisUrl, ...workerOptions } = options;
  const worker = new QueueWorker({ ...workerOptions, redis });
  log.info({ redis: redactRedisUrl(redisUrl), queue: options.queueName, concurrency: options.concurrency }, 'worker started');
  return new Promise<number>((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals > 1) {
        log.warn({ signal }, 'second signal: exiting without waiting for active batches');
        process.exit(130);
      }
      log.info({ signal }, 'closing worker: finishing active batches');
      worker
        .close()
        .catch((error: Error) => log.error({ err: error.message }, 'worker close failed'))
        .finally(async () => {
          await closeRedis(redis);
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          log.info({ batches: worker.batchesProcessed }, 'worker stopped');
          resolve(0);
        });
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

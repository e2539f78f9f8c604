import { z } from 'zod';
import { defaultRedisUrl, DEFAULT_QUEUE_NAME, runWorkerProcess } from '../../executors/queue/index.js';
import { UsageError } from '../../errors.js';
import { defineCommand } from '../command.js';
import { backendFlag, numberFlag, textFlag } from '../flag-schema.js';

const HELP = `Usage: crawlsift work [options]

Queue executor, step 2: takes batch jobs of any run from the queue, runs the pipeline on them, and
writes their parts under the run's --out. Run as many as you like, on any machine that sees the
output directory. SIGTERM or SIGINT: finish and record the active batches (for at most
--stop-timeout), then exit 0; with Redis unreachable it does not wait for Redis. A batch not
finished is retried once its lock expires. A second signal exits at once (130).

Queue
  --redis <url>             redis:// or rediss:// URL (default: $CRAWLSIFT_REDIS_URL or redis://127.0.0.1:6379)
  --queue <name>            BullMQ queue name (default: crawlsift); a batch whose run belongs to another
                            queue fails at once, and its run's record is left alone
  --concurrency <n>         batch threads, each holding the model: batches processed at once (default: 1)
  --batches-per-thread <n>  batches taken per batch thread, so a thread never waits while a batch is
                            written (default: 2)
  --lock-duration <ms>      a batch's lock; a killed worker's batch is retried after about this long (default: 30000)
  --stalled-interval <ms>   how often to look for batches of killed workers (default: 30000)
  --max-stalled <n>         times a batch may lose its worker before it fails (default: 5)
  --stop-timeout <ms>       on SIGTERM/SIGINT with Redis up, how long to let active batches finish
                            (default: 8000)

Model
  --model <dir>             load the model from here instead of the run's recorded path (same hash required)
  --backend <name>          auto | tensorflow | wasm | cpu (default: the run's)

Exit codes: 0 closed on a signal, 130 a second signal, 2 error.

Examples
  crawlsift work --redis redis://queue:6379
  crawlsift work --redis rediss://user:secret@queue.example:6380 --concurrency 4
`;

export const workCommand = defineCommand({
  name: 'work',
  help: HELP,
  options: {
    redis: { type: 'string' },
    queue: { type: 'string' },
    concurrency: { type: 'string' },
    'batches-per-thread': { type: 'string' },
    'lock-duration': { type: 'string' },
    'stalled-interval': { type: 'string' },
    'max-stalled': { type: 'string' },
    'stop-timeout': { type: 'string' },
    model: { type: 'string' },
    backend: { type: 'string' },
  },
  flags: z.object({
    redis: textFlag(),
    queue: textFlag(),
    concurrency: numberFlag({ integer: true, min: 1 }),
    'batches-per-thread': numberFlag({ integer: true, min: 1 }),
    'lock-duration': numberFlag({ integer: true, min: 500 }),
    'stalled-interval': numberFlag({ integer: true, min: 100 }),
    'max-stalled': numberFlag({ integer: true, min: 0 }),
    'stop-timeout': numberFlag({ integer: true, min: 0 }),
    model: textFlag(),
    backend: backendFlag(),
  }),
  async run(flags, positionals) {
    if (positionals.length > 0) throw new UsageError(`work takes no inputs (the producer reads them), got ${positionals.join(' ')}`);
    return runWorkerProcess({
      redisUrl: flags.redis ?? defaultRedisUrl(),
      queueName: flags.queue ?? DEFAULT_QUEUE_NAME,
      ...definedOnly({
        concurrency: flags.concurrency,
        batchesPerThread: flags['batches-per-thread'],
        lockDurationMs: flags['lock-duration'],
        stalledIntervalMs: flags['stalled-interval'],
        maxStalledCount: flags['max-stalled'],
        stopTimeoutMs: flags['stop-timeout'],
        modelDir: flags.model,
        backend: flags.backend,
      }),
    });
  },
});

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

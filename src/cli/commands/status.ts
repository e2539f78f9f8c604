import { setTimeout as sleep } from 'node:timers/promises';
import { closeRedis, connectRedis, defaultRedisUrl, DEFAULT_QUEUE_NAME, formatRunStatus, readRunStatus } from '../../executors/queue/index.js';
import { UsageError } from '../../errors.js';
import { z } from 'zod';
import { defineCommand } from '../command.js';
import { numberFlag, switchFlag, textFlag } from '../flag-schema.js';

const HELP = `Usage: crawlsift status --run <id> [options]

Shows a queue run's progress: batches done and failed (with their errors), records done,
queue depth, documents/s and ETA, and whether a producer of the run is running (from its
heartbeat in Redis); a run whose producer stopped before reading every input is resumed by
crawlsift produce with the same flags.

Options
  --redis <url>             redis:// or rediss:// URL (default: $CRAWLSIFT_REDIS_URL or redis://127.0.0.1:6379)
  --queue <name>            BullMQ queue name (default: crawlsift); a run on another queue is refused
  --run <id>                the run (required)
  --watch <s>               print again every s seconds until the run is finalized (exit 0) or a
                            batch has failed its last attempt (exit 1, with the failed batches)
  --json                    print the status as JSON

Exit codes: 0 shown, 1 the run has failed batches, 2 error (no such run, a run of another queue,
Redis unreachable).
Failed batches are retried by running crawlsift produce again with the run's flags.

Examples
  crawlsift status --redis redis://queue:6379 --run crawl-2024-10
  crawlsift status --run test1 --json | jq .batches.failed
`;

export const statusCommand = defineCommand({
  name: 'status',
  help: HELP,
  options: {
    redis: { type: 'string' },
    queue: { type: 'string' },
    run: { type: 'string' },
    watch: { type: 'string' },
    json: { type: 'boolean' },
  },
  flags: z.object({
    redis: textFlag(),
    queue: textFlag(),
    run: textFlag(),
    watch: numberFlag({ min: 0.1 }),
    json: switchFlag(),
  }),
  async run(flags) {
    const runId = flags.run;
    if (!runId) throw new UsageError('status needs --run <id>');
    const { watch } = flags;
    const redis = await connectRedis(flags.redis ?? defaultRedisUrl());
    try {
      for (;;) {
        const status = await readRunStatus(redis, runId, flags.queue ?? DEFAULT_QUEUE_NAME);
        process.stdout.write((flags.json ? JSON.stringify(status, null, 2) : formatRunStatus(status)) + '\n');
        // A failed batch stays failed until produce re-queues it, so watching on could never end.
        if (watch === undefined || status.finalizedAt || status.batches.failed.length > 0) return status.batches.failed.length > 0 ? 1 : 0;
        await sleep(watch * 1000);
      }
    } finally {
      await closeRedis(redis);
    }
  },
});

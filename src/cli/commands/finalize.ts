import { closeRedis, connectRedis, defaultRedisUrl, DEFAULT_QUEUE_NAME, finalizeRun } from '../../executors/queue/index.js';
import { countsReconcile } from '../../pipeline/manifest.js';
import { UsageError } from '../../errors.js';
import { z } from 'zod';
import { defineCommand } from '../command.js';
import { durationFlag, numberFlag, switchFlag, textFlag } from '../flag-schema.js';
import { formatCanarySummary } from '../../report/canary-summary.js';
import { formatSummary } from '../summary-table.js';
import { WaitReport } from '../wait-report.js';

const HELP = `Usage: crawlsift finalize --run <id> [options]

Queue executor, step 3: checks that every batch of the run is done, merges the batches' parts in
input order into human/, synthetic/, uncertain/ and rejected/ shards, and writes manifest.json,
as crawlsift filter does. Refuses (exit 1, naming the batches) while any batch is missing or failed.

With --wait it first waits for the producer and every batch, showing progress: on a terminal a
progress line (documents produced and done, documents/s, ETA); otherwise a line on stderr at most
every 30 s (batches done, failed and queued; whether the producer finished). When the producer
stopped before reading every input (its heartbeat in Redis expired), it says so once and keeps
waiting, since crawlsift produce with the same flags resumes the run; with --timeout it exits 1
once the producer has not been running that long.

Options
  --redis <url>             redis:// or rediss:// URL (default: $CRAWLSIFT_REDIS_URL or redis://127.0.0.1:6379)
  --queue <name>            BullMQ queue name (default: crawlsift); a run on another queue is refused
  --run <id>                the run to finalize (required)
  --wait                    wait for the producer and every batch (done or failed) first
  --timeout <duration>      with --wait: exit 1 once the producer has not been running for this long
                            (0, 90s, 10m, 2h; a bare number is seconds; default: wait for a restart)
  --poll <ms>               how often to look while waiting (default: 500)
  --keep-parts              keep <out>/parts/ after merging
  --json                    print manifest.json to stdout

Exit codes: 0 shards and manifest written, 1 batches missing or failed (listed), or the producer not
running past --timeout, 2 error (no such run, a run of another queue, Redis unreachable).

Examples
  crawlsift finalize --redis redis://queue:6379 --run crawl-2024-10
  crawlsift finalize --run test1 --wait --json > manifest.json
  crawlsift finalize --run crawl-2024-10 --wait --timeout 10m
`;

export const finalizeCommand = defineCommand({
  name: 'finalize',
  help: HELP,
  options: {
    redis: { type: 'string' },
    queue: { type: 'string' },
    run: { type: 'string' },
    wait: { type: 'boolean' },
    timeout: { type: 'string' },
    poll: { type: 'string' },
    'keep-parts': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  flags: z.object({
    redis: textFlag(),
    queue: textFlag(),
    run: textFlag(),
    wait: switchFlag(),
    timeout: durationFlag(),
    poll: numberFlag({ integer: true, min: 10 }),
    'keep-parts': switchFlag(),
    json: switchFlag(),
  }),
  async run(flags) {
    const runId = flags.run;
    if (!runId) throw new UsageError('finalize needs --run <id>');
    const timeoutMs = flags.timeout;
    if (timeoutMs !== undefined && !flags.wait) throw new UsageError('--timeout needs --wait (without it finalize does not wait)');
    const redis = await connectRedis(flags.redis ?? defaultRedisUrl());
    const report = new WaitReport();
    try {
      const { manifest, outDir } = await finalizeRun({
        redis,
        runId,
        queueName: flags.queue ?? DEFAULT_QUEUE_NAME,
        wait: Boolean(flags.wait),
        pollMs: flags.poll,
        keepParts: Boolean(flags['keep-parts']),
        producerTimeoutMs: timeoutMs,
        onWait: (status) => report.update(status),
        onProducerStopped: (message) => report.note(`crawlsift finalize: ${message}`),
      });
      report.stop();
      if (flags.json) process.stdout.write(JSON.stringify(manifest, null, 2) + '\n');
      // As filter prints it: the canaries' leak-through and human loss too.
      else process.stdout.write(formatSummary(manifest, outDir) + formatCanarySummary(manifest) + '\n');
      return countsReconcile(manifest.counts) ? 0 : 1;
    } finally {
      report.stop();
      await closeRedis(redis);
    }
  },
});

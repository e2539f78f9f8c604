import { closeRedis, connectRedis, defaultRedisUrl, DEFAULT_QUEUE_NAME, finalizeRun } from '../../queue/index.js';
import { countsReconcile } from '../../pipeline/manifest.js';
import { UsageError } from '../../errors.js';
import type { Command } from '../command.js';
import { parseNumberFlag } from '../parse-number.js';
import { formatSummary } from '../summary-table.js';

const HELP = `Usage: crawlsift finalize --run <id> [options]

Queue executor, step 3: checks that every batch of the run is done, merges the batches' parts in
input order into human/, synthetic/, uncertain/ and rejected/ shards, and writes manifest.json,
as crawlsift filter does. Refuses (exit 1, naming the batches) while any batch is missing or failed.

Options
  --redis <url>             redis:// or rediss:// URL (default: $CRAWLSIFT_REDIS_URL or redis://127.0.0.1:6379)
  --queue <name>            BullMQ queue name (default: crawlsift)
  --run <id>                the run to finalize (required)
  --wait                    wait for the producer and every batch (done or failed) first
  --poll <ms>               how often to look while waiting (default: 500)
  --keep-parts              keep <out>/parts/ after merging
  --json                    print manifest.json to stdout

Exit codes: 0 shards and manifest written, 1 batches missing or failed (listed), 2 error.

Examples
  crawlsift finalize --redis redis://queue:6379 --run crawl-2024-10
  crawlsift finalize --run test1 --wait --json > manifest.json
`;

export const finalizeCommand: Command = {
  name: 'finalize',
  help: HELP,
  options: {
    redis: { type: 'string' },
    queue: { type: 'string' },
    run: { type: 'string' },
    wait: { type: 'boolean' },
    poll: { type: 'string' },
    'keep-parts': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(values) {
    const runId = values.run as string | undefined;
    if (!runId) throw new UsageError('finalize needs --run <id>');
    const redis = await connectRedis((values.redis as string | undefined) ?? defaultRedisUrl());
    try {
      const { manifest, outDir } = await finalizeRun({
        redis,
        runId,
        queueName: (values.queue as string | undefined) ?? DEFAULT_QUEUE_NAME,
        wait: Boolean(values.wait),
        pollMs: parseNumberFlag('poll', values.poll, { integer: true, min: 10 }),
        keepParts: Boolean(values['keep-parts']),
      });
      if (values.json) process.stdout.write(JSON.stringify(manifest, null, 2) + '\n');
      else process.stdout.write(formatSummary(manifest, outDir) + '\n');
      return countsReconcile(manifest.counts) ? 0 : 1;
    } finally {
      await closeRedis(redis);
    }
  },
};

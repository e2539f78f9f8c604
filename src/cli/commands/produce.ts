import { DEFAULT_DEDUP } from '../../dedup/dedup-settings.js';
import { UsageError } from '../../errors.js';
// The queue modules one by one, not queue/index.js: the producer must not load the worker's modules.
import { runLocalCluster } from '../../executors/queue/local-cluster.js';
import { FAILED_JOB_KEEP_SECONDS, runProducer, type ProducerOptions } from '../../executors/queue/producer.js';
import { closeRedis, connectRedis, defaultRedisUrl } from '../../executors/queue/redis-connection.js';
import { DEFAULT_QUEUE_NAME } from '../../executors/queue/run-keys.js';
import type { RunStatus } from '../../executors/queue/run-status.js';
import { z } from 'zod';
import { defineCommand } from '../command.js';
import { canariesFromFlags, dedupFromFlags, PRODUCE_QUEUE_FLAGS, PRODUCE_QUEUE_OPTIONS, readerOptionsFromFlags, reportFinishedRun, RUN_FLAGS, RUN_OPTIONS, runModelFromFlags, type FilterFlags } from '../run-flags.js';
import { getLogger } from '../../logger.js';
import { createProgressDisplay, progressEnabled } from '../progress-display.js';
import { createQueueProgressDisplay } from '../queue-progress.js';
import { warnSkipped } from '../skipped-inputs.js';

const HELP = `Usage: crawlsift produce <input...> --run <id> --out <dir> [options]

Queue executor, step 1: records the run in Redis and streams the inputs into it as batch jobs
for crawlsift work. Restarted with the same flags, it resumes where it stopped and never adds a
batch twice. While it runs it keeps a heartbeat in Redis, so crawlsift status and finalize --wait
can tell a producer that stopped. Then: crawlsift finalize --run <id>.

Run again with the same flags on a run whose batches failed their last attempt (crawlsift status
shows them), it re-queues those batches with their full --attempts, after you fixed the cause;
batches already done are never run again. Failed jobs stay in Redis 7 days: a batch failed longer
ago cannot be retried (exit 1, naming it) and the run needs a new --run id.

Queue
  --redis <url>             redis:// or rediss:// URL, user and password allowed (default: $CRAWLSIFT_REDIS_URL or redis://127.0.0.1:6379)
  --queue <name>            BullMQ queue name (default: crawlsift); a run belongs to the queue it was
                            first produced on, and its id is refused on any other
  --run <id>                run id: letters, digits, _ and - (required)
  --batch-docs <n>          records per batch job (default: 256)
  --batch-bytes <size>      close a batch at this much text (default: 4MiB)
  --max-queued <n>          wait while more batches than this are waiting, active or delayed (default: 32)
  --attempts <n>            tries per batch before it fails (default: 3)
  --retry-delay <ms>        first retry delay, doubled each try (default: 1000)

Inputs
  <input...>                JSONL and JSON arrays (plain, .gz or .zst), WARC/WET (plain or .gz), directories and
                            globs of those (not stdin: a restart must re-read it)
  --text-field <name>       field holding the text (default: text)
  --id-field <name>         field holding the id (default: id)
  --max-doc-bytes <size>    reject a document whose text is longer as oversize (default: 1MiB); a JSONL
                            line or WARC payload longer than 4 times this is oversize too, however
                            short its text (the line's other fields count)

Model and routing
  --model <dir>             model directory; workers load it from the same path (default: classifiers/default)
  --backend <name>          auto | tensorflow | wasm | cpu, for the workers (default: auto)
  --low <p>, --high <p>     thresholds on P(machine-generated) (default: the model card's)
  --thresholds <file>       thresholds file from crawlsift tune (flags override it); refused when tune
                            recorded another model than --model

Duplicates (see docs/dedup.md)
  --dedup <mode>            off | exact | near (default: off): workers keep each batch's signatures beside
                            its parts, finalize decides which documents are duplicates over the whole run
  --dedup-shingle <n>, --dedup-bands <b>, --dedup-rows <r>, --dedup-threshold <j>
                            near-duplicate settings, as filter's (defaults: ${DEFAULT_DEDUP.shingleWords}, ${DEFAULT_DEDUP.bands}, ${DEFAULT_DEDUP.rows}, ${DEFAULT_DEDUP.threshold})
Scope (what the model can judge; the rest goes to unscored/, unscored)
  --languages <codes>       comma-separated ISO 639 codes of the languages to score, e.g. en,de
                            (default: the model card's, en for the shipped model)
  --min-words <n>           documents with fewer words are unscored, too-short; 0 turns the length
                            check off (default: the model card's)

Canaries (measure leak-through during the run)
  --canaries <file>         labeled JSONL mixed into the batches; workers route them like any document but
                            never write them; finalize adds canaries and estimates to manifest.json
  --canary-rate <r>         canaries per crawl document, above 0 (default: 0.01)
  --canary-seed <n>         seed of the order canaries are drawn in (default: 1)

Output
  --out <dir>               output directory, on a filesystem every worker can write (required)
  --overwrite               replace the shards of a previous run in --out (new runs only; never when
                            --out holds an input or lies inside an input directory)
  --shard-size <size>       shard part size finalize writes, in uncompressed JSON (default: 256MiB)
  --json                    print the result as JSON

Exit codes: 0 every batch added (and every failed batch re-queued), 1 a failed batch could not be
re-queued (its job expired from Redis, or its last attempt is still running), 2 error (bad flags, Redis unreachable, a run with the same id and other flags
or on another --queue, an --out that overlaps an input, a thresholds file tuned for another model).

Examples
  crawlsift produce 'crawl/*.jsonl.gz' --redis redis://queue:6379 --run crawl-2024-10 --out /shared/out
  crawlsift produce dump.jsonl.gz --run test1 --out out/ --batch-docs 64 --max-queued 8
  crawlsift produce dump.jsonl.gz --run test2 --out out/ --canaries dev.jsonl --canary-rate 0.02
`;

const PRODUCE_OPTIONS = { ...PRODUCE_QUEUE_OPTIONS, ...RUN_OPTIONS };
const ProduceFlagsSchema = z.object({ ...PRODUCE_QUEUE_FLAGS, ...RUN_FLAGS });
type ProduceFlags = z.infer<typeof ProduceFlagsSchema>;

/** The producer's options from flags (the connection is added by the caller). */
export async function producerOptionsFromFlags(flags: ProduceFlags, positionals: string[], runId: string): Promise<Omit<ProducerOptions, 'redis'>> {
  const outDir = flags.out;
  if (!outDir) throw new UsageError('needs --out <dir>');
  if (positionals.length === 0) throw new UsageError('needs at least one input (a file, directory or glob)');
  const { modelDir, model, thresholds, backend, scope } = await runModelFromFlags(flags);
  return {
    runId,
    inputs: positionals,
    outDir,
    modelDir,
    model,
    thresholds,
    backend,
    scope,
    queueName: flags.queue ?? DEFAULT_QUEUE_NAME,
    reader: readerOptionsFromFlags(flags),
    shardBytes: flags['shard-size'],
    batchDocs: flags['batch-docs'],
    batchBytes: flags['batch-bytes'],
    maxQueued: flags['max-queued'],
    attempts: flags.attempts,
    retryDelayMs: flags['retry-delay'],
    overwrite: Boolean(flags.overwrite),
    // As filter warns: a file of a directory or glob that no reader knows is never read.
    onSkippedInputs: warnSkipped,
    dedup: dedupFromFlags(flags),
    ...definedOnly({ canaries: await canariesFromFlags(flags) }),
  };
}

/** `0, 1, 2` (the first 20, then how many more). */
function listBatches(batches: number[]): string {
  const shown = batches.slice(0, 20).join(', ');
  return batches.length > 20 ? `${shown} and ${batches.length - 20} more` : shown;
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const produceCommand = defineCommand({
  name: 'produce',
  help: HELP,
  options: PRODUCE_OPTIONS,
  flags: ProduceFlagsSchema,
  async run(flags, positionals) {
    const runId = flags.run;
    if (!runId) throw new UsageError('produce needs --run <id>');
    const options = await producerOptionsFromFlags(flags, positionals, runId);
    const redis = await connectRedis(flags.redis ?? defaultRedisUrl());
    const progress = createProgressDisplay();
    try {
      const result = await runProducer({ ...options, redis, onProgress: (p) => progress.update(p) });
      progress.stop();
      getLogger().info(result, 'produce finished');
      const reuse = options.canaries?.source.reuseWarning();
      if (reuse) process.stderr.write(`crawlsift: warning: ${reuse}\n`);
      const retried = result.retried.length > 0 ? `; ${result.retried.length} failed batches re-queued (${listBatches(result.retried)})` : '';
      if (flags.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      else if (result.alreadyProduced) process.stdout.write(`run ${runId}: already produced, ${result.batches} batches of ${result.items} records${retried}${retried ? `; next: crawlsift finalize --run ${runId} --wait` : ''}\n`);
      else process.stdout.write(`run ${runId}: ${result.batches} batches of ${result.items} records queued${result.resumed ? ' (resumed)' : ''}${retried}; next: crawlsift finalize --run ${runId}\n`);
      const gone = result.notRetried.filter((b) => b.reason === 'job-gone');
      const active = result.notRetried.filter((b) => b.reason === 'still-active');
      if (gone.length > 0) {
        process.stderr.write(
          `crawlsift: run ${runId}: failed ${gone.length === 1 ? 'batch' : 'batches'} ${listBatches(gone.map((b) => b.batch))} cannot be retried: ${gone.length === 1 ? 'its job is' : 'their jobs are'} no longer in Redis ` +
            `(failed jobs are kept ${FAILED_JOB_KEEP_SECONDS / 86400} days); the run cannot be finalized, start it again under a new --run id\n`,
        );
      }
      if (active.length > 0) {
        process.stderr.write(`crawlsift: run ${runId}: batches ${listBatches(active.map((b) => b.batch))} are still running their last attempt; run produce again once they have failed to retry them\n`);
      }
      return result.notRetried.length > 0 ? 1 : 0;
    } finally {
      progress.stop();
      await closeRedis(redis);
    }
  },
});


/**
 * `crawlsift filter ... --redis <url> --workers N`: the queue executor on this machine (N worker
 * processes, produce, finalize); prints what filter prints.
 */
export async function runFilterOnQueue(redisUrl: string, flags: FilterFlags, positionals: string[]): Promise<number> {
  if (flags.threads !== undefined) {
    throw new UsageError('--threads is the local executor\'s; with --redis each of the --workers scores on its own threads (crawlsift work --concurrency)');
  }
  const runId = flags.run ?? `filter-${new Date().toISOString().replace(/[-:.TZ]/g, '')}-${process.pid}`;
  const producer = await producerOptionsFromFlags(flags, positionals, runId);
  const workers = flags.workers ?? 1;
  const progress = createQueueProgressDisplay();
  let finished;
  try {
    // The run's status is read every second for the line only: not at all without a terminal.
    const onStatus = progressEnabled() ? (status: RunStatus) => progress.update(status) : undefined;
    finished = await runLocalCluster({ redisUrl, producer, workers, onStatus });
  } finally {
    progress.stop();
  }
  const { manifest, outDir } = finished;
  const reuse = producer.canaries?.source.reuseWarning();
  if (reuse) process.stderr.write(`crawlsift: warning: ${reuse}\n`);
  return reportFinishedRun(manifest, outDir, { json: Boolean(flags.json), maxRejected: flags['max-rejected-fraction'] });
}

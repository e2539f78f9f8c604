import { availableParallelism } from 'node:os';
import type { CanarySource } from '../../canaries/index.js';
import { runLocalFilter } from '../../executors/local/local-executor.js';
import { DEFAULT_DEDUP } from '../../dedup/dedup-settings.js';
import { UsageError } from '../../errors.js';
import { defineCommand } from '../command.js';
import { canariesFromFlags, dedupFromFlags, FILTER_OPTIONS, FILTER_QUEUE_OPTIONS, FilterFlagsSchema, readerOptionsFromFlags, reportFinishedRun, runModelFromFlags, type FilterFlags } from '../run-flags.js';
import { getLogger } from '../../logger.js';
import { createProgressDisplay } from '../progress-display.js';
import { warnSkipped } from '../skipped-inputs.js';

const HELP = `Usage: crawlsift filter <input...> --out <dir> [options]

Scores every document of the inputs and writes human/, synthetic/, uncertain/, unscored/ and
rejected/ shards (and duplicate/ with --dedup) plus manifest.json into --out.

Inputs
  <input...>                JSONL (.jsonl, .jsonl.gz, .jsonl.zst), JSON arrays (.json, .json.gz, .json.zst),
                            WARC/WET (.warc.gz, .warc.wet.gz; not .zst), directories and globs of those,
                            or - for JSONL on stdin (gzip and zstd are told by their bytes)
  --text-field <name>       field holding the text (default: text)
  --id-field <name>         field holding the id (default: id; derived from file and line when missing)
  --max-doc-bytes <size>    reject a document whose text is longer as oversize (default: 1MiB); a JSONL
                            line or WARC payload longer than 4 times this is oversize too, however
                            short its text (the line's other fields count)

Model and routing
  --model <dir>             model directory (default: the shipped classifiers/default)
  --backend <name>          auto | tensorflow | wasm | cpu (default: auto)
  --low <p>                 score below this routes human (default: the model card's)
  --high <p>                score at or above this routes synthetic (default: the model card's)
  --thresholds <file>       thresholds file from crawlsift tune (flags override it); refused when tune
                            recorded another model than --model

Scope (what the model can judge; the rest goes to unscored/, unscored)
  --languages <codes>       comma-separated ISO 639 codes of the languages to score, e.g. en,de
                            (default: the model card's, en for the shipped model)
  --min-words <n>           documents with fewer words are unscored, too-short; 0 turns the length
                            check off (default: the model card's)

Output
  --out <dir>               output directory (required)
  --overwrite               replace the shards of a previous run in --out (never allowed when --out
                            holds an input or lies inside an input directory)
  --shard-size <size>       rotate shard parts at this much uncompressed JSON (default: 256MiB)
  --json                    print manifest.json to stdout at the end
  --no-diversity            skip the corpus statistics of each shard (manifest diversity; docs/diversity.md)

Duplicates (see docs/dedup.md)
  --dedup <mode>            off | exact | near (default: off). exact: the same text up to whitespace and
                            Unicode forms; near: MinHash near-duplicates too. A duplicate goes to duplicate/,
                            the first of its cluster in input order stays where it was routed
  --dedup-shingle <n>       words per shingle (default: ${DEFAULT_DEDUP.shingleWords}; near only)
  --dedup-bands <b>         LSH bands (default: ${DEFAULT_DEDUP.bands}; near only)
  --dedup-rows <r>          MinHash values per band (default: ${DEFAULT_DEDUP.rows}; near only): bands x rows values per document
  --dedup-threshold <j>     a candidate is a duplicate at this Jaccard similarity or more (default:
                            ${DEFAULT_DEDUP.threshold}; near only)

Canaries (measure leak-through during the run)
  --canaries <file>         labeled JSONL (text, label human|synthetic) mixed into the stream; routed like any
                            document but never written to a shard nor counted; manifest.json gains
                            canaries (routes, leak-through, human loss, 95% intervals) and estimates
                            (synthetic prevalence, synthetic fraction of the human shard)
  --canary-rate <r>         canaries per crawl document, above 0 (default: 0.01, one per 100 documents)
  --canary-seed <n>         seed of the order canaries are drawn in (default: 1)

Run
  --threads <n>             batch threads, each running the whole pipeline on a batch (default: number of
                            cores; local executor only, not with --redis)
  --max-rejected-fraction <f>  exit 1 when more than this fraction of records is rejected
  --log-level <level>       trace | debug | info | warn | error | fatal | silent (default: warn)
  --debug                   stack traces on errors

Queue executor (see crawlsift produce --help for --queue, --run, --batch-docs, --batch-bytes,
--max-queued, --attempts, --retry-delay: they need --redis, as --workers does)
  --redis <url>             run on BullMQ/Redis instead: N local worker processes, then finalize
  --workers <n>             crawlsift work processes to start with --redis (default: 1); with
                            $CRAWLSIFT_REDIS_URL set, --workers alone runs on that Redis

A <size> is a number of bytes, optionally with a unit: KB, MB, GB, TB (powers of 1000) or KiB,
MiB, GiB, TiB (powers of 1024); at least 1 byte.

Exit codes: 0 done, 1 --max-rejected-fraction exceeded, 2 error (bad flags, unreadable input, an --out
that overlaps an input, a thresholds file tuned for another model).

Examples
  crawlsift filter fixtures/sample-crawl.jsonl.gz --out out/
  crawlsift filter dump.jsonl.gz --out out/ --thresholds thresholds.json --canaries dev.jsonl --canary-rate 0.02
  crawlsift filter 'crawl/*.warc.wet.gz' --out out/ --threads 8 --low 0.2 --high 0.8
  crawlsift filter dump.jsonl.gz --out out/ --dedup near
  zcat dump.jsonl.gz | crawlsift filter - --out out/ --json > manifest.json
`;

export const filterCommand = defineCommand({
  name: 'filter',
  help: HELP,
  options: FILTER_OPTIONS,
  flags: FilterFlagsSchema,
  async run(flags, positionals) {
    // The queue path (bullmq, ioredis) loads only when asked for: --redis, or --workers with $CRAWLSIFT_REDIS_URL.
    const redis = flags.redis ?? (flags.workers !== undefined ? process.env.CRAWLSIFT_REDIS_URL : undefined);
    if (redis !== undefined) return (await import('./produce.js')).runFilterOnQueue(redis, flags, positionals);
    if (positionals.length === 0) throw new UsageError('filter needs at least one input (a file, directory, glob, or - for stdin)');
    refuseQueueFlags(flags);
    const outDir = flags.out;
    if (!outDir) throw new UsageError('filter needs --out <dir>');
    const threads = flags.threads ?? availableParallelism();
    const reader = readerOptionsFromFlags(flags);
    const { modelDir, model, thresholds, backend, scope } = await runModelFromFlags(flags);
    const dedup = dedupFromFlags(flags);
    const canaries = await canarySourceFromFlags(flags);
    const log = getLogger();
    log.info({ inputs: positionals, outDir, modelDir, thresholds, threads }, 'filter starting');

    const progress = createProgressDisplay();
    let manifest;
    try {
      manifest = await runLocalFilter({
        inputs: positionals,
        outDir,
        model,
        modelDir,
        backend,
        thresholds,
        scope,
        threads,
        overwrite: Boolean(flags.overwrite),
        shardBytes: flags['shard-size'],
        batchDocs: flags['batch-docs'],
        batchBytes: flags['batch-bytes'],
        reader,
        onProgress: (p) => progress.update(p),
        canaries,
        diversity: !flags['no-diversity'],
        onSkippedInputs: warnSkipped,
        onBatchFailed: (failure, attempts) =>
          process.stderr.write(`crawlsift: a batch failed ${attempts} times (${failure.code ? `${failure.code}: ` : ''}${failure.message}); its records are in rejected/ as processing-failed\n`),
        dedup,
      });
    } finally {
      progress.stop();
    }
    log.info({ counts: manifest.counts }, 'filter finished');
    const reuse = canaries?.reuseWarning();
    if (reuse) process.stderr.write(`crawlsift: warning: ${reuse}\n`);
    return reportFinishedRun(manifest, outDir, { json: Boolean(flags.json), maxRejected: flags['max-rejected-fraction'] });
  },
});

/**
 * The queue executor's own flags, refused without `--redis` rather than ignored: the local executor
 * has no run id, queue or retries. (Its batches are sized by `--batch-docs` and `--batch-bytes` too.)
 */
const LOCAL_BATCH_FLAGS: ReadonlySet<string> = new Set(['batch-docs', 'batch-bytes']);

function refuseQueueFlags(flags: FilterFlags): void {
  if (flags.workers !== undefined) throw new UsageError('--workers needs --redis <url> or $CRAWLSIFT_REDIS_URL (the local executor takes --threads)');
  for (const [flag, value] of Object.entries(flags)) {
    if (flag in FILTER_QUEUE_OPTIONS && flag !== 'redis' && !LOCAL_BATCH_FLAGS.has(flag) && value !== undefined) {
      throw new UsageError(`--${flag} needs --redis <url>: it is a queue executor flag, which the local executor does not use`);
    }
  }
}

/** The canary source of `--canaries`, `--canary-rate`, `--canary-seed`; undefined without `--canaries`. */
async function canarySourceFromFlags(flags: FilterFlags): Promise<CanarySource | undefined> {
  return (await canariesFromFlags(flags))?.source;
}


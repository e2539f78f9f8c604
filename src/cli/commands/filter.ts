import { availableParallelism } from 'node:os';
import type { CanarySource } from '../../canaries/index.js';
import { runLocalFilter } from '../../executors/local/local-executor.js';
import { UsageError } from '../../errors.js';
import type { Command } from '../command.js';
import { canariesFromFlags, FILTER_QUEUE_OPTIONS, maxRejectedFromFlags, readerOptionsFromFlags, reportFinishedRun, RUN_OPTIONS, runModelFromFlags } from '../run-flags.js';
import { getLogger } from '../logger.js';
import { parseByteSize, parseNumberFlag } from '../parse-number.js';
import { createProgressDisplay } from '../progress-display.js';

const HELP = `Usage: crawlsift filter <input...> --out <dir> [options]

Scores every document of the inputs and writes human/, synthetic/, uncertain/ and rejected/
shards plus manifest.json into --out.

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

Output
  --out <dir>               output directory (required)
  --overwrite               replace the shards of a previous run in --out (never allowed when --out
                            holds an input or lies inside an input directory)
  --shard-size <size>       rotate shard parts at this much uncompressed JSON (default: 256MiB)
  --json                    print manifest.json to stdout at the end
  --no-diversity            skip the corpus statistics of each shard (manifest diversity; docs/diversity.md)

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
  --workers <n>             crawlsift work processes to start with --redis (default: 1)

A <size> is a number of bytes, optionally with a unit: KB, MB, GB, TB (powers of 1000) or KiB,
MiB, GiB, TiB (powers of 1024); at least 1 byte.

Exit codes: 0 done, 1 --max-rejected-fraction exceeded, 2 error (bad flags, unreadable input, an --out
that overlaps an input, a thresholds file tuned for another model).

Examples
  crawlsift filter fixtures/sample-crawl.jsonl.gz --out out/
  crawlsift filter dump.jsonl.gz --out out/ --thresholds thresholds.json --canaries dev.jsonl --canary-rate 0.02
  crawlsift filter 'crawl/*.warc.wet.gz' --out out/ --threads 8 --low 0.2 --high 0.8
  zcat dump.jsonl.gz | crawlsift filter - --out out/ --json > manifest.json
`;

export const filterCommand: Command = {
  name: 'filter',
  help: HELP,
  options: {
    ...RUN_OPTIONS,
    threads: { type: 'string' },
    'max-rejected-fraction': { type: 'string' },
    ...FILTER_QUEUE_OPTIONS,
  },
  async run(values, positionals) {
    // The queue path (bullmq, ioredis) loads only when asked for.
    if (values.redis !== undefined) return (await import('./produce.js')).runFilterOnQueue(values, positionals);
    if (positionals.length === 0) throw new UsageError('filter needs at least one input (a file, directory, glob, or - for stdin)');
    refuseQueueFlags(values);
    const outDir = values.out as string | undefined;
    if (!outDir) throw new UsageError('filter needs --out <dir>');
    const threads = parseNumberFlag('threads', values.threads, { integer: true, min: 1 }) ?? availableParallelism();
    const maxRejected = maxRejectedFromFlags(values);
    const shardBytes = parseByteSize('shard-size', values['shard-size']);
    const reader = readerOptionsFromFlags(values);
    const { modelDir, model, thresholds, backend } = await runModelFromFlags(values);
    const canaries = await canarySourceFromFlags(values);
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
        threads,
        overwrite: Boolean(values.overwrite),
        shardBytes,
        reader,
        onProgress: (p) => progress.update(p),
        canaries,
        diversity: !values['no-diversity'],
        onSkippedInputs: warnSkipped,
      });
    } finally {
      progress.stop();
    }
    log.info({ counts: manifest.counts }, 'filter finished');
    const reuse = canaries?.reuseWarning();
    if (reuse) process.stderr.write(`crawlsift: warning: ${reuse}\n`);
    return reportFinishedRun(manifest, outDir, { json: Boolean(values.json), maxRejected });
  },
};

/**
 * The queue executor's own flags, refused without `--redis` rather than ignored: the local executor
 * has no run id, queue, batches or retries.
 */
function refuseQueueFlags(values: Record<string, unknown>): void {
  if (values.workers !== undefined) throw new UsageError('--workers needs --redis <url> (the local executor takes --threads)');
  for (const flag of Object.keys(FILTER_QUEUE_OPTIONS)) {
    if (flag !== 'redis' && values[flag] !== undefined) {
      throw new UsageError(`--${flag} needs --redis <url>: it is a queue executor flag, which the local executor does not use`);
    }
  }
}

/** The canary source of `--canaries`, `--canary-rate`, `--canary-seed`; undefined without `--canaries`. */
async function canarySourceFromFlags(values: Record<string, unknown>): Promise<CanarySource | undefined> {
  return (await canariesFromFlags(values))?.source;
}

/** Files a directory or glob holds that no reader knows: their records are never read, so say so. */
export function warnSkipped(input: string, skipped: string[]): void {
  const shown = skipped.slice(0, 5).join(', ') + (skipped.length > 5 ? `, and ${skipped.length - 5} more` : '');
  process.stderr.write(`crawlsift: ${input}: skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'} of no known format (${shown}); supported: .jsonl, .ndjson, .json (optionally .gz or .zst), .warc, .wet (optionally .gz)\n`);
}

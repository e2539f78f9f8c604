import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_BOOTSTRAP } from '../../diversity/bootstrap.js';
import { measureCorpus, type CorpusStats, type StatsProgress } from '../../diversity/corpus-stats.js';
import { statsResult } from '../../diversity/stats-result.js';
import { UsageError } from '../../errors.js';
import { renderStatsReport } from '../../report/index.js';
import { COMMON_OPTIONS, defineCommand } from '../command.js';
import { byteSizeFlag, numberFlag, switchFlag, textFlag } from '../flag-schema.js';
import { checkWritableFile, refuseOverwritingInput, writeOutputFile } from '../output-file.js';
import { createProgressLine, type ProgressFrameOf } from '../progress-display.js';
import { readerOptionsFromFlags } from '../run-flags.js';
import { formatStats } from '../stats-table.js';
import { warnSkipped } from '../skipped-inputs.js';

const HELP = `Usage: crawlsift stats <input...> [--compare <input...>] [options]

Measures the corpus health of any corpus filter reads (JSONL, JSON arrays, WARC/WET, plain, .gz
or .zst, directories and globs; - for stdin): documents and their lengths, vocabulary size,
distinct-1/2/3, MATTR, unigram entropy, the share of words from the tail of pre-LLM English (outside
the 10,000 most frequent SUBTLEX words), mean surprisal under the shipped human reference LM, and
compression ratio, each with a 95% bootstrap interval (Poisson bootstrap over documents, estimate
+- 1.96 bootstrap standard errors). With --compare, the differences (compared
minus first) with 95% intervals. Every figure is defined in docs/diversity.md.

Options
  <input...>                the corpus (files, directories, globs, - for stdin)
  --compare <input...>      a second corpus: every input after the flag
  --json                    print the figures (and differences) as JSON
  --report <file>           also write a self-contained HTML page: figures side by side, Zipf plot
  --replicates <n>          bootstrap replicates, integer >= 0; 0: no intervals (default: 200)
  --seed <n>                seed of the bootstrap's document weights, integer >= 0 (default: 1)
  --sample-every <n>        measure one document in n, chosen by a hash of its text, as filter's
                            diversity stage does (default: 1, every document)
  --text-field <name>       field holding the text (default: text)
  --id-field <name>         field holding the id (default: id)
  --max-doc-bytes <size>    reject a longer document as oversize (default: 1MiB)

Figures that count types (vocabulary, distinct-n, entropy) grow or fall with the size of the corpus:
compare corpora of similar size.

Exit codes: 0 done, 2 error (bad flags, an input that cannot be read, a --report that cannot be written).

Examples
  crawlsift stats out/human/
  crawlsift stats crawl-2021.jsonl.gz --compare crawl-2024.jsonl.gz
  crawlsift stats human.jsonl --compare machine.jsonl --json --report health.html
`;

const OPTIONS = {
  compare: { type: 'boolean' },
  json: { type: 'boolean' },
  report: { type: 'string' },
  replicates: { type: 'string' },
  seed: { type: 'string' },
  'sample-every': { type: 'string' },
  'text-field': { type: 'string' },
  'id-field': { type: 'string' },
  'max-doc-bytes': { type: 'string' },
} as const;

const StatsFlagsSchema = z.object({
  compare: switchFlag(),
  json: switchFlag(),
  report: textFlag(),
  replicates: numberFlag({ integer: true, min: 0, max: 10_000 }),
  seed: numberFlag({ integer: true, min: 0 }),
  'sample-every': numberFlag({ integer: true, min: 1 }),
  'text-field': textFlag(),
  'id-field': textFlag(),
  'max-doc-bytes': byteSizeFlag(),
});

/** The inputs before `--compare` and after it, from the parsed arguments' order. */
function splitInputs(args: readonly string[]): { inputs: string[]; compare: string[] | undefined } {
  const { tokens } = parseArgs({ args: [...args], options: { ...COMMON_OPTIONS, ...OPTIONS }, allowPositionals: true, strict: true, tokens: true });
  const at = tokens.findIndex((t) => t.kind === 'option' && t.name === 'compare');
  const positional = (keep: (i: number) => boolean) => tokens.flatMap((t, i) => (t.kind === 'positional' && keep(i) ? [t.value] : []));
  return at < 0 ? { inputs: positional(() => true), compare: undefined } : { inputs: positional((i) => i < at), compare: positional((i) => i > at) };
}

const statsFrame = (label: string): ProgressFrameOf<StatsProgress> => (p, seconds) => {
  const known = p.totalBytes !== undefined && p.totalBytes > 0;
  return {
    format: known ? `${label} {bar} {percentage}% | {docs} docs | {dps} docs/s | ETA {eta_formatted}` : `${label} | {docs} docs | {dps} docs/s`,
    value: known ? Math.min(p.bytes, p.totalBytes!) : 0,
    total: known ? p.totalBytes : undefined,
    fields: { docs: p.read.toLocaleString('en-US'), dps: Math.round(p.read / seconds).toLocaleString('en-US') },
  };
};

export const statsCommand = defineCommand({
  name: 'stats',
  help: HELP,
  options: OPTIONS,
  flags: StatsFlagsSchema,
  async run(flags, _positionals, args) {
    const { inputs, compare } = splitInputs(args);
    if (inputs.length === 0) throw new UsageError('stats needs at least one input before --compare (a file, directory, glob, or - for stdin)');
    if (compare !== undefined && compare.length === 0) throw new UsageError('--compare needs at least one input after it');
    const replicates = flags.replicates ?? DEFAULT_BOOTSTRAP.replicates;
    const seed = flags.seed ?? DEFAULT_BOOTSTRAP.seed;
    const sampleEvery = flags['sample-every'] ?? 1;
    const report = flags.report;
    if (report) {
      await checkWritableFile(report, '--report');
      await refuseOverwritingInput('stats', report, '--report', [...inputs, ...(compare ?? [])]);
    }
    const measureOne = async (corpus: string[], label: string, corpusSeed: number): Promise<CorpusStats> => {
      const progress = createProgressLine(statsFrame(label));
      try {
        return await measureCorpus(corpus, {
          reader: readerOptionsFromFlags(flags),
          sampleEvery,
          bootstrap: { replicates, seed: corpusSeed },
          onProgress: (p) => progress.update(p),
          onSkippedInputs: warnSkipped,
        });
      } finally {
        progress.stop();
      }
    };
    const first = await measureOne(inputs, 'stats', seed);
    // The second corpus's weights must be independent of the first's: another seed.
    const second = compare ? await measureOne(compare, 'stats --compare', seed + 0x5eed) : undefined;
    const result = statsResult(first, second, { replicates, seed });
    if (flags.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else process.stdout.write(formatStats(result) + '\n');
    if (report) await writeOutputFile(report, renderStatsReport(result), '--report');
    return 0;
  },
});

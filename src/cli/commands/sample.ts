import { stat } from 'node:fs/promises';
import { UsageError } from '../../errors.js';
import { countDecisions, formatLabelingFile, readLabelingFile } from '../../labeling/sample-file.js';
import { refuseOutputInsideShardDirs, runFiles } from '../../report/run-files.js';
import { readManifestFile } from '../../pipeline/manifest.js';
import { SAMPLE_STRATEGIES, sampleRun, type SampleStrategy } from '../../sampling/index.js';
import { z } from 'zod';
import { defineCommand } from '../command.js';
import { choiceFlag, numberFlag, switchFlag, textFlag } from '../flag-schema.js';
import { checkWritableFile, refuseOverwritingInput, writeOutputFile } from '../output-file.js';

const HELP = `Usage: crawlsift sample <out-dir> --n <k> -o <sample.jsonl> [options]

Draws documents from a finished filter run for people to label (crawlsift label), then to
fine-tune on (train --base), tune thresholds on (tune) and measure leak-through with (--canaries).
Reads the run's human, synthetic and uncertain shards once, holding a bounded number of
documents whatever the run's size. The same run, options and seed give the same sample.

Strategies
  --strategy stratified     n spread evenly over score bins (0.1 wide) x routes: every kind of
                            document the run saw, the rare ones too (default); each record carries
                            its stratum and weight (run documents it stands for)
  --strategy uncertainty    the documents nearest the decision region (inside the uncertain band,
                            nearest its middle, else nearest a threshold), spread over sources:
                            what the model is least sure of, the most useful to fine-tune on
  --strategy random         uniform: rates measured on it (leak-through) are the run's own

Options
  <out-dir>                 the --out directory of a finished filter run (holds manifest.json)
  --n <k>                   documents to draw (fewer when the run has fewer)
  -o, --out <file>          the sample to write (JSONL: id, text, source, score, route, label: null,
                            origin); refused when it holds decisions already, unless --force
  --seed <n>                seeds the draw (default: 1)
  --holdout <f>             mark a random fraction f (0..1) of the sample split: holdout and the rest
                            split: train: train never trains on holdout documents, and tune, eval,
                            report and --canaries measure on them only (default: 0, no split)
  --force                   overwrite an -o file that holds labels

Exit codes: 0 written, 2 error (no finished run in <out-dir>, bad flags, an -o that would lose labels).

Examples
  crawlsift sample out/ --n 400 --holdout 0.5 -o sample.jsonl
  crawlsift sample out/ --n 200 --strategy uncertainty --seed 7 -o to-label.jsonl
`;

export const sampleCommand = defineCommand({
  name: 'sample',
  help: HELP,
  options: {
    n: { type: 'string' },
    out: { type: 'string', short: 'o' },
    strategy: { type: 'string' },
    seed: { type: 'string' },
    holdout: { type: 'string' },
    force: { type: 'boolean' },
  },
  flags: z.object({
    n: numberFlag({ integer: true, min: 1, max: 1_000_000 }),
    out: textFlag(),
    strategy: choiceFlag(SAMPLE_STRATEGIES),
    seed: numberFlag({ integer: true, min: 0, max: 2 ** 32 - 1 }),
    holdout: numberFlag({ min: 0, max: 1 }),
    force: switchFlag(),
  }),
  async run(flags, positionals) {
    if (positionals.length !== 1) throw new UsageError('sample needs exactly one output directory (the --out of a filter run)');
    const outDir = positionals[0]!;
    const n = flags.n;
    if (n === undefined) throw new UsageError('sample needs --n <k>, the number of documents to draw (e.g. --n 400)');
    const file = flags.out;
    if (!file) throw new UsageError('sample needs -o <sample.jsonl>');
    const strategy: SampleStrategy = flags.strategy ?? 'stratified';
    const seed = flags.seed ?? 1;
    const holdout = flags.holdout ?? 0;

    const manifest = await readManifestFile(outDir);
    await refuseOverwritingInput('sample', file, '-o', runFiles(outDir, manifest));
    await refuseOutputInsideShardDirs('sample', file, '-o', outDir, manifest);
    await checkWritableFile(file, '-o');
    if (!flags.force) await refuseLosingLabels(file);

    const result = await sampleRun(outDir, { strategy, n, seed, holdout });
    await writeOutputFile(file, formatLabelingFile(result.records), '-o');
    const passed = result.passedOver > 0 ? ` (${result.passedOver} without a score or text passed over)` : '';
    process.stderr.write(`crawlsift: drew ${result.records.length} of ${result.read} routed documents${passed} (${strategy}, seed ${seed}) into ${file}; label them with: crawlsift label ${file}\n`);
    return 0;
  },
});

/** Refuses an -o file that holds decisions: drawing again would throw away someone's labeling. */
async function refuseLosingLabels(file: string): Promise<void> {
  if (!(await stat(file).catch(() => undefined))) return;
  const records = await readLabelingFile(file).catch(() => undefined);
  if (!records) return;
  const counts = countDecisions(records);
  const decided = records.length - counts.open;
  if (decided > 0) throw new UsageError(`-o ${file} holds ${decided} decisions (human ${counts.human}, synthetic ${counts.synthetic}, unsure ${counts.unsure}): write the new sample elsewhere, or --force to replace it`);
}

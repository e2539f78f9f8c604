import { z } from 'zod';
import { readLabeledDocs } from '../../canaries/index.js';
import { UsageError } from '../../errors.js';
import { scoreWithModel } from '../../classifier/score-texts.js';
import { TUNE_CRITERIA } from '../../evaluation/tune.js';
import { defaultModelDir } from '../../paths.js';
import { thresholdsFileContent } from '../../report/thresholds-file.js';
import { buildTuneReport, formatTuneTable } from '../../report/tune-report.js';
import { readCard } from '../../classifier/index.js';
import { scopeFromFlags } from '../run-flags.js';
import { labeledInScope } from '../labeled-scope.js';
import { defineCommand } from '../command.js';
import { backendFlag, choiceFlag, numberFlag, switchFlag, textFlag } from '../flag-schema.js';
import { checkWritableFile, refuseOverwritingInput, writeOutputFile } from '../output-file.js';
import { notePassedOver } from '../labeled-note.js';

const HELP = `Usage: crawlsift tune <labeled.jsonl...> --max-leak <L> --max-human-loss <H> [options]

Picks the thresholds low and high for your targets from labeled documents, with the smallest
uncertain band: at most L of synthetic documents score below low (routed human: leak-through)
and at most H of human documents score at or above high (routed synthetic: lost human data).
Prints what the choice gives, each rate with a 95% Wilson interval for the labeled sample's size,
and warns when the sample does not demonstrate a target: the 95% upper bound of its rate is above
it (a leak target L needs about 3.84/L labeled synthetic documents at the very least).

Targets
  --max-leak <L>            largest fraction of synthetic documents routed human, 0..1 (e.g. 0.02)
  --max-human-loss <H>      largest fraction of human documents routed synthetic, 0..1 (e.g. 0.01)
  --criterion <c>           observed | upper-bound: keep the observed rates, or their 95% upper
                            bounds, within the targets (default: observed)

Input and model
  <labeled.jsonl...>        JSONL (or .jsonl.gz) with text, label (human | synthetic), optional source
  --model <dir>             model directory (default: the shipped classifiers/default)
  --backend <name>          auto | tensorflow | wasm | cpu (default: auto)
  --by source               also tune per source (a row per source)
  --languages <codes>       the languages filter would score (default: the model card's, en)
  --min-words <n>           the fewest words filter would score (default: the model card's); labeled
                            documents filter would leave unscored (another language, too short) are
                            left out of the tuning and counted, so that the rates are those of the
                            documents filter routes; --min-words 0 with --languages of every language
                            in the sample tunes on all of them

Output
  --json                    print the result as JSON instead of the table
  --out <file>              write the thresholds file for filter/produce --thresholds (records the
                            model, so a run with another model refuses it); never one of the inputs
  --force                   write --out even when the targets are not met or not demonstrable

Exit codes: 0 targets met on the sample (under --criterion; a wide enough uncertain band always
meets them), 1 the sample is too small for any result to demonstrate a target (fewer than ~3.84/L
labeled synthetic or ~3.84/H human documents; --out is then written only with --force), 2 error.
Met but not demonstrated (observed rates meet the targets, their 95% upper bounds do not) is
exit 0 with a warning; use --criterion upper-bound when the bounds must meet the targets.

Examples
  crawlsift tune fixtures/labeled/dev-small.jsonl --max-leak 0.05 --max-human-loss 0.02
  crawlsift tune my-sample.jsonl --max-leak 0.01 --max-human-loss 0.01 --out thresholds.json
  crawlsift tune my-sample.jsonl --max-leak 0.05 --max-human-loss 0.05 --by source --json
`;

export const tuneCommand = defineCommand({
  name: 'tune',
  help: HELP,
  options: {
    model: { type: 'string' },
    backend: { type: 'string' },
    'max-leak': { type: 'string' },
    'max-human-loss': { type: 'string' },
    criterion: { type: 'string' },
    by: { type: 'string' },
    languages: { type: 'string' },
    'min-words': { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
  },
  flags: z.object({
    model: textFlag(),
    backend: backendFlag(),
    'max-leak': numberFlag({ min: 0, max: 1 }),
    'max-human-loss': numberFlag({ min: 0, max: 1 }),
    criterion: choiceFlag(TUNE_CRITERIA),
    by: choiceFlag(['source']),
    languages: textFlag(),
    'min-words': numberFlag({ integer: true, min: 0 }),
    json: switchFlag(),
    out: textFlag(),
    force: switchFlag(),
  }),
  async run(flags, positionals) {
    if (positionals.length === 0) throw new UsageError('tune needs at least one labeled JSONL file');
    const { 'max-leak': maxLeak, 'max-human-loss': maxHumanLoss } = flags;
    if (maxLeak === undefined || maxHumanLoss === undefined) throw new UsageError('tune needs --max-leak <L> and --max-human-loss <H> (fractions 0..1)');
    const criterion = flags.criterion ?? 'observed';

    const out = flags.out;
    if (out !== undefined) {
      await refuseOverwritingInput('tune', out, '--out', positionals);
      await checkWritableFile(out, '--out');
    }

    const all = await readLabeledDocs(positionals, notePassedOver);
    const modelDir = flags.model ?? defaultModelDir();
    // The documents filter would score: its scope guard, with the same flags and defaults.
    // The card alone: scoreWithModel reads and verifies the model files below.
    const scope = scopeFromFlags(flags, (await readCard(modelDir)).scope);
    const { docs, unscored } = await labeledInScope('tune', all, scope);
    const { scores, model } = await scoreWithModel(modelDir, docs.map((d) => d.text), flags.backend);
    const report = buildTuneReport(docs, scores, { maxLeak, maxHumanLoss, criterion }, { bySource: flags.by === 'source', unscored });

    if (flags.json) process.stdout.write(JSON.stringify({ model, ...report }, null, 2) + '\n');
    else process.stdout.write(formatTuneTable(report) + '\n');

    if (out !== undefined) {
      if (report.overall.feasible || flags.force) {
        const content = thresholdsFileContent(report, { model, labeledFiles: positionals, createdAt: new Date().toISOString() });
        await writeOutputFile(out, JSON.stringify(content, null, 2) + '\n', '--out');
        if (!flags.json) process.stdout.write(`\nthresholds written to ${out} (use: crawlsift filter ... --thresholds ${out})\n`);
      } else {
        process.stderr.write(`crawlsift: the sample is too small to demonstrate the targets (see the warnings); ${out} not written (--force writes it anyway)\n`);
      }
    }
    return report.overall.feasible ? 0 : 1;
  },
});

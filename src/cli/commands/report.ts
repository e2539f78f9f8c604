import { z } from 'zod';
import { readLabeledDocs } from '../../canaries/index.js';
import { UsageError } from '../../errors.js';
import { scoreWithModel } from '../../classifier/score-texts.js';
import { defaultModelDir } from '../../paths.js';
import { readManifest, readRunSummary, refuseOutputInsideShardDirs, renderRunReport, runFiles } from '../../report/index.js';
import { defineCommand } from '../command.js';
import { backendFlag, numberFlag, textFlag, textsFlag } from '../flag-schema.js';
import { checkWritableFile, refuseOverwritingInput, writeOutputFile } from '../output-file.js';

const HELP = `Usage: crawlsift report <out-dir> -o report.html [options]

Writes one self-contained HTML page (charts inline, nothing fetched when viewed) about a
finished filter run: documents per shard, the score histogram of each shard, leak-through and
human loss measured by canaries (95% intervals), the synthetic prevalence estimate, a
projection over crawl-and-retrain generations, and documents per source.

Options
  <out-dir>                 the --out directory of a finished filter run (holds manifest.json)
  -o, --out <file>          the HTML file to write (required); beside the shards is fine
                            (out/report.html), over manifest.json, a shard or a --labeled file or
                            inside a shard directory is refused
  --labeled <file>          labeled JSONL (text, label): adds the ROC curve with the run's
                            thresholds marked; repeat for several files
  --model <dir>             model that scores --labeled (default: the shipped classifiers/default;
                            use the run's model, the report warns when its hash differs)
  --backend <name>          auto | tensorflow | wasm | cpu (default: auto)
  --generations <k>         generations in the projection (default: 5)

Exit codes: 0 written, 2 error (no manifest, a missing or unreadable shard file, bad flags, an -o file
that would replace the run's manifest, a shard or a --labeled file, lies in a shard directory or
cannot be written).

Examples
  crawlsift report out/ -o report.html
  crawlsift report out/ --labeled fixtures/labeled/dev-small.jsonl -o report.html
`;

export const reportCommand = defineCommand({
  name: 'report',
  help: HELP,
  options: {
    out: { type: 'string', short: 'o' },
    labeled: { type: 'string', multiple: true },
    model: { type: 'string' },
    backend: { type: 'string' },
    generations: { type: 'string' },
  },
  flags: z.object({
    out: textFlag(),
    labeled: textsFlag(),
    model: textFlag(),
    backend: backendFlag(),
    generations: numberFlag({ integer: true, min: 1, max: 1000 }),
  }),
  async run(flags, positionals) {
    if (positionals.length !== 1) throw new UsageError('report needs exactly one output directory (the --out of a filter run)');
    const out = flags.out;
    if (!out) throw new UsageError('report needs -o <report.html>');
    const generations = flags.generations ?? 5;
    const outDir = positionals[0]!;
    const files = flags.labeled ?? [];
    // Before any work: the report must not replace what it reads (the manifest, a shard, a labeled
    // file) nor land among the shards.
    const manifest = await readManifest(outDir);
    await refuseOverwritingInput('report', out, '-o', [...runFiles(outDir, manifest), ...files]);
    await refuseOutputInsideShardDirs('report', out, '-o', outDir, manifest);
    await checkWritableFile(out, '-o');
    const run = await readRunSummary(outDir, manifest);

    let labeled;
    if (files.length > 0) {
      const docs = await readLabeledDocs(files);
      const modelDir = flags.model ?? defaultModelDir();
      const { scores, model } = await scoreWithModel(modelDir, docs.map((d) => d.text), flags.backend);
      if (model.hash !== run.manifest.model.hash) {
        process.stderr.write(`crawlsift: warning: --labeled is scored with ${model.name} (${model.hash.slice(0, 12)}), not the run's model ${run.manifest.model.name} (${run.manifest.model.hash.slice(0, 12)})\n`);
      }
      labeled = { scores: Array.from(scores), labels: docs.map((d) => d.label === 'synthetic'), sources: docs.map((d) => d.source), thresholds: run.manifest.thresholds, files };
    }
    await writeOutputFile(out, renderRunReport({ run, outDir, labeled, generations }), '-o');
    process.stdout.write(`report written to ${out}\n`);
    return 0;
  },
});

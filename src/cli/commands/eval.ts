import { z } from 'zod';
import { readCard, readLabeledFile, scoreWithModel, type BackendPreference, type LabeledDocument } from '../../classifier/index.js';
import { buildEvalResult } from '../../evaluation/eval-result.js';
import { UsageError } from '../../errors.js';
import { defaultModelDir } from '../../paths.js';
import { ThreadPoolScorer } from '../../classifier/thread-pool-scorer.js';
import { formatLeftOut, renderEvalReport } from '../../report/index.js';
import { defineCommand } from '../command.js';
import { formatEvalTable } from '../eval-table.js';
import { backendFlag, numberFlag, switchFlag, textFlag } from '../flag-schema.js';
import { checkWritableFile, refuseOverwritingInput, writeOutputFile } from '../output-file.js';
import { notePassedOver } from '../labeled-note.js';
import { labeledInScope } from '../labeled-scope.js';
import { scopeFromFlags } from '../run-flags.js';

const HELP = `Usage: crawlsift eval <labeled.jsonl...> [--model <dir>] [options]

Scores labeled documents with a model and reports how well it separates them: AUROC, the
share of synthetic documents caught at 1% and 5% false positives, the false-positive rate
needed to catch 90%, Brier score and expected calibration error of the probability, and the
confusion at the model's thresholds (leak-through, human loss); the same per source and per
generator.

Input and model
  <labeled.jsonl...>        JSONL (or .jsonl.gz) with text, label (human | synthetic), optional source, generator
  --model <dir>             model directory (default: the shipped classifiers/default)
  --backend <name>          auto | tensorflow | wasm | cpu (default: auto)
  --threads <n>             scoring threads (default: 1)

Scope (default: every labeled document is measured)
  --scope                   measure only the labeled documents filter would score, with the model
                            card's scope: those it would leave unscored (another language, too short)
                            are left out and counted (the scope: line, JSON unscored, the --report
                            notes), so that the figures are those of the documents filter routes
  --languages <codes>       the languages filter would score (default: the model card's, en);
                            implies --scope
  --min-words <n>           the fewest words filter would score (default: the model card's);
                            implies --scope

Output
  --json                    print the result as JSON: { model, n, unscored (with --scope), auroc,
                            tprAtFpr: {"0.01","0.05"}, fprAtTpr: {"0.9"}, brier, ece, confusion,
                            bySource, byGenerator }
  --report <file.html>      also write a self-contained HTML page: ROC curve with the thresholds
                            marked, score histograms per label, per-source AUROC

Exit codes: 0 evaluated, 2 error (bad flags, unreadable model, invalid labeled data: file and line,
a --report file that is one of the inputs or cannot be written: checked before scoring; with
--scope, labeled documents in scope not of both classes).

Examples
  crawlsift eval ../shared/data/detect-corpus/test.jsonl
  crawlsift eval --model classifiers/my-crawl my-sample.jsonl --json
  crawlsift eval fixtures/labeled/dev-small.jsonl --report eval.html
  crawlsift eval my-sample.jsonl --scope --min-words 24
`;

/** Texts per scoring call: bounds the memory of one call and spreads work over threads. */
const SCORE_BATCH = 512;

export const evalCommand = defineCommand({
  name: 'eval',
  help: HELP,
  options: {
    model: { type: 'string' },
    backend: { type: 'string' },
    threads: { type: 'string' },
    scope: { type: 'boolean' },
    languages: { type: 'string' },
    'min-words': { type: 'string' },
    json: { type: 'boolean' },
    report: { type: 'string' },
  },
  flags: z.object({
    model: textFlag(),
    backend: backendFlag(),
    threads: numberFlag({ integer: true, min: 1, max: 256 }),
    scope: switchFlag(),
    languages: textFlag(),
    'min-words': numberFlag({ integer: true, min: 0 }),
    json: switchFlag(),
    report: textFlag(),
  }),
  async run(flags, positionals) {
    if (positionals.length === 0) throw new UsageError('eval needs at least one labeled JSONL file');
    const threads = flags.threads ?? 1;
    const backend = flags.backend ?? 'auto';
    const report = flags.report;
    if (report !== undefined && report.trim() === '') throw new UsageError('--report needs a file name, e.g. --report eval.html');
    // Before scoring: a long evaluation must not end in "cannot write".
    if (report !== undefined) {
      await refuseOverwritingInput('eval', report, '--report', positionals);
      await checkWritableFile(report, '--report');
    }
    const modelDir = flags.model ?? defaultModelDir();

    const all: LabeledDocument[] = [];
    for (const path of positionals) {
      const file = await readLabeledFile(path, 'measure');
      notePassedOver(file);
      all.push(...file.documents);
    }
    if (all.length === 0) throw new UsageError(`no labeled documents in ${positionals.join(', ')}`);
    const card = await readCard(modelDir);
    // --scope: the documents filter would score, with its flags and defaults (as tune measures).
    const scoped = flags.scope || flags.languages !== undefined || flags['min-words'] !== undefined;
    const { docs, unscored } = scoped ? await labeledInScope('eval', all, scopeFromFlags(flags, card.scope)) : { docs: all, unscored: undefined };
    const texts = docs.map((d) => d.text);
    const scores = threads > 1 ? await scoreOnThreads(modelDir, texts, threads, backend) : (await scoreWithModel(modelDir, texts, backend)).scores;

    const thresholds = { low: card.thresholds.low, high: card.thresholds.high };
    const result = buildEvalResult(docs, scores, { name: card.name, hash: card.modelHash, thresholds });
    if (flags.json) {
      // unscored next to n: together they count every labeled document read.
      const { model, n, ...rest } = result;
      process.stdout.write(JSON.stringify(unscored ? { model, n, unscored, ...rest } : result, null, 2) + '\n');
    } else {
      process.stdout.write(formatEvalTable(result, unscored) + '\n');
    }

    if (report !== undefined) {
      const html = renderEvalReport({
        scores,
        labels: docs.map((d) => d.label),
        thresholds,
        sources: docs.map((d) => d.source),
        title: `crawlsift eval: ${card.name}`,
        notes: [`model ${card.name} (${card.modelHash.slice(0, 12)}), ${docs.length.toLocaleString('en-US')} labeled documents from ${positionals.join(', ')}${unscored ? `; ${formatLeftOut(unscored)}` : ''}`],
      });
      await writeOutputFile(report, html, '--report');
      if (!flags.json) process.stdout.write(`\nreport written to ${report}\n`);
    }
    return 0;
  },
});

/** Scores on a pool of worker threads (each loads the model), keeping input order. */
async function scoreOnThreads(modelDir: string, texts: string[], threads: number, backend: BackendPreference): Promise<Float32Array> {
  const pool = await ThreadPoolScorer.start(threads, { modelDir, backend });
  try {
    const batches: Array<Promise<Float32Array>> = [];
    for (let start = 0; start < texts.length; start += SCORE_BATCH) batches.push(pool.score(texts.slice(start, start + SCORE_BATCH)));
    const scores = new Float32Array(texts.length);
    (await Promise.all(batches)).forEach((part, i) => scores.set(part, i * SCORE_BATCH));
    return scores;
  } finally {
    await pool.close();
  }
}

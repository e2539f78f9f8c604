/**
 * The data of the adaptation benchmark, all of it from the default model's recipe (as
 * bench/lib/detector-splits.ts takes it), so that it follows the recipe on main when it runs:
 * - the sources: every source of the recipe's training data;
 * - a source's held-out base: trained like the default model on the recipe's training and dev
 *   inputs without that source (leave-one-source-out);
 * - its label pool: the documents of that source in the recipe's training and dev inputs (what the
 *   held-out base never saw), from which the k labeled documents are drawn;
 * - its test set: the documents of that source in the recipe's report-only inputs (never drawn,
 *   never trained on by any model here); the other sources' report-only documents measure
 *   forgetting.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TRAINING, loadLabeledInput, trainDetector, type LabeledDocument, type LabeledInput, type ModelCard } from '../../src/classifier/index.js';
import { defaultData } from '../../src/training/index.js';
import { detectorSplits } from './detector-splits.js';

export interface AdaptSource {
  source: string;
  /** Documents of the source the held-out base never saw, to draw labels from. */
  pool: LabeledDocument[];
  /** Documents of the source in the recipe's report-only inputs. */
  test: LabeledDocument[];
}

export interface AdaptData {
  sources: AdaptSource[];
  /** Report-only documents of every source, to measure forgetting on (all but the held-out source's). */
  report: LabeledDocument[];
  /** The recipe's training and dev inputs without `source`: a held-out base's data. */
  without(source: string): { train: LabeledInput[]; dev: LabeledInput[] };
  /** Problems found comparing the default model's card with the recipe (empty: they agree). */
  cardMismatches: string[];
}

const read = async (inputs: Iterable<LabeledInput>) => (await Promise.all([...inputs].map(loadLabeledInput))).flatMap((f) => f.documents);

/** The benchmark's data under `dataDir`, checked against the card of the default model. */
export async function adaptData(dataDir: string, card: ModelCard): Promise<AdaptData> {
  const recipe = defaultData(dataDir);
  const splits = detectorSplits(dataDir, card);
  const seen = await read([...recipe.train(), ...recipe.dev()]);
  const report = await read(Object.values(recipe.report()));
  const names = [...new Set(seen.map((d) => d.source ?? 'unknown'))].sort();
  return {
    sources: names.map((source) => ({ source, pool: seen.filter((d) => d.source === source), test: report.filter((d) => d.source === source) })).filter((s) => s.test.length > 0),
    report,
    // The one place that knows the splits' signature for "without a source".
    without: (source) => ({ train: splits.train({ sources: [source] }), dev: splits.dev({ sources: [source] }) }),
    cardMismatches: splits.cardMismatches,
  };
}

/**
 * The held-out base of `source` in `dir`: trained like the default model (DEFAULT_TRAINING) on the
 * recipe's data without the source, or the one trained before when its settings and data were the
 * same (bench-key.json holds what it was trained from).
 */
export async function heldOutBase(data: AdaptData, source: string, dir: string, epochs: number, log: (line: string) => void): Promise<string> {
  const { train, dev } = data.without(source);
  const describe = (i: LabeledInput) => `${i.path} (${i.selection ?? 'all'})`;
  const key = JSON.stringify({ train: train.map(describe), dev: dev.map(describe), settings: DEFAULT_TRAINING, epochs });
  const keyFile = join(dir, 'bench-key.json');
  if (existsSync(keyFile) && existsSync(join(dir, 'card.json')) && readFileSync(keyFile, 'utf8') === key) return dir;
  const t0 = Date.now();
  const { card } = await trainDetector({
    out: dir,
    name: `without-${source}`,
    ...DEFAULT_TRAINING,
    data: train,
    dev,
    epochs,
    progressBar: false,
    createdAt: '2000-01-01T00:00:00.000Z',
  });
  writeFileSync(keyFile, key);
  log(`base without ${source}: trained in ${((Date.now() - t0) / 1000).toFixed(0)} s (${card.training.epochsRun} epochs, dev AUROC ${card.metrics.dev.auroc?.toFixed(3)})`);
  return dir;
}

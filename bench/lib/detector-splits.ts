/**
 * The data splits of the detector benchmark, mirroring how `scripts/train-default.ts` trains the
 * shipped default model: train = detect-corpus/train + the modern corpus outside its hold-out
 * (FNV-1a hash of the id), dev = detect-corpus/dev, test = detect-corpus/test and the modern
 * hold-out. The hold-out share is read back from the default model's card so the benchmark
 * follows the model it measures; a card that was trained on other files is reported, not guessed.
 */
import { join } from 'node:path';
import type { LabeledDocument, LabeledInput, ModelCard } from '../../src/classifier/index.js';
import { stableHash } from '../../src/classifier/prng.js';

export interface DetectorSplits {
  detectTrain: string;
  detectDev: string;
  detectTest: string;
  modern: string;
  /** Percent (0..100) of modern documents held out of training, by FNV-1a(id) % 100. */
  modernHoldoutPercent: number;
  /** Documents of the modern corpus that the default model never trained on. */
  inModernHoldout(doc: LabeledDocument): boolean;
  /** Problems found comparing the card's training files with these splits (empty: they agree). */
  cardMismatches: string[];
}

const SELECTION = /^(.*) \(FNV-1a\(id\) % 100 >= (\d+)\)$/;

/** The splits for `dataDir`, checked against the default model's card. */
export function detectorSplits(dataDir: string, card: ModelCard): DetectorSplits {
  const detectTrain = join(dataDir, 'detect-corpus', 'train.jsonl');
  const detectDev = join(dataDir, 'detect-corpus', 'dev.jsonl');
  const detectTest = join(dataDir, 'detect-corpus', 'test.jsonl');
  const modern = join(dataDir, 'modern', 'corpus.jsonl');
  const mismatches: string[] = [];
  let percent = 20;
  const trainFiles = card.training.files.filter((f) => f.role === 'train');
  const modernEntry = trainFiles.map((f) => SELECTION.exec(f.path)).find((m) => m !== null);
  if (modernEntry) percent = Number(modernEntry[2]);
  else mismatches.push(`no modern training part "(FNV-1a(id) % 100 >= N)" in the card; assumed N = ${percent}`);
  const expected = [`${detectTrain}`, `${modern} (FNV-1a(id) % 100 >= ${percent})`];
  const actual = trainFiles.map((f) => f.path);
  for (const path of actual) if (!expected.some((e) => sameFile(e, path))) mismatches.push(`the default model also trained on ${path}, which this benchmark does not reproduce`);
  for (const path of expected) if (!actual.some((a) => sameFile(path, a))) mismatches.push(`the default model did not train on ${path}`);
  const dev = card.training.files.find((f) => f.role === 'dev');
  if (!dev || !sameFile(detectDev, dev.path)) mismatches.push(`the default model's dev data is ${dev?.path ?? 'held out of its training files'}, not ${detectDev}`);
  return {
    detectTrain,
    detectDev,
    detectTest,
    modern,
    modernHoldoutPercent: percent,
    inModernHoldout: (d) => stableHash(String(d.id ?? d.text)) % 100 < percent,
    cardMismatches: mismatches,
  };
}

/** Paths in the card are absolute from the training machine: compare from `detect-corpus/` or `modern/` on. */
function sameFile(a: string, b: string): boolean {
  const tail = (p: string) => p.replace(/^.*?\/((detect-corpus|modern|extra)\/)/, '$1');
  return tail(a) === tail(b);
}

/** The default model's training inputs, minus the documents of `withoutSource` when given. */
export function trainingInputs(s: DetectorSplits, withoutSource?: string): LabeledInput[] {
  const other = (d: LabeledDocument) => withoutSource === undefined || d.source !== withoutSource;
  const tag = withoutSource === undefined ? '' : `, source != ${withoutSource}`;
  return [
    { path: s.detectTrain, keep: other, selection: `all${tag}` },
    { path: s.modern, keep: (d) => !s.inModernHoldout(d) && other(d), selection: `FNV-1a(id) % 100 >= ${s.modernHoldoutPercent}${tag}` },
  ];
}

/** The dev input (detect-corpus/dev), minus `withoutSource` when given so that it is never chosen on. */
export function devInput(s: DetectorSplits, withoutSource?: string): LabeledInput {
  return withoutSource === undefined
    ? { path: s.detectDev }
    : { path: s.detectDev, keep: (d) => d.source !== withoutSource, selection: `source != ${withoutSource}` };
}

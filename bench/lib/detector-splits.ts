/**
 * The data splits of the detector benchmark: the default model's own recipe
 * (src/training/recipe.ts), so that the held-out models of leave-one-domain-out are trained
 * exactly like the model under test. The card of the model being measured is checked against
 * the recipe; a model trained on other files is reported, not guessed at.
 */
import type { LabeledDocument, LabeledInput, ModelCard } from '../../src/classifier/index.js';
import { defaultData, inHoldout, type DefaultData, type DefaultDataFiles, type Exclusion } from '../../src/training/index.js';

export interface DetectorSplits extends DefaultDataFiles {
  /** Documents of the modern corpus that the default model never trained on. */
  inModernHoldout(doc: LabeledDocument): boolean;
  /** The recipe's training inputs, without what `without` excludes. */
  train(without?: Exclusion): LabeledInput[];
  /** The recipe's dev inputs, without what `without` excludes. */
  dev(without?: Exclusion): LabeledInput[];
  /** Problems found comparing the card's training files with the recipe (empty: they agree). */
  cardMismatches: string[];
}

/** The splits for `dataDir`, checked against the card of the model being measured. */
export function detectorSplits(dataDir: string, card: ModelCard): DetectorSplits {
  const data: DefaultData = defaultData(dataDir);
  const describe = (i: LabeledInput) => (i.selection ? `${i.path} (${i.selection})` : i.path);
  const mismatches = [
    ...compareFiles(data.train().map(describe), card, 'train'),
    ...compareFiles(data.dev().map(describe), card, 'dev'),
  ];
  return {
    ...data.files,
    inModernHoldout: inHoldout,
    train: data.train,
    dev: data.dev,
    cardMismatches: mismatches,
  };
}

/** What differs between the recipe's inputs of one role and the card's. */
function compareFiles(expected: string[], card: ModelCard, role: 'train' | 'dev'): string[] {
  const actual = card.training.files.filter((f) => f.role === role).map((f) => f.path);
  const problems: string[] = [];
  for (const path of actual) if (!expected.some((e) => sameFile(e, path))) problems.push(`the model's ${role} data includes ${path}, which the recipe's does not`);
  for (const path of expected) if (!actual.some((a) => sameFile(path, a))) problems.push(`the model's ${role} data lacks ${path}, which the recipe's has`);
  return problems;
}

/** Paths in a card are absolute on the training machine: compare from `detect-corpus/`, `modern/`, `modern2024/` or `extra/` on. */
function sameFile(a: string, b: string): boolean {
  const tail = (p: string) => p.replace(/^.*?\/((detect-corpus|modern2024|modern|extra)\/)/, '$1');
  return tail(a) === tail(b);
}

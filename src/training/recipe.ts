/**
 * The shipped default model's data selection, in one place for `npm run train:default`
 * (scripts/train-default.ts) and for the detector benchmark, whose held-out models must be trained
 * the same way (bench/lib/detector-splits.ts). Its settings are DEFAULT_TRAINING
 * (src/classifier/default-settings.ts).
 *
 * Data, under the shared labeled corpus (../shared/data or $CRAWLSIFT_DATA). modern/corpus has no
 * splits of its own: the FNV-1a hash of each id, mod 100, cuts it into a 20% hold-out (< 20), a
 * 10% dev part ([20, 30)) and the 70% it trains on (>= 30). modern2024/ comes split by source
 * document, aligned with detect-corpus's splits.
 * - train: detect-corpus/train, modern's training part, modern2024/train and
 *   modern2024/train-more (machine text only: the training balances the labels of each source of
 *   each corpus, train and train-more being one corpus; see DEFAULT_TRAINING.balance). The modern2024 human originals that are also detect-corpus
 *   documents (`-orig` texts identical to a detect-corpus text; its README) are read once, from
 *   detect-corpus. Not extra/corpus: with its usable part added dev AUROC fell from 0.795 to 0.759
 *   (bench/detector-lab/RESULTS.md, "Length"); that part is a held-out domain of the benchmark
 *   instead ({@link extraHeldOut});
 * - dev (early stopping, Platt calibration, default thresholds): detect-corpus/dev, modern's dev
 *   part and modern2024/dev, so that every choice sees every kind of training text ("Which dev" in
 *   RESULTS.md);
 * - report only, never used for a choice: the modern hold-out, detect-corpus/test and
 *   modern2024/test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabeledDocument } from '../classifier/labeled-data.js';
import type { LabeledInput } from '../classifier/train.js';
import { seedFromString } from '../random.js';
import { familyOf, type GeneratorFamily } from './generator-families.js';

export const HOLDOUT_PERCENT = 20;
/** Modern's dev part: hash buckets [HOLDOUT_PERCENT, DEV_END_PERCENT). */
export const DEV_END_PERCENT = 30;

const bucket = (d: LabeledDocument): number => seedFromString(String(d.id ?? d.text)) % 100;
/** In the modern hold-out (never trained on, never chosen on): FNV-1a of the id (or text) mod 100 below 20. */
export const inHoldout = (d: LabeledDocument): boolean => bucket(d) < HOLDOUT_PERCENT;
/** In modern's dev part. */
export const inModernDev = (d: LabeledDocument): boolean => {
  const b = bucket(d);
  return b >= HOLDOUT_PERCENT && b < DEV_END_PERCENT;
};
/** In modern's training part. */
export const inModernTrain = (d: LabeledDocument): boolean => bucket(d) >= DEV_END_PERCENT;
const HOLDOUT = `FNV-1a(id) % 100 < ${HOLDOUT_PERCENT}`;
const MODERN_DEV = `FNV-1a(id) % 100 in [${HOLDOUT_PERCENT}, ${DEV_END_PERCENT})`;
const MODERN_TRAIN = `FNV-1a(id) % 100 >= ${DEV_END_PERCENT}`;

/**
 * The documents of extra/corpus.jsonl usable as a held-out domain, per the confounds its README
 * lists: only SeqXGPT (5 generators: GPT-2, GPT-Neo, GPT-J, LLaMA, gpt-3.5-turbo), without its
 * lower-cased (PTB-tokenised) human documents. MixSet (topic separates the labels) and
 * Binoculars (every human document lower-cased and tokenised) stay out. Length differs by
 * label there (machine documents are longer); the feature window reads 320 words of each.
 */
export function extraHeldOut(d: LabeledDocument): boolean {
  return d.source === EXTRA_SOURCE && (d.label === 'synthetic' || d.text !== d.text.toLowerCase());
}
export const EXTRA_SOURCE = 'seqxgpt-doclevel';

/**
 * What a held-out model is trained without: every document of some sources (leave-one-domain-out:
 * a domain's sources, see DOMAINS), or every machine text of one generator family
 * (leave-one-generator-family-out; the human text stays).
 */
export type Exclusion = { sources: readonly string[] } | { family: GeneratorFamily };

/** True when `d` stays in the training and dev data of a model trained without `x`. */
export function kept(d: LabeledDocument, x: Exclusion | undefined): boolean {
  if (x === undefined) return true;
  if ('sources' in x) return !x.sources.includes(d.source ?? '');
  return d.label === 'human' || familyOf(d.generator) !== x.family;
}

/** How the card names an exclusion, after the input's own selection. */
function exclusionTag(x: Exclusion | undefined): string {
  if (x === undefined) return '';
  return 'sources' in x ? `source not in [${x.sources.join(', ')}]` : `generator family != ${x.family}`;
}

export interface DefaultDataFiles {
  detectTrain: string;
  detectDev: string;
  detectTest: string;
  modern: string;
  modern2024Train: string;
  modern2024More: string;
  modern2024Dev: string;
  modern2024Test: string;
  extra: string;
}

export interface DefaultData {
  files: DefaultDataFiles;
  /** Training inputs, minus what `without` excludes. */
  train(without?: Exclusion): LabeledInput[];
  /** The dev inputs, minus what `without` excludes, so that it is never chosen on. */
  dev(without?: Exclusion): LabeledInput[];
  /** Report-only sets: the modern hold-out, detect-corpus/test and modern2024/test. */
  report(): Record<string, LabeledInput>;
}

/** The default model's data under `dataDir`. */
export function defaultData(dataDir: string): DefaultData {
  const m24 = (name: string) => join(dataDir, 'modern2024', name);
  const files: DefaultDataFiles = {
    detectTrain: join(dataDir, 'detect-corpus', 'train.jsonl'),
    detectDev: join(dataDir, 'detect-corpus', 'dev.jsonl'),
    detectTest: join(dataDir, 'detect-corpus', 'test.jsonl'),
    modern: join(dataDir, 'modern', 'corpus.jsonl'),
    modern2024Train: m24('train.jsonl'),
    modern2024More: m24('train-more.jsonl'),
    modern2024Dev: m24('dev.jsonl'),
    modern2024Test: m24('test.jsonl'),
    extra: join(dataDir, 'extra', 'corpus.jsonl'),
  };
  const notInDetect = { train: notACopyOf(files.detectTrain), dev: notACopyOf(files.detectDev) };
  const input = (path: string, base: { keep?: (d: LabeledDocument) => boolean; selection?: string }, x: Exclusion | undefined): LabeledInput => {
    const tag = exclusionTag(x);
    if (base.keep === undefined && x === undefined) return { path, selection: 'all' };
    const selection = [base.selection, tag].filter(Boolean).join(', ');
    return { path, keep: (d) => (base.keep?.(d) ?? true) && kept(d, x), selection };
  };
  const ORIG = 'no -orig copy of a detect-corpus text';
  return {
    files,
    train(x) {
      return [
        { ...input(files.detectTrain, {}, x), group: 'detect-corpus' },
        { ...input(files.modern, { keep: inModernTrain, selection: MODERN_TRAIN }, x), group: 'modern' },
        { ...input(files.modern2024Train, { keep: notInDetect.train, selection: ORIG }, x), group: 'modern2024' },
        { ...input(files.modern2024More, {}, x), group: 'modern2024' },
      ];
    },
    dev(x) {
      const devInput = (path: string, base: { keep?: (d: LabeledDocument) => boolean; selection?: string }) => {
        const i = input(path, base, x);
        // detect-corpus/dev as a whole is named by its path alone, as cards have always named it.
        return i.selection === 'all' ? { path } : i;
      };
      return [
        devInput(files.detectDev, {}),
        devInput(files.modern, { keep: inModernDev, selection: MODERN_DEV }),
        devInput(files.modern2024Dev, { keep: notInDetect.dev, selection: ORIG }),
      ];
    },
    report() {
      return {
        'modern-holdout': { path: files.modern, keep: inHoldout, selection: HOLDOUT },
        'detect-corpus-test': { path: files.detectTest },
        'modern2024-test': { path: files.modern2024Test },
      };
    },
  };
}

/**
 * A keep rule that drops modern2024's `-orig` human texts identical to a text of `detectFile`
 * (69 of them: PubMedQA and other short texts that detect-corpus holds already). The file is read
 * on the rule's first use, not when the recipe is described.
 */
function notACopyOf(detectFile: string): (d: LabeledDocument) => boolean {
  let texts: Set<string> | undefined;
  return (d) => {
    if (!String(d.id ?? '').endsWith('-orig')) return true;
    texts ??= new Set(
      readFileSync(detectFile, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => (JSON.parse(l) as { text: string }).text),
    );
    return !texts.has(d.text);
  };
}

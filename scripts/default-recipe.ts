/**
 * The shipped default model's data selection, in one place for `npm run train:default`
 * (scripts/train-default.ts) and for the detector benchmark, whose leave-one-domain-out models
 * must be trained the same way (bench/lib/detector-splits.ts). Its settings are
 * DEFAULT_TRAINING (src/classifier/default-settings.ts).
 *
 * Data, under the shared labeled corpus (../shared/data or $CRAWLSIFT_DATA):
 * - train: detect-corpus/train and modern/corpus outside its 20% hold-out. Not extra/corpus: with
 *   its usable part added (SeqXGPT without lower-cased human text, machine text thinned to the
 *   human count) dev AUROC fell from 0.795 to 0.759 and the modern hold-out from 0.985 to 0.935
 *   (bench/detector-lab/RESULTS.md, "Length"). That part is a held-out domain of the
 *   benchmark instead ({@link extraHeldOut});
 * - dev: detect-corpus/dev (early stopping, Platt calibration, default thresholds);
 * - report only, never used for a choice: the modern hold-out and detect-corpus/test.
 */
import { join } from 'node:path';
import type { LabeledDocument, LabeledInput } from '../src/classifier/index.js';
import { stableHash } from '../src/classifier/prng.js';

export const HOLDOUT_PERCENT = 20;

/** In the modern hold-out (never trained on): FNV-1a of the id (or text) mod 100 below 20. */
export const inHoldout = (d: LabeledDocument): boolean => stableHash(String(d.id ?? d.text)) % 100 < HOLDOUT_PERCENT;
const HOLDOUT = `FNV-1a(id) % 100 < ${HOLDOUT_PERCENT}`;
const OUTSIDE_HOLDOUT = `FNV-1a(id) % 100 >= ${HOLDOUT_PERCENT}`;

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

export interface DefaultData {
  files: { detectTrain: string; detectDev: string; detectTest: string; modern: string; extra: string };
  /** Training inputs, minus the documents of `withoutSource` when given (leave-one-domain-out). */
  train(withoutSource?: string): LabeledInput[];
  /** The dev input, minus `withoutSource` when given, so that it is never chosen on. */
  dev(withoutSource?: string): LabeledInput;
  /** Report-only sets: the modern hold-out and detect-corpus/test. */
  report(): Record<string, LabeledInput>;
}

/** The default model's data under `dataDir`. */
export function defaultData(dataDir: string): DefaultData {
  const files = {
    detectTrain: join(dataDir, 'detect-corpus', 'train.jsonl'),
    detectDev: join(dataDir, 'detect-corpus', 'dev.jsonl'),
    detectTest: join(dataDir, 'detect-corpus', 'test.jsonl'),
    modern: join(dataDir, 'modern', 'corpus.jsonl'),
    extra: join(dataDir, 'extra', 'corpus.jsonl'),
  };
  const without = (source?: string) => ({
    keep: (d: LabeledDocument) => source === undefined || d.source !== source,
    tag: source === undefined ? '' : `, source != ${source}`,
  });
  return {
    files,
    train(withoutSource) {
      const w = without(withoutSource);
      return [
        { path: files.detectTrain, keep: w.keep, selection: `all${w.tag}` },
        { path: files.modern, keep: (d) => !inHoldout(d) && w.keep(d), selection: `${OUTSIDE_HOLDOUT}${w.tag}` },
      ];
    },
    dev(withoutSource) {
      const w = without(withoutSource);
      return withoutSource === undefined ? { path: files.detectDev } : { path: files.detectDev, keep: w.keep, selection: `source != ${withoutSource}` };
    },
    report() {
      return {
        'modern-holdout': { path: files.modern, keep: inHoldout, selection: HOLDOUT },
        'detect-corpus-test': { path: files.detectTest },
      };
    },
  };
}

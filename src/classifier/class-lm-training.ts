import { ClassLm, CLASS_LM_FEATURES, classLmDocumentTokens, classLmTables, type ClassLmTables } from '../features/index.js';
import type { ClassLmCard } from './card.js';
import type { LabeledDocument } from './labeled-data.js';
import { stableHash } from './prng.js';

/**
 * How training builds a model's class LMs (see `ClassLm`): from its training documents, in `folds`
 * parts by `foldKey` (documents sharing a key, such as a human text and its machine rewrites, are
 * in one fold). Each training document's features come from the LMs built without its fold, so the
 * network learns how far to trust them on text they never saw; dev and report documents, and every
 * text the model scores later, use the LMs built on all of them. `foldKey` defaults to
 * {@link sourceDocumentKey}. A fine-tune gives the LMs instead (`given`: the model's, saved and
 * scoring dev, report and later text) and the LM each training document is scored by (`lmOf`,
 * `given` when absent).
 */
export type ClassLmTraining =
  | { folds: number; foldKey?: (doc: LabeledDocument) => string; foldKeyDescription?: string }
  | { given: ClassLm; card: ClassLmCard; lmOf?: (doc: LabeledDocument) => TrainingLm };

/**
 * The class LM some training documents are scored by, built when their features are extracted and
 * not kept after (`tables` builds it anew on each call): training needs one fold's LM at a time,
 * and holding all of them (~16 MB of tables each for the default model) until training ends is
 * what made a fine-tune's memory peak. Training groups its documents by this object, so documents
 * scored by the same LM must get the same object.
 */
export interface TrainingLm {
  tables(): ClassLmTables;
}

/** A TrainingLm of LM tables already at hand (the model's own, say). */
export function heldLm(tables: ClassLmTables): TrainingLm {
  return { tables: () => tables };
}

/** A TrainingLm whose tables `build` makes when asked (their scoring tables only: see `classLmTables`). */
export function builtLm(build: () => ClassLmTables): TrainingLm {
  return { tables: () => classLmTables(build()) };
}

/** The LMs of a training run: those of all training documents, and those each one is scored by. */
export interface ClassLmPlan {
  all: ClassLm;
  /** Fold index per training document, -1 when the LMs were given. */
  foldOf: Int32Array;
  /** The LMs without each fold, built when asked (see `TrainingLm`). */
  byFold: TrainingLm[];
  /** The LM training document `i` (by position) is scored by: its fold's, or `all` when given. */
  trainingLm(i: number): TrainingLm;
  card: ClassLmCard;
}

/**
 * The default fold key: the source document a text was made from, read from its id where the id
 * names one, as the shared corpora's do (`fdg-xsum-0002-h`, `fdg-xsum-0002-imbd-rewrite-gpt-4o` and
 * `l2r-Finance-000-gpt-4o` name a source document and then a variant; `detectrl-xsum-h-0001` and
 * `-s-0001` differ only in the label); otherwise the id itself (or the text, without one).
 */
export function sourceDocumentKey(doc: LabeledDocument): string {
  const id = String(doc.id ?? doc.text).split('#')[0]!;
  const named = /^([A-Za-z0-9]+-[A-Za-z]+-\d+)(?:-|$)/.exec(id);
  return named ? named[1]! : id.replace(/-[hs](?=-|$)/, '');
}
export const SOURCE_DOCUMENT_KEY = 'source document named by the id (sourceDocumentKey)';

/** The fold of a document whose fold key is `key`. */
export function foldIndex(key: string, folds: number): number {
  return stableHash(key) % folds;
}

/**
 * The word hashes and labels of `docs`, read once, and a function building the LMs of those
 * documents `keep` keeps (by position): the LMs of all of them, or of all but one fold.
 */
export function classLmBuilder(docs: readonly LabeledDocument[]): { tokens: Uint32Array[]; synthetic: boolean[]; build(keep: (i: number) => boolean): ClassLm } {
  const tokens = docs.map((d) => classLmDocumentTokens(d.text));
  const synthetic = docs.map((d) => d.label === 'synthetic');
  return { tokens, synthetic, build: (keep) => ClassLm.build(tokens.flatMap((t, i) => (keep(i) ? [{ tokens: t, synthetic: synthetic[i]! }] : []))) };
}

/** Builds the LMs `setting` asks for over `docs` (the training documents, before any crops). */
export function planClassLm(setting: ClassLmTraining, docs: readonly LabeledDocument[]): ClassLmPlan {
  if ('given' in setting) {
    const given = heldLm(setting.given);
    const lmOf = setting.lmOf ?? (() => given);
    return { all: setting.given, foldOf: new Int32Array(docs.length).fill(-1), byFold: [], trainingLm: (i) => lmOf(docs[i]!), card: setting.card };
  }
  const folds = setting.folds;
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError(`class LM folds must be an integer of 2 or more, got ${folds}`);
  const key = setting.foldKey ?? sourceDocumentKey;
  const { tokens, synthetic, build } = classLmBuilder(docs);
  const foldOf = Int32Array.from(docs, (d) => foldIndex(key(d), folds));
  const byFold = Array.from({ length: folds }, (_, k) => builtLm(() => build((i) => foldOf[i] !== k)));
  const all = build(() => true);
  const side = (s: boolean) => ({
    documents: synthetic.filter((x) => x === s).length,
    tokens: tokens.reduce((sum, t, i) => sum + (synthetic[i] === s ? t.length : 0), 0),
  });
  return {
    all,
    foldOf,
    byFold,
    trainingLm: (i) => byFold[foldOf[i]!]!,
    card: {
      file: 'class-lm.bin',
      features: [...CLASS_LM_FEATURES],
      folds,
      foldKey: setting.foldKey ? (setting.foldKeyDescription ?? 'a key given by the trainer') : SOURCE_DOCUMENT_KEY,
      machine: side(true),
      human: side(false),
    },
  };
}

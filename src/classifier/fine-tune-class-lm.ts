import { ClassLm, classLmDocumentTokens, encodeClassLm } from '../features/index.js';
import type { ClassLmCard } from './card.js';
import { builtLm, classLmBuilder, foldIndex, heldLm, SOURCE_DOCUMENT_KEY, sourceDocumentKey, type ClassLmTraining, type TrainingLm } from './class-lm-training.js';
import type { LabeledDocument } from './labeled-data.js';

/** How a fine-tune's replay documents got their class-LM features, and why. */
export interface ReplayClassLm {
  scoredBy: 'out-of-fold' | 'in-sample';
  reason: string;
}

/** What a fine-tune did with its base's class LMs (the card's lineage records it). */
export interface FineTuneClassLmRecord {
  replay: ReplayClassLm;
  /** The new documents added to the LMs, the times each was counted, and the folds they were scored in; absent when the LMs were kept. */
  learnt?: { documents: number; weight: number; folds: number };
}

/**
 * The class LMs of a fine-tune, and the LM each training document is scored by.
 *
 * `learn` off: the base's LMs, kept as they are (the network's weights were learnt on their
 * features); the new documents were never in them and are scored by them.
 * `learn` on: the base's LMs with the new documents added (each counted `weight` times), so that the
 * LMs know the new text's words on each side; each new document is scored by the base's LMs with the new documents of the other
 * `folds` - 1 folds (by source document, as training does), so that its features are those of text
 * the LMs never saw.
 *
 * The replay documents are the base's own training documents, so they are in the base's LMs: scored
 * by them, their class-LM features are in-sample, far surer than on any text the base never saw (a
 * document's rare bigrams count only on its own side), and the fine-tune would learn from features
 * that no scored text has. So when the base's training documents are at hand (`pool`, in the base's
 * order) and rebuild the base's LMs byte for byte, each replay document is scored by the base's LMs
 * built without its fold, as in the base's own training (without the new documents, a small part of
 * the counts). Otherwise (a base that is itself a fine-tune, another fold key, or other replay data)
 * by the model's LMs, and `record.replay` says so.
 */
export function fineTuneClassLm(
  base: { lm: ClassLm; bytes: Uint8Array; card: ClassLmCard },
  pool: readonly LabeledDocument[],
  replayTexts: ReadonlySet<string>,
  learn?: { docs: readonly LabeledDocument[]; weight: number; folds: number },
): { setting: ClassLmTraining; record: FineTuneClassLmRecord } {
  const learnt = learn && learn.docs.length > 0 ? learnNewDocuments(base.lm, learn) : undefined;
  const model = learnt?.all ?? base.lm;
  const card: ClassLmCard = { ...base.card, folds: 0, ...(learn ? { machine: sideOf(model.machine, base.card.machine, learn.docs, true), human: sideOf(model.human, base.card.human, learn.docs, false) } : {}) };
  const newLm = (doc: LabeledDocument) => learnt?.lmOfText.get(doc.text);
  const modelLm = heldLm(model);
  const record = (replay: ReplayClassLm): FineTuneClassLmRecord => ({ replay, ...(learn ? { learnt: { documents: learn.docs.length, weight: learn.weight, folds: learn.folds } } : {}) });
  const inSample = (reason: string) => ({
    setting: { given: model, card, ...(learnt ? { lmOf: (doc: LabeledDocument) => newLm(doc) ?? modelLm } : {}) },
    record: record({ scoredBy: 'in-sample', reason }),
  });
  if (replayTexts.size === 0) return inSample('no replay documents');
  const { folds, foldKey } = base.card;
  if (folds < 2) return inSample('the base model\'s LMs were not built in folds (it is itself a fine-tune, or was trained without them)');
  if (foldKey !== SOURCE_DOCUMENT_KEY) return inSample(`the base model's folds were drawn by "${foldKey}", which cannot be run again`);

  const { build } = classLmBuilder(pool);
  if (!sameBytes(encodeClassLm(build(() => true)), base.bytes)) {
    return inSample('the replay data does not rebuild the base model\'s LMs (not the documents it was trained on, or not in its order)');
  }
  const foldOf = pool.map((d) => foldIndex(sourceDocumentKey(d), folds));
  const needed = new Set(pool.flatMap((d, i) => (replayTexts.has(d.text) ? [foldOf[i]!] : [])));
  // Built when the replay's features are extracted, one fold at a time (see TrainingLm).
  const byFold = new Map([...needed].map((k) => [k, builtLm(() => build((i) => foldOf[i] !== k))] as const));
  const replayLm = new Map(pool.flatMap((d, i) => (replayTexts.has(d.text) ? [[d.text, byFold.get(foldOf[i]!)!] as const] : [])));
  return {
    setting: { given: model, card, lmOf: (doc) => replayLm.get(doc.text) ?? newLm(doc) ?? modelLm },
    record: record({ scoredBy: 'out-of-fold', reason: `the replay data rebuilds the base model's LMs; each replay document is scored by the LMs of the other ${folds - 1} of its ${folds} folds` }),
  };
}

/** The base LMs with all of `docs` (each `weight` times), and per document those with the documents of the other folds. */
function learnNewDocuments(base: ClassLm, { docs, weight, folds }: { docs: readonly LabeledDocument[]; weight: number; folds: number }): { all: ClassLm; lmOfText: Map<string, TrainingLm> } {
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError(`class LM folds must be an integer of 2 or more, got ${folds}`);
  if (!Number.isInteger(weight) || weight < 1) throw new RangeError(`the new documents' class LM weight must be a whole number of 1 or more, got ${weight}`);
  const entries = docs.map((d) => ({ tokens: classLmDocumentTokens(d.text), synthetic: d.label === 'synthetic' }));
  const foldOf = docs.map((d) => foldIndex(sourceDocumentKey(d), folds));
  const counted = (keep: (i: number) => boolean) => entries.flatMap((e, i) => (keep(i) ? Array<typeof e>(weight).fill(e) : []));
  const byFold = new Map([...new Set(foldOf)].map((k) => [k, builtLm(() => base.extend(counted((i) => foldOf[i] !== k)))] as const));
  return { all: base.extend(counted(() => true)), lmOfText: new Map(docs.map((d, i) => [d.text, byFold.get(foldOf[i]!)!] as const)) };
}

function sideOf(counts: { tokens: number }, before: { documents: number }, docs: readonly LabeledDocument[], synthetic: boolean): { documents: number; tokens: number } {
  return { documents: before.documents + docs.filter((d) => (d.label === 'synthetic') === synthetic).length, tokens: counts.tokens };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

import { ClassLm, classLmDocumentTokens, encodeClassLm } from '../features/index.js';
import type { ClassLmCard } from './card.js';
import { foldIndex, SOURCE_DOCUMENT_KEY, sourceDocumentKey, type ClassLmTraining } from './class-lm-training.js';
import type { LabeledDocument } from './labeled-data.js';

/** How a fine-tune's replay documents got their class-LM features, and why. */
export interface ReplayClassLm {
  scoredBy: 'out-of-fold' | 'in-sample';
  reason: string;
}

/**
 * The class LMs of a fine-tune: the base's, kept as they are (the network's weights were learnt on
 * their features), with the LM each training document is scored by.
 *
 * The replay documents are the base's own training documents, so they are in the base's LMs: scored
 * by them, their class-LM features are in-sample, far surer than on any text the base never saw (a
 * document's rare bigrams count only on its own side), and the fine-tune would learn from features
 * that no scored text has. So when the base's training documents are at hand (`pool`, in the base's
 * order) and rebuild the base's LMs byte for byte, each replay document is scored by the LMs built
 * without its fold, as in the base's own training. Otherwise (a base that is itself a fine-tune,
 * another fold key, or other replay data) by the base's LMs, and `replay` says so. The new documents
 * were never in the base's LMs: they are scored by them.
 */
export function fineTuneClassLm(
  base: { lm: ClassLm; bytes: Uint8Array; card: ClassLmCard },
  pool: readonly LabeledDocument[],
  replayTexts: ReadonlySet<string>,
): { setting: ClassLmTraining; replay: ReplayClassLm } {
  const card: ClassLmCard = { ...base.card, folds: 0 };
  const keep = (reason: string) => ({ setting: { given: base.lm, card }, replay: { scoredBy: 'in-sample' as const, reason } });
  if (replayTexts.size === 0) return keep('no replay documents');
  const { folds, foldKey } = base.card;
  if (folds < 2) return keep('the base model\'s LMs were not built in folds (it is itself a fine-tune, or was trained without them)');
  if (foldKey !== SOURCE_DOCUMENT_KEY) return keep(`the base model's folds were drawn by "${foldKey}", which cannot be run again`);

  const tokens = pool.map((d) => classLmDocumentTokens(d.text));
  const build = (keepDoc: (i: number) => boolean) => ClassLm.build(tokens.flatMap((t, i) => (keepDoc(i) ? [{ tokens: t, synthetic: pool[i]!.label === 'synthetic' }] : [])));
  if (!sameBytes(encodeClassLm(build(() => true)), base.bytes)) {
    return keep('the replay data does not rebuild the base model\'s LMs (not the documents it was trained on, or not in its order)');
  }
  const foldOf = pool.map((d) => foldIndex(sourceDocumentKey(d), folds));
  const needed = new Set(pool.flatMap((d, i) => (replayTexts.has(d.text) ? [foldOf[i]!] : [])));
  const byFold = new Map([...needed].map((k) => [k, build((i) => foldOf[i] !== k)] as const));
  const lmOfText = new Map(pool.flatMap((d, i) => (replayTexts.has(d.text) ? [[d.text, byFold.get(foldOf[i]!)!] as const] : [])));
  return {
    setting: { given: base.lm, card, lmOf: (doc) => lmOfText.get(doc.text) ?? base.lm },
    replay: { scoredBy: 'out-of-fold', reason: `the replay data rebuilds the base model's LMs; each replay document is scored by the LMs of the other ${folds - 1} of its ${folds} folds` },
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

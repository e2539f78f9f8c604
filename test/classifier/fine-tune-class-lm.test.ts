import { describe, expect, it } from 'vitest';
import { planClassLm, type LabeledDocument } from '../../src/classifier/index.js';
import { fineTuneClassLm } from '../../src/classifier/fine-tune-class-lm.js';
import { classLmDocumentTokens, encodeClassLm, logUnigram, type ClassLmTables } from '../../src/features/index.js';

const pool: LabeledDocument[] = Array.from({ length: 40 }, (_, i) => ({
  id: `fdg-news-${String(i >> 1).padStart(4, '0')}-${i % 2 ? 's' : 'h'}`,
  text: `story number word${i} about the harbour ${i % 2 ? 'it is important to note' : 'we reckon'}`,
  label: i % 2 ? 'synthetic' : 'human',
}));
const side = (d: LabeledDocument) => (d.label === 'synthetic' ? 'machine' : 'human');
/** log p of the document's own unique word under `lm`, minus that of a word no LM saw: 0 when the LM never saw the document. */
const ownWordLift = (lm: ClassLmTables, i: number) => logUnigram(lm, side(pool[i]!), classLmDocumentTokens(`word${i}`)[0]!) - logUnigram(lm, side(pool[i]!), 0xfffffffe);
/** What scoring reads of an LM: equal for two LMs of the same counts, built apart. */
const tables = (lm: ClassLmTables) => ({ words: lm.words.slots, bigrams: lm.bigrams.slots, denominators: lm.denominators });

describe('fineTuneClassLm', () => {
  const plan = planClassLm({ folds: 4 }, pool);
  const base = { lm: plan.all, bytes: encodeClassLm(plan.all), card: plan.card };
  const replay = new Set(pool.filter((_, i) => i % 3 === 0).map((d) => d.text));

  it('scores each replay document by the base LMs built without its fold, when the pool rebuilds the base', () => {
    const { setting, record } = fineTuneClassLm(base, pool, replay);
    expect(record).toEqual({ replay: { scoredBy: 'out-of-fold', reason: expect.any(String) } });
    if (!('given' in setting)) throw new Error('expected given LMs');
    expect(setting.given).toBe(base.lm);
    expect(setting.card.folds).toBe(0);
    pool.forEach((d, i) => {
      const lm = setting.lmOf!(d).tables();
      if (!replay.has(d.text)) {
        expect(lm).toBe(base.lm);
        return;
      }
      expect(tables(lm)).toEqual(tables(plan.byFold[plan.foldOf[i]!]!.tables()));
      // Scoring tables only: the fold LMs' counts are not kept.
      expect('machine' in lm).toBe(false);
      expect(ownWordLift(lm, i)).toBeCloseTo(0, 12);
      expect(ownWordLift(base.lm, i)).toBeGreaterThan(Math.log(1.5));
    });
    // A new document (in no LM) is scored by the base's LMs.
    expect(setting.lmOf!({ text: 'a text the base never saw', label: 'human' }).tables()).toBe(base.lm);
    // The fold LMs are built when asked, and not kept: the same object for a fold's documents, new tables on each call.
    const replayed = pool.filter((d) => replay.has(d.text));
    expect(setting.lmOf!(replayed[0]!)).toBe(setting.lmOf!(replayed[0]!));
    expect(setting.lmOf!(replayed[0]!).tables()).not.toBe(setting.lmOf!(replayed[0]!).tables());
  });

  it('falls back to the base LMs, and says why, when the pool is not what the base was built from', () => {
    for (const other of [pool.slice(1), [...pool].reverse()]) {
      const { setting, record } = fineTuneClassLm(base, other, replay);
      expect(record.replay).toMatchObject({ scoredBy: 'in-sample', reason: expect.stringMatching(/does not rebuild/) });
      expect('given' in setting && setting.lmOf).toBeFalsy();
    }
    expect(fineTuneClassLm({ ...base, card: { ...base.card, folds: 0 } }, pool, replay).record.replay.reason).toMatch(/not built in folds/);
    expect(fineTuneClassLm({ ...base, card: { ...base.card, foldKey: 'a key given by the trainer' } }, pool, replay).record.replay.reason).toMatch(/cannot be run again/);
  });

  it('learns the new documents: the model LMs gain them, and each is scored by the LMs without its own fold', () => {
    const fresh: LabeledDocument[] = Array.from({ length: 12 }, (_, i) => ({
      id: `crawl-page-${String(i >> 1).padStart(4, '0')}-${i % 2 ? 's' : 'h'}`,
      text: `a crawled page with newword${i} on it ${i % 2 ? 'which delves into the tapestry' : 'innit'}`,
      label: i % 2 ? 'synthetic' : 'human',
    }));
    const entry = (d: LabeledDocument) => ({ tokens: classLmDocumentTokens(d.text), synthetic: d.label === 'synthetic' });
    const { setting, record } = fineTuneClassLm(base, pool, replay, { docs: fresh, weight: 2, folds: 3 });
    if (!('given' in setting)) throw new Error('expected given LMs');
    expect(encodeClassLm(setting.given)).toEqual(encodeClassLm(base.lm.extend(fresh.flatMap((d) => [entry(d), entry(d)]))));
    expect(record).toMatchObject({ replay: { scoredBy: 'out-of-fold' }, learnt: { documents: 12, weight: 2, folds: 3 } });
    expect(setting.card).toMatchObject({ folds: 0, machine: { documents: base.card.machine.documents + 6 }, human: { documents: base.card.human.documents + 6 } });
    const own = (lm: ClassLmTables, i: number) => logUnigram(lm, side(fresh[i]!), classLmDocumentTokens(`newword${i}`)[0]!) - logUnigram(lm, side(fresh[i]!), 0xfffffffe);
    const handles = fresh.map((d) => setting.lmOf!(d));
    expect(new Set(handles).size).toBeGreaterThan(1);
    const lms = handles.map((h) => h.tables());
    fresh.forEach((d, i) => {
      expect(own(lms[i]!, i)).toBeCloseTo(0, 12); // never saw its own document
      expect(own(setting.given, i)).toBeGreaterThan(Math.log(1.5)); // the model's LMs did
      // ... but saw the documents of the other folds: some other new document's word is known to it.
      expect(fresh.some((_, j) => handles[j] !== handles[i] && own(lms[i]!, j) > Math.log(1.5))).toBe(true);
    });
    // Replay documents keep the base's out-of-fold LMs; other text is scored by the model's.
    pool.forEach((d, i) => {
      if (replay.has(d.text)) expect(tables(setting.lmOf!(d).tables())).toEqual(tables(plan.byFold[plan.foldOf[i]!]!.tables()));
    });
    expect(setting.lmOf!({ text: 'dev text', label: 'human' }).tables()).toBe(setting.given);
  });
});

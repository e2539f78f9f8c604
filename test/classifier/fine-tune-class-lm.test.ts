import { describe, expect, it } from 'vitest';
import { planClassLm, type LabeledDocument } from '../../src/classifier/index.js';
import { fineTuneClassLm } from '../../src/classifier/fine-tune-class-lm.js';
import { classLmDocumentTokens, encodeClassLm, type ClassLm } from '../../src/features/index.js';

const pool: LabeledDocument[] = Array.from({ length: 40 }, (_, i) => ({
  id: `fdg-news-${String(i >> 1).padStart(4, '0')}-${i % 2 ? 's' : 'h'}`,
  text: `story number word${i} about the harbour ${i % 2 ? 'it is important to note' : 'we reckon'}`,
  label: i % 2 ? 'synthetic' : 'human',
}));
const side = (d: LabeledDocument) => (d.label === 'synthetic' ? 'machine' : 'human');
/** log p of the document's own unique word under `lm`, minus that of a word no LM saw: 0 when the LM never saw the document. */
const ownWordLift = (lm: ClassLm, i: number) => lm.logUnigram(side(pool[i]!), classLmDocumentTokens(`word${i}`)[0]!) - lm.logUnigram(side(pool[i]!), 0xfffffffe);

describe('fineTuneClassLm', () => {
  const plan = planClassLm({ folds: 4 }, pool);
  const base = { lm: plan.all, bytes: encodeClassLm(plan.all), card: plan.card };
  const replay = new Set(pool.filter((_, i) => i % 3 === 0).map((d) => d.text));

  it('scores each replay document by the base LMs built without its fold, when the pool rebuilds the base', () => {
    const { setting, replay: how } = fineTuneClassLm(base, pool, replay);
    expect(how.scoredBy).toBe('out-of-fold');
    if (!('given' in setting)) throw new Error('expected given LMs');
    expect(setting.given).toBe(base.lm);
    expect(setting.card.folds).toBe(0);
    pool.forEach((d, i) => {
      const lm = setting.lmOf!(d);
      if (!replay.has(d.text)) {
        expect(lm).toBe(base.lm);
        return;
      }
      expect(encodeClassLm(lm)).toEqual(encodeClassLm(plan.byFold[plan.foldOf[i]!]!));
      expect(ownWordLift(lm, i)).toBeCloseTo(0, 12);
      expect(ownWordLift(base.lm, i)).toBeGreaterThan(Math.log(1.5));
    });
    // A new document (in no LM) is scored by the base's LMs.
    expect(setting.lmOf!({ text: 'a text the base never saw', label: 'human' })).toBe(base.lm);
  });

  it('falls back to the base LMs, and says why, when the pool is not what the base was built from', () => {
    for (const other of [pool.slice(1), [...pool].reverse()]) {
      const { setting, replay: how } = fineTuneClassLm(base, other, replay);
      expect(how).toMatchObject({ scoredBy: 'in-sample', reason: expect.stringMatching(/does not rebuild/) });
      expect('given' in setting && setting.lmOf).toBeFalsy();
    }
    expect(fineTuneClassLm({ ...base, card: { ...base.card, folds: 0 } }, pool, replay).replay.reason).toMatch(/not built in folds/);
    expect(fineTuneClassLm({ ...base, card: { ...base.card, foldKey: 'a key given by the trainer' } }, pool, replay).replay.reason).toMatch(/cannot be run again/);
  });
});

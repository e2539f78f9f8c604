import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASS_LM_BIN, fineTuneDetector, loadDetector, planClassLm, readCard, readLabeledFile, shareModelClassLm, sourceDocumentKey, type LabeledDocument } from '../../src/classifier/index.js';
import { CLASS_LM_FEATURES, classLmDocumentTokens, extractFeatures, FEATURE_SPEC, logUnigram, type ClassLmTables } from '../../src/features/index.js';
import { copyDir, DEV_SMALL, removeDir, tempDir, TRAIN_SMALL, trainSmall } from './helpers.js';

describe('sourceDocumentKey', () => {
  it('names the source document of the shared corpora ids, and keeps other ids whole', () => {
    const key = (id: string) => sourceDocumentKey({ id, text: 'x', label: 'human' });
    expect(key('fdg-xsum-0002-h')).toBe('fdg-xsum-0002');
    expect(key('fdg-xsum-0002-imbd-rewrite-gpt-4o')).toBe('fdg-xsum-0002');
    expect(key('fdg-xsum-0002-orig#crop1')).toBe('fdg-xsum-0002');
    expect(key('l2r-Finance-000-gpt-4o')).toBe('l2r-Finance-000');
    expect(key('detectrl-xsum-h-0001')).toBe(key('detectrl-xsum-s-0001'));
    expect(key('my-own-id')).toBe('my-own-id');
  });
});

describe('planClassLm', () => {
  const docs: LabeledDocument[] = Array.from({ length: 40 }, (_, i) => ({
    id: `fdg-news-${String(i >> 1).padStart(4, '0')}-${i % 2 ? 's' : 'h'}`,
    text: `story number word${i} about the harbour ${i % 2 ? 'it is important to note' : 'we reckon'}`,
    label: i % 2 ? 'synthetic' : 'human',
  }));

  it('puts the texts of one source document in one fold, and scores each by LMs built without its fold', () => {
    const plan = planClassLm({ folds: 4 }, docs);
    for (let i = 0; i < docs.length; i += 2) expect(plan.foldOf[i]).toBe(plan.foldOf[i + 1]);
    expect(new Set(plan.foldOf).size).toBeGreaterThan(1);
    docs.forEach((d, i) => {
      const unique = classLmDocumentTokens(`word${i}`)[0]!;
      const side = d.label === 'synthetic' ? 'machine' : 'human';
      const unseen = plan.byFold[plan.foldOf[i]!]!;
      expect(plan.trainingLm(i)).toBe(unseen);
      // Unseen: add-one count 1; seen in the LM of all documents: count 2.
      expect(plan.all.logUnigram(side, unique)).toBeGreaterThan(Math.log(1.5) + unseenLog(plan.all, side));
      expect(logUnigram(unseen.tables(), side, unique)).toBeCloseTo(unseenLog(unseen.tables(), side), 12);
    });
    expect(plan.card).toMatchObject({ folds: 4, features: [...CLASS_LM_FEATURES], machine: { documents: 20 }, human: { documents: 20 } });
  });

  it('refuses fewer than 2 folds', () => {
    expect(() => planClassLm({ folds: 1 }, docs)).toThrow(/2 or more/);
  });
});

/** log p of a word the LM never saw (add-one count 1): a hash no test word has. */
function unseenLog(lm: ClassLmTables, side: 'machine' | 'human'): number {
  return logUnigram(lm, side, 0xfffffffe);
}

describe('trainDetector with class LMs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('classlm');
    await trainSmall(dir, { classLm: { folds: 3 } });
  }, 120_000);
  afterAll(() => removeDir(dir));

  it('saves class-lm.bin, records it in the card and widens the dense input by its features', async () => {
    const card = JSON.parse(await readFile(join(dir, 'card.json'), 'utf8'));
    expect(card.classLm).toMatchObject({ file: CLASS_LM_BIN, folds: 3, features: [...CLASS_LM_FEATURES] });
    expect(card.architecture.denseSize).toBe(FEATURE_SPEC.signature.length + CLASS_LM_FEATURES.length);
    expect((await readFile(join(dir, CLASS_LM_BIN))).length).toBeGreaterThan(1000);
    const detector = await loadDetector(dir, { backend: 'cpu' });
    const { documents } = await readLabeledFile(DEV_SMALL);
    const scores = await detector.scoreTexts(documents.slice(0, 20).map((d) => d.text));
    expect(scores.every((s) => s > 0 && s < 1)).toBe(true);
    detector.dispose();
  });

  it('gives, through features(), the vectors scoreTexts scores: class-LM features included', async () => {
    const detector = await loadDetector(dir, { backend: 'cpu', batchSize: 8 });
    const texts = (await readLabeledFile(DEV_SMALL)).documents.slice(0, 20).map((d) => d.text);
    const vectors = detector.features(texts);
    expect(vectors.every((v) => v.dense.length === FEATURE_SPEC.signature.length + CLASS_LM_FEATURES.length)).toBe(true);
    expect(vectors[0]!.dense).not.toBe(vectors[1]!.dense);
    expect(Array.from(await detector.scoreFeatures(vectors))).toEqual(Array.from(await detector.scoreTexts(texts)));
    // The signature alone is refused, not scored as something else.
    await expect(detector.scoreFeatures(texts.slice(0, 1).map((t) => extractFeatures(t)))).rejects.toThrow(/dense values/);
    detector.dispose();
  });

  it("scores the same through a parent's shared class LM, adopted only when it is this model's", async () => {
    const texts = (await readLabeledFile(DEV_SMALL)).documents.slice(0, 20).map((d) => d.text);
    const shared = await shareModelClassLm(dir);
    expect(shared?.key).toBe((await readCard(dir)).modelHash);
    const own = await loadDetector(dir, { backend: 'cpu' });
    const adopted = await loadDetector(dir, { backend: 'cpu', sharedClassLm: shared! });
    const foreign = await loadDetector(dir, { backend: 'cpu', sharedClassLm: { ...shared!, key: 'another model' } });
    expect([own.classLmShared, adopted.classLmShared, foreign.classLmShared]).toEqual([false, true, false]);
    const scores = Array.from(await own.scoreTexts(texts));
    expect(Array.from(await adopted.scoreTexts(texts))).toEqual(scores);
    expect(Array.from(await foreign.scoreTexts(texts))).toEqual(scores);
    for (const d of [own, adopted, foreign]) d.dispose();
    // A model without class LMs, or one that cannot be read, shares none (each thread reports its own error).
    expect(await shareModelClassLm(join(dir, 'no-such-model'))).toBeUndefined();
  });

  it('gives byte-identical files, the class LM included, for the same data and seed', async () => {
    const again = await tempDir('classlm-again');
    try {
      await trainSmall(again, { classLm: { folds: 3 } });
      for (const f of ['model.json', 'weights.bin', CLASS_LM_BIN]) expect(await readFile(join(again, f))).toEqual(await readFile(join(dir, f)));
    } finally {
      await removeDir(again);
    }
  }, 120_000);

  it('refuses to load a model whose class LM was changed or is missing', async () => {
    const changed = await copyDir(dir, 'classlm-changed');
    try {
      const bytes = await readFile(join(changed, CLASS_LM_BIN));
      bytes[bytes.length - 1] ^= 1;
      await writeFile(join(changed, CLASS_LM_BIN), bytes);
      await expect(loadDetector(changed, { backend: 'cpu' })).rejects.toMatchObject({ code: 'model-files-invalid' });
      await rm(join(changed, CLASS_LM_BIN));
      await expect(loadDetector(changed, { backend: 'cpu' })).rejects.toMatchObject({ code: 'model-files-invalid' });
    } finally {
      await removeDir(changed);
    }
  });

  it('keeps the base model\'s class LM when fine-tuned', async () => {
    const tuned = await tempDir('classlm-tuned');
    try {
      const { card } = await fineTuneDetector({ base: dir, data: [DEV_SMALL], replay: [TRAIN_SMALL], replayRatio: 1, learnClassLm: 0, out: tuned, epochs: 1, progressBar: false, createdAt: '2000-01-01T00:00:00.000Z' });
      expect(await readFile(join(tuned, CLASS_LM_BIN))).toEqual(await readFile(join(dir, CLASS_LM_BIN)));
      expect(card.classLm).toMatchObject({ folds: 0, features: [...CLASS_LM_FEATURES] });
      // The replay data is the base's training data: its documents are scored out of fold.
      expect(card.lineage?.classLm?.replay.scoredBy).toBe('out-of-fold');
      // The same documents in another order do not rebuild the base's LMs: scored in sample, and the card says so.
      const reversed = join(tuned, 'train-reversed.jsonl');
      await writeFile(reversed, (await readFile(TRAIN_SMALL, 'utf8')).trim().split('\n').reverse().join('\n') + '\n');
      const other = await fineTuneDetector({ base: dir, data: [DEV_SMALL], replay: [reversed], replayRatio: 1, out: `${tuned}-other`, epochs: 1, progressBar: false, createdAt: '2000-01-01T00:00:00.000Z' });
      await removeDir(`${tuned}-other`);
      expect(other.card.lineage?.classLm?.replay).toMatchObject({ scoredBy: 'in-sample', reason: expect.stringMatching(/does not rebuild/) });
      // By default the new documents enter the LMs, once each.
      expect(other.card.lineage?.classLm?.learnt).toMatchObject({ weight: 1, folds: 5 });
      const detector = await loadDetector(tuned, { backend: 'cpu' });
      expect((await detector.scoreTexts(['a short test text about the harbour at night.']))[0]).toBeGreaterThan(0);
      detector.dispose();
    } finally {
      await removeDir(tuned);
    }
  }, 120_000);
});

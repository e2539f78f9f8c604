import { describe, expect, it } from 'vitest';
import type { LabeledDocument, LabeledInput, ModelCard } from '../../src/classifier/index.js';
import { detectorSplits } from '../../bench/lib/detector-splits.js';
import { defaultData, extraHeldOut, inHoldout, inModernDev, inModernTrain } from '../../src/training/index.js';

/** An id in modern's dev part (FNV-1a mod 100 in [20, 30)). */
const devId = Array.from({ length: 1000 }, (_, i) => `id-${i}`).find((id) => inModernDev({ id, text: '', label: 'human' }))!;

const cardWith = (files: Array<{ path: string; role: 'train' | 'dev' }>) =>
  ({ training: { files: files.map((f) => ({ ...f, sha256: 'x', documents: 1 })) } }) as unknown as ModelCard;
const entry = (role: 'train' | 'dev') => (i: LabeledInput) => ({ path: i.selection ? `${i.path} (${i.selection})` : i.path, role });
const described = (dir: string) => [...defaultData(dir).train().map(entry('train')), ...defaultData(dir).dev().map(entry('dev'))];

describe('detector benchmark splits', () => {
  it('accepts a card trained by the recipe on another machine', () => {
    const card = cardWith(described('/elsewhere/data'));
    expect(detectorSplits('/data', card).cardMismatches).toEqual([]);
  });

  it('reports training files the recipe does not reproduce instead of guessing', () => {
    const card = cardWith([
      { path: '/d/detect-corpus/train.jsonl (all)', role: 'train' },
      { path: '/d/extra/corpus.jsonl', role: 'train' },
      { path: '/d/detect-corpus/dev.jsonl', role: 'dev' },
    ]);
    const problems = detectorSplits('/data', card).cardMismatches.join('\n');
    expect(problems).toMatch(/train data includes \/d\/extra\/corpus\.jsonl/);
    expect(problems).toMatch(/train data lacks \/data\/modern\/corpus\.jsonl/);
    expect(problems).toMatch(/dev data lacks \/data\/modern\/corpus\.jsonl \(FNV-1a\(id\) % 100 in \[20, 30\)\)/);
  });

  it('leaves the held-out source out of every training input and of dev', () => {
    const s = detectorSplits('/data', cardWith(described('/d')));
    const doc = (source: string): LabeledDocument => ({ id: 'z', text: 'Some Text', label: 'human', source });
    const without = { sources: ['pubmedqa'] };
    for (const input of s.train(without)) expect(input.keep!(doc('pubmedqa'))).toBe(false);
    expect(s.train(without)[0]!.keep!(doc('xsum-bbc-news'))).toBe(true);
    for (const input of s.dev(without)) expect(input.keep!(doc('pubmedqa'))).toBe(false);
    expect(s.dev(without)[1]!.keep!({ ...doc('xsum-bbc-news'), id: devId })).toBe(true);
  });

  it("leaves a generator family's machine text out of training and dev, and keeps all human text", () => {
    const s = detectorSplits('/data', cardWith(described('/d')));
    const doc = (label: 'human' | 'synthetic', generator?: string): LabeledDocument => ({ id: devId, text: 'Some Text', label, source: 'xsum-bbc-news', generator });
    const without = { family: 'llama' } as const;
    for (const inputs of [s.train(without), s.dev(without)]) {
      for (const input of inputs) {
        expect(input.keep!(doc('synthetic', 'llama-3-70b-instruct'))).toBe(false);
        expect(input.keep!(doc('synthetic', 'llama-2-70b-chat'))).toBe(false);
        expect(input.selection).toMatch(/generator family != llama/);
      }
    }
    // modern's dev part (input 1) keeps the human text and other families
    expect(s.dev(without)[1]!.keep!(doc('human'))).toBe(true);
    expect(s.dev(without)[1]!.keep!(doc('synthetic', 'gpt-4o'))).toBe(true);
  });

  it('trains on modern2024 (train and train-more), chooses on its dev and reports its test', () => {
    const d = defaultData('/data');
    const paths = (inputs: LabeledInput[]) => inputs.map((i) => i.path);
    expect(paths(d.train())).toEqual(expect.arrayContaining(['/data/modern2024/train.jsonl', '/data/modern2024/train-more.jsonl']));
    expect(paths(d.dev())).toContain('/data/modern2024/dev.jsonl');
    expect(d.report()['modern2024-test']!.path).toBe('/data/modern2024/test.jsonl');
    for (const inputs of [d.train(), d.dev()]) expect(paths(inputs)).not.toContain('/data/modern2024/test.jsonl');
  });

  it('cuts modern into a hold-out, a dev part and a training part that never overlap', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `doc-${i}`);
    const docs = ids.map((id): LabeledDocument => ({ id, text: '', label: 'human' }));
    const parts = docs.map((d) => [inHoldout(d), inModernDev(d), inModernTrain(d)].filter(Boolean).length);
    expect(parts.every((n) => n === 1)).toBe(true);
    const devShare = docs.filter(inModernDev).length / docs.length;
    expect(devShare).toBeGreaterThan(0.08);
    expect(devShare).toBeLessThan(0.12);
  });

  it('holds out about a fifth of the modern corpus', () => {
    const s = detectorSplits('/data', cardWith([]));
    const ids = Array.from({ length: 2000 }, (_, i) => `doc-${i}`);
    const share = ids.filter((id) => s.inModernHoldout({ id, text: '', label: 'human' })).length / ids.length;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
  });
});

describe('the usable part of extra/', () => {
  const doc = (source: string, label: 'human' | 'synthetic', text: string): LabeledDocument => ({ id: 'x', text, label, source });

  it('keeps SeqXGPT unless its human text is lower-cased, and drops MixSet and Binoculars', () => {
    expect(extraHeldOut(doc('seqxgpt-doclevel', 'human', 'The Cat sat.'))).toBe(true);
    expect(extraHeldOut(doc('seqxgpt-doclevel', 'synthetic', 'the cat sat.'))).toBe(true);
    expect(extraHeldOut(doc('seqxgpt-doclevel', 'human', 'in this paper we consider ( kerr ) .'))).toBe(false);
    expect(extraHeldOut(doc('mixset-blog', 'human', 'A Blog.'))).toBe(false);
    expect(extraHeldOut(doc('binoculars-pubmed', 'synthetic', 'A Paper.'))).toBe(false);
  });
});

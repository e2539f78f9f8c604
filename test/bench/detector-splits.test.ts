import { describe, expect, it } from 'vitest';
import type { LabeledDocument, ModelCard } from '../../src/classifier/index.js';
import { detectorSplits } from '../../bench/lib/detector-splits.js';
import { defaultData, extraHeldOut } from '../../scripts/default-recipe.js';

const cardWith = (files: Array<{ path: string; role: 'train' | 'dev' }>) =>
  ({ training: { files: files.map((f) => ({ ...f, sha256: 'x', documents: 1 })) } }) as unknown as ModelCard;
const described = (dir: string) =>
  defaultData(dir).train().map((i) => ({ path: i.selection ? `${i.path} (${i.selection})` : i.path, role: 'train' as const }));

describe('detector benchmark splits', () => {
  it('accepts a card trained by the recipe on another machine', () => {
    const card = cardWith([...described('/elsewhere/data'), { path: '/elsewhere/data/detect-corpus/dev.jsonl', role: 'dev' }]);
    expect(detectorSplits('/data', card).cardMismatches).toEqual([]);
  });

  it('reports training files the recipe does not reproduce instead of guessing', () => {
    const card = cardWith([
      { path: '/d/detect-corpus/train.jsonl (all)', role: 'train' },
      { path: '/d/extra/corpus.jsonl', role: 'train' },
      { path: '/d/detect-corpus/dev.jsonl', role: 'dev' },
    ]);
    const problems = detectorSplits('/data', card).cardMismatches.join('\n');
    expect(problems).toMatch(/also trained on \/d\/extra\/corpus\.jsonl/);
    expect(problems).toMatch(/did not train on \/data\/modern\/corpus\.jsonl/);
  });

  it('leaves the held-out source out of every training input and of dev', () => {
    const card = cardWith([...described('/d'), { path: '/d/detect-corpus/dev.jsonl', role: 'dev' }]);
    const s = detectorSplits('/data', card);
    const doc = (source: string): LabeledDocument => ({ id: 'z', text: 'Some Text', label: 'human', source });
    for (const input of s.train('pubmedqa')) expect(input.keep!(doc('pubmedqa'))).toBe(false);
    expect(s.train('pubmedqa')[0]!.keep!(doc('xsum-bbc-news'))).toBe(true);
    expect(s.dev('pubmedqa').keep!(doc('pubmedqa'))).toBe(false);
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

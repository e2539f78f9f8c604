import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../src/classifier/index.js';
import { detectorSplits, trainingInputs } from '../../bench/lib/detector-splits.js';

const cardWith = (files: Array<{ path: string; role: 'train' | 'dev' }>) =>
  ({ training: { files: files.map((f) => ({ ...f, sha256: 'x', documents: 1 })) } }) as unknown as ModelCard;

describe('detector benchmark splits', () => {
  it('reads the modern hold-out share from the card of the model it measures', () => {
    const card = cardWith([
      { path: '/elsewhere/data/detect-corpus/train.jsonl', role: 'train' },
      { path: '/elsewhere/data/modern/corpus.jsonl (FNV-1a(id) % 100 >= 30)', role: 'train' },
      { path: '/elsewhere/data/detect-corpus/dev.jsonl', role: 'dev' },
    ]);
    const s = detectorSplits('/data', card);
    expect(s.modernHoldoutPercent).toBe(30);
    expect(s.cardMismatches).toEqual([]);
    const ids = Array.from({ length: 2000 }, (_, i) => `doc-${i}`);
    const share = ids.filter((id) => s.inModernHoldout({ id, text: '', label: 'human' })).length / ids.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });

  it('reports training files it does not reproduce instead of guessing', () => {
    const card = cardWith([
      { path: '/d/detect-corpus/train.jsonl', role: 'train' },
      { path: '/d/extra/corpus.jsonl', role: 'train' },
      { path: '/d/detect-corpus/dev.jsonl', role: 'dev' },
    ]);
    const problems = detectorSplits('/data', card).cardMismatches.join('\n');
    expect(problems).toMatch(/extra\/corpus\.jsonl/);
    expect(problems).toMatch(/no modern training part/);
  });

  it('leaves the held-out source out of every training input', () => {
    const card = cardWith([
      { path: '/d/detect-corpus/train.jsonl', role: 'train' },
      { path: '/d/modern/corpus.jsonl (FNV-1a(id) % 100 >= 20)', role: 'train' },
      { path: '/d/detect-corpus/dev.jsonl', role: 'dev' },
    ]);
    const inputs = trainingInputs(detectorSplits('/data', card), 'pubmedqa');
    for (const input of inputs) expect(input.keep!({ id: 'z', text: 't', label: 'human', source: 'pubmedqa' })).toBe(false);
    expect(inputs[0]!.keep!({ id: 'z', text: 't', label: 'human', source: 'xsum-bbc-news' })).toBe(true);
  });
});

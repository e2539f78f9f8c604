import { describe, expect, it } from 'vitest';
import { keepEarlierHeldOut, type HeldOutResult } from '../../bench/lib/detector-table.js';

const result = (name: string, auroc: number): HeldOutResult => ({
  name,
  parts: { 'modern2024/test': { ours: { n: 10, nSynthetic: 5, auroc, tprAt1PctFpr: 0, tprAt5PctFpr: 0 }, fasttext: { n: 10, nSynthetic: 5, auroc: 0.5, tprAt1PctFpr: 0, tprAt5PctFpr: 0 } } },
  trainDocuments: 100,
  epochsRun: 6,
  bestEpoch: 5,
});
const from = { createdAt: '2026-12-07T01:27:55.192Z', settings: 'at most 6 epochs' };

describe('keepEarlierHeldOut', () => {
  it("keeps the earlier run's results for names not re-run, marked, in the given order", () => {
    const merged = keepEarlierHeldOut([result('news', 0.9)], [result('stories', 0.8), result('news', 0.7)], ['news', 'stories', 'medical'], from);
    expect(merged.map((r) => [r.name, r.parts['modern2024/test']!.ours.auroc, r.keptFrom?.createdAt ?? null])).toEqual([
      ['news', 0.9, null],
      ['stories', 0.8, from.createdAt],
    ]);
  });

  it('keeps the mark of a result already kept from an older run', () => {
    const older = { ...result('claude', 0.76), keptFrom: { createdAt: '2026-12-06T00:00:00.000Z', settings: 'x' } };
    expect(keepEarlierHeldOut([], [older], ['claude'], from)[0]!.keptFrom!.createdAt).toBe('2026-12-06T00:00:00.000Z');
  });
});

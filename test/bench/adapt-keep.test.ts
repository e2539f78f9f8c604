import { describe, expect, it } from 'vitest';
import { keepEarlierSources, type AdaptResultFile } from '../../bench/lib/adapt-keep.js';
import type { AdaptRun, SourceBaseline } from '../../bench/lib/adapt-summary.js';

const fig = (auroc: number) => ({ n: 100, auroc, tprAt1PctFpr: auroc / 2 });
const baseline = (source: string, auroc: number): SourceBaseline => ({ source, pool: { human: 200, synthetic: 600 }, held: fig(auroc), others: fig(0.9) });
const run = (source: string, k: number, held: number): AdaptRun =>
  ({ source, strategy: 'random', k, seed: 1, replayRatio: 4, learnClassLm: 1, epochs: 4, learningRate: 0.001, held: fig(held), others: fig(0.9), rest: { base: fig(0.5), tuned: fig(0.5) }, seconds: 20, cpuSeconds: 25 });
const settings = { poolMix: 'pool', epochs: 4, learningRate: 0.001, trainNgrams: false, baseTraining: { seed: 1, epochs: 12 }, defaultReplayRatio: 4, defaultLearnClassLm: 1 };
const file = (createdAt: string, baselines: SourceBaseline[], runs: AdaptRun[], extra: Record<string, unknown> = {}): AdaptResultFile =>
  ({ createdAt, seconds: 60, model: { hash: 'abc' }, settings: { ...settings, strategies: ['random'], ks: [0, 200], ...extra }, baselines, runs });
const own = { sources: ['a'], modelHash: 'abc', settings };

describe('keepEarlierSources', () => {
  it("keeps the sources this run did not hold out, with every file's runs of each, its baseline and date from the first file that has it", () => {
    const k0 = file('2026-12-07T22:00:00.000Z', [baseline('a', 0.5), baseline('b', 0.7), baseline('c', 0.9)], []);
    const tuned = file('2026-12-07T23:00:00.000Z', [baseline('b', 0.7)], [run('b', 200, 0.8), run('a', 200, 0.6)]);
    const kept = keepEarlierSources(own, [{ file: 'k0.json', result: k0 }, { file: 'tuned.json', result: tuned }]);
    expect(kept.baselines.map((b) => [b.source, b.keptFrom])).toEqual([['b', '2026-12-07T22:00:00.000Z'], ['c', '2026-12-07T22:00:00.000Z']]);
    expect(kept.runs.map((r) => [r.source, r.held.auroc])).toEqual([['b', 0.8]]);
    expect(kept.from).toEqual([
      { file: 'k0.json', createdAt: '2026-12-07T22:00:00.000Z', seconds: 60, sources: ['b', 'c'] },
      { file: 'tuned.json', createdAt: '2026-12-07T23:00:00.000Z', seconds: 60, sources: ['b'] },
    ]);
  });

  it('joins the seeds of a source run as separate parts, a run found twice taken once', () => {
    const seed = (s: number, held: number) => ({ ...run('b', 200, held), seed: s });
    const one = file('2026-12-07T22:00:00.000Z', [baseline('b', 0.7)], [seed(1, 0.8)]);
    const twoThree = file('2026-12-08T10:00:00.000Z', [baseline('b', 0.7)], [seed(2, 0.82), seed(3, 0.84), seed(1, 0.8)]);
    const kept = keepEarlierSources(own, [{ file: 'one.json', result: one }, { file: 'two-three.json', result: twoThree }]);
    expect(kept.runs.map((r) => [r.seed, r.held.auroc])).toEqual([[1, 0.8], [2, 0.82], [3, 0.84]]);
    expect(kept.baselines.map((b) => b.keptFrom)).toEqual(['2026-12-07T22:00:00.000Z']);
  });

  it("refuses a source whose k = 0 differs between files: its runs would stand on different bases", () => {
    const one = file('2026-12-07T22:00:00.000Z', [baseline('b', 0.7)], []);
    const other = file('2026-12-08T10:00:00.000Z', [baseline('b', 0.71)], []);
    expect(() => keepEarlierSources(own, [{ file: 'one.json', result: one }, { file: 'other.json', result: other }])).toThrow(/b has another k = 0 in other\.json \(held-out AUROC 0\.71\) than in one\.json \(0\.7\)/);
  });

  it('keeps the date of a baseline already kept from an older run', () => {
    const older = file('2026-12-08T00:00:00.000Z', [{ ...baseline('b', 0.7), keptFrom: '2026-12-01T00:00:00.000Z' }], []);
    expect(keepEarlierSources(own, [{ file: 'x.json', result: older }]).baselines[0]!.keptFrom).toBe('2026-12-01T00:00:00.000Z');
  });

  it("credits a gathered file's sources to the parts it kept them from, so that regathering keeps every part's date and time", () => {
    const seed = (s: number, source: string) => ({ ...run(source, 200, 0.8), seed: s });
    const parts = [
      { file: 'parts/b.json', createdAt: '2026-12-07T10:00:00.000Z', seconds: 3000, sources: ['b'] },
      { file: 'parts/c.json', createdAt: '2026-12-07T11:00:00.000Z', seconds: 2000, sources: ['c'] },
    ];
    const gathered = { ...file('2026-12-07T12:00:00.000Z', [baseline('b', 0.7), baseline('c', 0.9)], [seed(1, 'b'), seed(1, 'c')]), seconds: 5, kept: parts };
    const more = file('2026-12-08T01:00:00.000Z', [baseline('c', 0.9)], [seed(2, 'c')]);
    const kept = keepEarlierSources(own, [{ file: 'adapt.json', result: gathered }, { file: 'parts/c-seed2.json', result: more }]);
    expect(kept.from).toEqual([...parts, { file: 'parts/c-seed2.json', createdAt: '2026-12-08T01:00:00.000Z', seconds: 60, sources: ['c'] }]);
    expect(kept.runs.map((r) => [r.source, r.seed])).toEqual([['b', 1], ['c', 1], ['c', 2]]);
  });

  it('refuses a file of another model or other settings, naming what differs', () => {
    const other = { ...file('2026-12-07T22:00:00.000Z', [baseline('b', 0.7)], []), model: { hash: 'def' } };
    expect(() => keepEarlierSources(own, [{ file: 'other.json', result: other }])).toThrow(/other\.json is of model def/);
    const lr = file('2026-12-07T22:00:00.000Z', [baseline('b', 0.7)], [], { learningRate: 0.01 });
    expect(() => keepEarlierSources(own, [{ file: 'lr.json', result: lr }])).toThrow(/lr\.json has learningRate 0\.01, this run 0\.001/);
  });
});

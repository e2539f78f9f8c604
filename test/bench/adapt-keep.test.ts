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
  it("keeps the sources this run did not hold out, each whole from the file with most of its runs, marked with that run's date", () => {
    const k0 = file('2026-12-07T22:00:00.000Z', [baseline('a', 0.5), baseline('b', 0.7), baseline('c', 0.9)], []);
    const tuned = file('2026-12-07T23:00:00.000Z', [baseline('b', 0.7)], [run('b', 200, 0.8), run('a', 200, 0.6)]);
    const kept = keepEarlierSources(own, [{ file: 'k0.json', result: k0 }, { file: 'tuned.json', result: tuned }]);
    expect(kept.baselines.map((b) => [b.source, b.keptFrom])).toEqual([['b', '2026-12-07T23:00:00.000Z'], ['c', '2026-12-07T22:00:00.000Z']]);
    expect(kept.runs.map((r) => [r.source, r.held.auroc])).toEqual([['b', 0.8]]);
    expect(kept.from).toEqual([{ file: 'tuned.json', createdAt: '2026-12-07T23:00:00.000Z', seconds: 60, sources: ['b'] }, { file: 'k0.json', createdAt: '2026-12-07T22:00:00.000Z', seconds: 60, sources: ['c'] }]);
  });

  it('keeps the date of a baseline already kept from an older run', () => {
    const older = file('2026-12-08T00:00:00.000Z', [{ ...baseline('b', 0.7), keptFrom: '2026-12-01T00:00:00.000Z' }], []);
    expect(keepEarlierSources(own, [{ file: 'x.json', result: older }]).baselines[0]!.keptFrom).toBe('2026-12-01T00:00:00.000Z');
  });

  it('refuses a file of another model or other settings, naming what differs', () => {
    const other = { ...file('2026-12-07T22:00:00.000Z', [baseline('b', 0.7)], []), model: { hash: 'def' } };
    expect(() => keepEarlierSources(own, [{ file: 'other.json', result: other }])).toThrow(/other\.json is of model def/);
    const lr = file('2026-12-07T22:00:00.000Z', [baseline('b', 0.7)], [], { learningRate: 0.01 });
    expect(() => keepEarlierSources(own, [{ file: 'lr.json', result: lr }])).toThrow(/lr\.json has learningRate 0\.01, this run 0\.001/);
  });
});

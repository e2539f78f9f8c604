import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTargets, curves, describeSeeds, formatAdaptTable, renderAdaptPage, type AdaptRun, type SourceBaseline } from '../../bench/lib/adapt-summary.js';
import { renderInChromium } from '../report/chromium.js';

const fig = (auroc: number) => ({ n: 100, auroc, tprAt1PctFpr: auroc / 2 });
const baselines: SourceBaseline[] = [
  { source: 'a', pool: { human: 300, synthetic: 300 }, held: fig(0.7), others: fig(0.9) },
  { source: 'b', pool: { human: 300, synthetic: 300 }, held: fig(0.8), others: fig(0.8) },
  { source: 'c', pool: { human: 300, synthetic: 300 }, held: fig(0.95), others: fig(0.85) },
];
const run = (source: string, strategy: string, k: number, seed: number, held: number, others: number, seconds = 5): AdaptRun =>
  ({ source, strategy, k, seed, replayRatio: 4, learnClassLm: 0, epochs: 4, learningRate: 0.001, held: fig(held), others: fig(others), rest: { base: fig(0.5), tuned: fig(0.5) }, seconds, cpuSeconds: seconds / 2 });
const runs: AdaptRun[] = [
  // Source a gains 0.2 at k = 200 with either strategy (two seeds for random), b 0.04; c loses 0.02 of its own AUROC.
  run('a', 'random', 200, 1, 0.88, 0.89), run('a', 'random', 200, 2, 0.92, 0.89), run('a', 'uncertainty', 200, 1, 0.9, 0.9),
  run('b', 'random', 200, 1, 0.84, 0.78), run('b', 'uncertainty', 200, 1, 0.84, 0.8),
  run('c', 'random', 200, 1, 0.93, 0.85), run('c', 'uncertainty', 200, 1, 0.95, 0.85),
  run('a', 'random', 100, 1, 0.8, 0.9), run('a', 'uncertainty', 100, 1, 0.82, 0.9),
  run('a', 'random', 400, 1, 0.95, 0.9, 150),
];

describe('the adaptation benchmark\'s figures', () => {
  it('averages seeds within a source, then sources, each source counting once', () => {
    const { overall, perSource } = curves(baselines, runs, ['random', 'uncertainty'], [0, 200]);
    const a = perSource.find((s) => s.source === 'a')!.points.find((p) => p.strategy === 'random' && p.k === 200)!;
    expect(a.heldAuroc!.mean).toBeCloseTo(0.9, 12);
    expect(a.heldAuroc!.n).toBe(2);
    const random200 = overall.find((p) => p.strategy === 'random' && p.k === 200)!;
    expect(random200.heldAuroc!.mean).toBeCloseTo((0.9 + 0.84 + 0.93) / 3, 12);
    expect(random200.heldGain!.mean).toBeCloseTo((0.2 + 0.04 - 0.02) / 3, 12);
    expect(random200.othersChange!.mean).toBeCloseTo((-0.01 - 0.02 + 0) / 3, 12);
    expect(overall.find((p) => p.strategy === 'random' && p.k === 0)!.heldAuroc!.mean).toBeCloseTo((0.7 + 0.8 + 0.95) / 3, 12);
  });

  it('checks the issue\'s targets against them', () => {
    const t = checkTargets(baselines, runs, ['random', 'uncertainty']);
    // Sources below 0.85 at k = 0: a and b. Random: gains 0.2 and 0.04 (mean 0.12), 0.90 reached by a only: 1 of 2.
    const random = t.atK200.byStrategy.find((s) => s.strategy === 'random')!;
    expect(random.sourcesBelow085.map((s) => s.source)).toEqual(['a', 'b']);
    expect(random.meanGain).toBeCloseTo(0.12, 12);
    expect(random.reached090).toBe('1 of 2');
    expect(random.met).toBe(true);
    // c lost 0.02 of its own AUROC under random at k = 200; b's others lost 0.02.
    expect(t.noHarm.worstHeld).toMatchObject({ source: 'c', strategy: 'random', k: 200 });
    expect(t.noHarm.worstHeld!.heldChange).toBeCloseTo(-0.02, 12);
    expect(t.noHarm.met).toBe(false);
    expect(t.uncertaintyBeatsRandom).toMatchObject({ uncertainty: 0.82, random: 0.8, met: true });
    expect(t.fineTune400).toMatchObject({ runs: 1, slowestSeconds: 150, met: false });
  });

  it('draws the curve over the fine-tuned sources only, and leaves the target unmet-or-met undecided while a weak source lacks its fine-tunes', () => {
    // d is below 0.85 at k = 0 but was measured at k = 0 only.
    const withK0Only = [...baselines, { source: 'd', pool: { human: 300, synthetic: 300 }, held: fig(0.6), others: fig(0.9) }];
    const { overall, perSource } = curves(withK0Only, runs, ['random'], [0, 200]);
    expect(overall.find((p) => p.k === 0)!.heldAuroc!.mean).toBeCloseTo((0.7 + 0.8 + 0.95) / 3, 12);
    expect(overall.find((p) => p.k === 0)!.sources).toBe(3);
    expect(perSource.find((s) => s.source === 'd')!.points.map((p) => p.k)).toEqual([0]);
    const random = checkTargets(withK0Only, runs, ['random']).atK200.byStrategy[0]!;
    expect(random.notRun).toEqual(['d']);
    expect(random.met).toBeNull();
    // With no fine-tune at all (a k = 0 run), the curve is over every source.
    expect(curves(withK0Only, [], ['random'], [0]).overall[0]!.sources).toBe(4);
  });

  it('names the seeds, by source where sources differ', () => {
    expect(describeSeeds(runs, [1, 2, 3])).toBe('seeds 1, 2 (a); seed 1 (b, c)');
    expect(describeSeeds(runs.filter((r) => r.source !== 'a'), [1, 2, 3])).toBe('seed 1');
    expect(describeSeeds([], [1, 2, 3])).toBe('seeds 1, 2, 3');
  });

  it('compares the strategies at k = 100 source by source, each source counting once whatever its seeds', () => {
    const at100 = [
      run('a', 'uncertainty', 100, 1, 0.8, 0.9), run('a', 'uncertainty', 100, 2, 0.9, 0.9), run('a', 'random', 100, 1, 0.7, 0.9),
      run('b', 'uncertainty', 100, 1, 0.6, 0.9), run('b', 'random', 100, 1, 0.7, 0.9), run('b', 'random', 100, 2, 0.7, 0.9), run('b', 'random', 100, 3, 0.7, 0.9),
      run('c', 'random', 100, 1, 0.99, 0.9), // no uncertainty run: left out of both means
    ];
    const t = checkTargets(baselines, at100, ['random', 'uncertainty']).uncertaintyBeatsRandom;
    expect(t.sources).toBe(2);
    expect(t.uncertainty).toBeCloseTo((0.85 + 0.6) / 2, 12);
    expect(t.random).toBeCloseTo(0.7, 12);
    expect(t.met).toBe(true);
  });

  it("sets the gains beside the default model's, trained with all of each source, where it was measured", () => {
    const withReference = baselines.map((b) => (b.source === 'a' ? { ...b, reference: fig(0.75) } : b.source === 'b' ? { ...b, reference: fig(0.86) } : b));
    const random = checkTargets(withReference, runs, ['random']).atK200.byStrategy[0]!;
    expect(random.sourcesBelow085.map((s) => s.reference)).toEqual([0.75, 0.86]);
    expect(random.referenceGain).toBeCloseTo((0.05 + 0.06) / 2, 12);
    expect(checkTargets(baselines, runs, ['random']).atK200.byStrategy[0]!.referenceGain).toBeNull();
    const table = formatAdaptTable(curves(withReference, runs, ['random'], [0, 200]), [0, 200], ['random'], withReference).split('\n');
    expect(table.find((l) => l.startsWith('a ') && l.includes('random'))!.trim().split(/\s+/)).toEqual(['a', 'random', '0.700', '0.900', '0.750']);
    expect(table.find((l) => l.startsWith('c ') && l.includes('random'))!.trim().split(/\s+/)).toEqual(['c', 'random', '0.950', '0.930', 'n/a']);
  });

  it('draws the learning curves in a page that needs nothing from the network', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crawlsift-adapt-page-'));
    const file = join(dir, 'adapt.html');
    writeFileSync(file, renderAdaptPage(curves(baselines, runs, ['random', 'uncertainty'], [0, 100, 200, 400]), [0, 100, 200, 400], ['random', 'uncertainty'], 'a note'));
    const page = await renderInChromium(file, dir);
    expect(page.consoleErrors).toEqual([]);
    // The two overall charts and one per source.
    expect(page.chartsDrawn).toBe(2 + baselines.length);
    for (const canvas of page.canvases) expect(canvas.paintedPixels).toBeGreaterThan(0);
  }, 60_000);
});

/**
 * The adaptation benchmark's figures: means and spread over seeds and sources, the targets
 * checked against them, a text table, and the learning-curve page.
 */
import { renderPage } from '../../src/report/page.js';
import { chartCanvas, COLORS, type ChartSpec } from '../../src/report/charts.js';
import { htmlTable, paragraph, section } from '../../src/report/html.js';
import type { RankFigures } from './adapt-run.js';

export interface AdaptRun {
  source: string;
  strategy: string;
  seed: number;
  k: number;
  replayRatio: number;
  /** Times the fine-tune counted each new document in the class LMs, 0 for none (FineTuneOptions.learnClassLm). */
  learnClassLm: number;
  epochs: number;
  learningRate: number;
  /** On the rest of the held-out source (its report-only documents). */
  held: RankFigures;
  /** On the source's pool documents not drawn (nor of a drawn document's source document), before and after: a dev figure. */
  rest: { base: RankFigures; tuned: RankFigures };
  /** On the other sources' report-only documents: the mean of each source's figure (pooled and per source in the JSON). */
  others: RankFigures;
  seconds: number;
  cpuSeconds: number;
}

export interface SourceBaseline {
  source: string;
  pool: { human: number; synthetic: number };
  /** k = 0: the held-out base itself. */
  held: RankFigures;
  others: RankFigures;
  /**
   * The default model on the same held-out documents: trained with all of the source's pool
   * documents (thousands, not k), a reference for how far labels of the source can take this model.
   */
  reference?: RankFigures;
  /** Set when the baseline (and its source's runs) came from an earlier results file (ADAPT_KEEP): that run's date. */
  keptFrom?: string;
}

export interface Spread {
  n: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = values.length > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { n: values.length, mean, sd, min: Math.min(...values), max: Math.max(...values) };
}

/** One point of a learning curve: a strategy at k, over seeds (and sources, for the overall curve). */
export interface CurvePoint {
  strategy: string;
  k: number;
  /** AUROC on the held-out source, its change from k = 0, and TPR at 1% FPR. */
  heldAuroc: Spread | null;
  heldGain: Spread | null;
  heldTpr: Spread | null;
  /** AUROC on the other sources and its change from k = 0 (negative: forgotten). */
  othersAuroc: Spread | null;
  othersChange: Spread | null;
}

const num = (x: number | null | undefined) => (typeof x === 'number' ? x : null);
const defined = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null);

/** Per source and overall (mean over sources of each source's mean over seeds), for every strategy and k. */
export function curves(baselines: readonly SourceBaseline[], runs: readonly AdaptRun[], strategies: readonly string[], ks: readonly number[]) {
  const base = new Map(baselines.map((b) => [b.source, b]));
  // One source's point: k = 0 is its baseline (measured whether or not it was fine-tuned).
  const point = (strategy: string, k: number, source: string, rows: readonly AdaptRun[]): CurvePoint => {
    if (k === 0) {
      const bs = [base.get(source)!];
      return {
        strategy, k,
        heldAuroc: spread(defined(bs.map((b) => num(b.held.auroc)))), heldGain: spread(bs.map(() => 0)), heldTpr: spread(defined(bs.map((b) => num(b.held.tprAt1PctFpr)))),
        othersAuroc: spread(defined(bs.map((b) => num(b.others.auroc)))), othersChange: spread(bs.map(() => 0)),
      };
    }
    const at = rows.filter((r) => r.strategy === strategy && r.k === k);
    const gain = (r: AdaptRun) => (r.held.auroc === null || base.get(r.source)?.held.auroc == null ? null : r.held.auroc - base.get(r.source)!.held.auroc!);
    const change = (r: AdaptRun) => (r.others.auroc === null || base.get(r.source)?.others.auroc == null ? null : r.others.auroc - base.get(r.source)!.others.auroc!);
    return {
      strategy, k,
      heldAuroc: spread(defined(at.map((r) => r.held.auroc))), heldGain: spread(defined(at.map(gain))), heldTpr: spread(defined(at.map((r) => r.held.tprAt1PctFpr))),
      othersAuroc: spread(defined(at.map((r) => r.others.auroc))), othersChange: spread(defined(at.map(change))),
    };
  };
  const perSource = baselines.map((b) => ({
    source: b.source,
    points: strategies.flatMap((s) => ks.map((k) => point(s, k, b.source, runs.filter((r) => r.source === b.source)))).filter((p) => p.k === 0 || p.heldAuroc !== null),
  }));
  // Overall: each source counts once (its mean over seeds), so a source with more seeds does not weigh more.
  // When some sources were fine-tuned and others measured at k = 0 only, the curve is over the fine-tuned ones,
  // so that every point of it is over the same sources.
  const tuned = new Set(runs.map((r) => r.source));
  const curveSources = perSource.filter((s) => tuned.size === 0 || tuned.has(s.source));
  const overall = strategies.flatMap((strategy) =>
    ks.map((k) => {
      const means = curveSources.map((s) => s.points.find((p) => p.strategy === strategy && p.k === k)).filter((p): p is CurvePoint => p !== undefined && p.heldAuroc !== null);
      const of = (f: (p: CurvePoint) => Spread | null) => spread(defined(means.map((p) => f(p)?.mean ?? null)));
      return { strategy, k, sources: means.length, heldAuroc: of((p) => p.heldAuroc), heldGain: of((p) => p.heldGain), heldTpr: of((p) => p.heldTpr), othersAuroc: of((p) => p.othersAuroc), othersChange: of((p) => p.othersChange) };
    }),
  );
  return { perSource, overall };
}

/** The targets, each with the figures behind it and whether they are met (null: not measured). */
export function checkTargets(baselines: readonly SourceBaseline[], runs: readonly AdaptRun[], strategies: readonly string[]) {
  const base = new Map(baselines.map((b) => [b.source, b]));
  const meanOf = (rows: AdaptRun[], f: (r: AdaptRun) => number | null) => spread(defined(rows.map(f)))?.mean ?? null;
  const weak = baselines.filter((b) => b.held.auroc !== null && b.held.auroc < 0.85).map((b) => b.source);
  const at200 = strategies.map((strategy) => {
    const bySource = weak.map((source) => {
      const rows = runs.filter((r) => r.source === source && r.strategy === strategy && r.k === 200);
      const auroc = meanOf(rows, (r) => r.held.auroc);
      const reference = base.get(source)!.reference?.auroc ?? null;
      return { source, k0: base.get(source)!.held.auroc, k200: auroc, gain: auroc === null ? null : auroc - base.get(source)!.held.auroc!, reference };
    }).filter((s) => s.k200 !== null);
    const gains = defined(bySource.map((s) => s.gain));
    const meanGain = spread(gains)?.mean ?? null;
    const reach90 = bySource.filter((s) => (s.k200 ?? 0) >= 0.9).length;
    // Sources below 0.85 with no fine-tune at k = 200 in this result: the target is not measured on them.
    const notRun = weak.filter((source) => !bySource.some((s) => s.source === source));
    // The mean gain the default model (trained with each whole source) would show over k = 0: what all of the source's labels give.
    const referenceGain = spread(defined(bySource.map((s) => (s.reference === null || s.k0 === null ? null : s.reference - s.k0))))?.mean ?? null;
    return {
      strategy,
      sourcesBelow085: bySource,
      meanGain,
      referenceGain,
      reached090: `${reach90} of ${bySource.length}`,
      notRun,
      met: bySource.length === 0 || notRun.length > 0 ? null : meanGain !== null && meanGain >= 0.1 && reach90 >= bySource.length / 2,
    };
  });
  // No source worse than at k = 0 by more than 0.01 (mean over seeds, each k and strategy); the others lose at most 0.01.
  const cells = [...new Set(runs.map((r) => `${r.source}\u0000${r.strategy}\u0000${r.k}`))].map((key) => {
    const [source, strategy, k] = key.split('\u0000') as [string, string, string];
    const rows = runs.filter((r) => r.source === source && r.strategy === strategy && r.k === Number(k));
    const b = base.get(source)!;
    return {
      source, strategy, k: Number(k),
      heldChange: b.held.auroc === null ? null : (meanOf(rows, (r) => r.held.auroc) ?? NaN) - b.held.auroc,
      othersChange: b.others.auroc === null ? null : (meanOf(rows, (r) => r.others.auroc) ?? NaN) - b.others.auroc,
    };
  });
  const worstHeld = cells.reduce<(typeof cells)[number] | null>((w, c) => (c.heldChange !== null && (w === null || c.heldChange < w.heldChange!) ? c : w), null);
  const worstOthers = cells.reduce<(typeof cells)[number] | null>((w, c) => (c.othersChange !== null && (w === null || c.othersChange < w.othersChange!) ? c : w), null);
  // The mean over sources of each source's mean over seeds, on the sources fine-tuned at k = 100 by both strategies.
  const both = [...new Set(runs.filter((r) => r.k === 100).map((r) => r.source))].filter((source) => ['uncertainty', 'random'].every((s) => runs.some((r) => r.source === source && r.k === 100 && r.strategy === s)));
  const at100 = (strategy: string) => spread(defined(both.map((source) => meanOf(runs.filter((r) => r.source === source && r.strategy === strategy && r.k === 100), (r) => r.held.auroc))))?.mean ?? null;
  const fineTunes400 = runs.filter((r) => r.k === 400);
  const slowest = fineTunes400.reduce((m, r) => Math.max(m, r.seconds), 0);
  return {
    atK200: { target: 'AUROC on the held-out source +0.10 on average over the sources below 0.85 at k = 0, and >= 0.90 on at least half of them', byStrategy: at200 },
    noHarm: {
      target: 'no source worse than at k = 0 by more than 0.01; the other sources lose at most 0.01',
      worstHeld, worstOthers,
      met: worstHeld === null ? null : (worstHeld.heldChange ?? 0) >= -0.01 && (worstOthers?.othersChange ?? 0) >= -0.01,
    },
    uncertaintyBeatsRandom: {
      target: 'uncertainty sampling beats random sampling at k = 100 on average',
      sources: both.length,
      uncertainty: at100('uncertainty'), random: at100('random'),
      met: at100('uncertainty') === null || at100('random') === null ? null : at100('uncertainty')! > at100('random')!,
    },
    fineTune400: {
      target: 'fine-tuning 400 documents takes under 2 minutes on this 2-core machine',
      runs: fineTunes400.length,
      slowestSeconds: fineTunes400.length ? slowest : null,
      meanSeconds: spread(fineTunes400.map((r) => r.seconds))?.mean ?? null,
      meanCpuSeconds: spread(fineTunes400.map((r) => r.cpuSeconds))?.mean ?? null,
      met: fineTunes400.length ? slowest < 120 : null,
    },
  };
}

/**
 * The seeds the fine-tunes ran with, by source where sources differ (a run kept in parts may give
 * some sources fewer seeds): "seeds 1, 2, 3" or "seeds 1, 2, 3 (a, b); seed 1 (c)".
 */
export function describeSeeds(runs: readonly AdaptRun[], fallback: readonly number[]): string {
  const words = (seeds: readonly number[]) => `seed${seeds.length === 1 ? '' : 's'} ${seeds.join(', ')}`;
  const bySource = new Map<string, Set<number>>();
  for (const r of runs) bySource.set(r.source, (bySource.get(r.source) ?? new Set()).add(r.seed));
  const groups = new Map<string, string[]>();
  for (const [source, seeds] of [...bySource].sort(([a], [b]) => a.localeCompare(b))) {
    const key = words([...seeds].sort((a, b) => a - b));
    groups.set(key, [...(groups.get(key) ?? []), source]);
  }
  if (groups.size === 0) return words(fallback);
  if (groups.size === 1) return [...groups.keys()][0]!;
  return [...groups].sort((a, b) => b[0].length - a[0].length).map(([key, sources]) => `${key} (${sources.join(', ')})`).join('; ');
}

const f3 = (s: Spread | null | undefined) => (s ? `${s.mean.toFixed(3)} ±${s.sd.toFixed(3)}` : 'n/a');
const signed = (s: Spread | null | undefined) => (s ? `${s.mean >= 0 ? '+' : ''}${s.mean.toFixed(3)}` : 'n/a');

/** The text table: overall curve rows, then each source's held-out AUROC by strategy and k. */
export function formatAdaptTable(result: ReturnType<typeof curves>, ks: readonly number[], strategies: readonly string[], baselines: readonly SourceBaseline[] = []): string {
  const lines = ['Held-out source AUROC (mean over sources of the mean over seeds, ± sd over sources); gain from k = 0; other sources\' AUROC change', ''];
  lines.push(['strategy', 'k', 'sources', 'held AUROC', 'gain', 'TPR@1%FPR', 'others change'].map((h) => h.padEnd(14)).join(''));
  for (const p of result.overall) {
    lines.push([p.strategy, String(p.k), String(p.sources), f3(p.heldAuroc), signed(p.heldGain), f3(p.heldTpr), signed(p.othersChange)].map((c) => c.padEnd(14)).join(''));
  }
  const reference = new Map(baselines.map((b) => [b.source, b.reference?.auroc?.toFixed(3) ?? 'n/a']));
  lines.push('', 'Per source: held-out AUROC, mean over seeds (k = 0 is the held-out base; "default": the default model, trained with all of the source\'s pool)');
  lines.push(['source', 'strategy', ...ks.map((k) => `k=${k}`), 'default'].map((h, i) => h.padEnd(i === 0 ? 32 : 12)).join(''));
  for (const s of result.perSource) {
    for (const strategy of strategies) {
      const cells = ks.map((k) => s.points.find((p) => p.strategy === strategy && p.k === k)?.heldAuroc?.mean.toFixed(3) ?? 'n/a');
      lines.push([s.source, strategy, ...cells, reference.get(s.source) ?? 'n/a'].map((c, i) => c.padEnd(i === 0 ? 32 : 12)).join(''));
    }
  }
  return lines.join('\n');
}

const STRATEGY_COLORS: Record<string, string> = { uncertainty: COLORS.synthetic, stratified: COLORS.line, random: COLORS.grey };

/** The learning-curve page: mean held-out AUROC and other sources' AUROC against k, per strategy, and each source's curve. */
export function renderAdaptPage(result: ReturnType<typeof curves>, ks: readonly number[], strategies: readonly string[], note: string): string {
  const lineChart = (id: string, title: string, yTitle: string, series: Array<{ label: string; data: Array<number | null>; color: string; dash?: number[] }>): ChartSpec => ({
    id,
    config: {
      type: 'line',
      data: { labels: ks.map(String), datasets: series.map((s) => ({ label: s.label, data: s.data, borderColor: s.color, backgroundColor: s.color, borderDash: s.dash ?? [], spanGaps: true, tension: 0 })) },
      options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { title: { display: true, text: title } }, scales: { x: { title: { display: true, text: 'k labeled documents of the held-out source' } }, y: { title: { display: true, text: yTitle } } } },
    },
  });
  const overall = (f: (p: (typeof result.overall)[number]) => Spread | null, shift = 0) => (strategy: string) => ks.map((k) => {
    const s = f(result.overall.find((p) => p.strategy === strategy && p.k === k)!);
    return s ? s.mean + shift * s.sd : null;
  });
  const withBand = (f: (p: (typeof result.overall)[number]) => Spread | null) => strategies.flatMap((s) => [
    { label: s, data: overall(f)(s), color: STRATEGY_COLORS[s] ?? COLORS.grey },
    { label: `${s} ± sd over sources`, data: overall(f, 1)(s), color: STRATEGY_COLORS[s] ?? COLORS.grey, dash: [4, 4] },
    { label: `${s} - sd`, data: overall(f, -1)(s), color: STRATEGY_COLORS[s] ?? COLORS.grey, dash: [4, 4] },
  ]);
  const charts: ChartSpec[] = [
    lineChart('held', 'AUROC on the held-out source (mean over sources)', 'AUROC', withBand((p) => p.heldAuroc)),
    lineChart('others', 'AUROC on the other sources (mean over held-out runs): forgetting', 'AUROC', withBand((p) => p.othersAuroc)),
    ...result.perSource.map((s, i) =>
      lineChart(`source-${i}`, `${s.source}: AUROC on its own rest`, 'AUROC', strategies.map((strategy) => ({
        label: strategy,
        data: ks.map((k) => s.points.find((p) => p.strategy === strategy && p.k === k)?.heldAuroc?.mean ?? null),
        color: STRATEGY_COLORS[strategy] ?? COLORS.grey,
      })))),
  ];
  const rows = result.overall.map((p) => [p.strategy, String(p.k), String(p.sources), f3(p.heldAuroc), signed(p.heldGain), f3(p.heldTpr), f3(p.othersAuroc), signed(p.othersChange)]);
  const sections = [
    section('What this measures', paragraph(note)),
    section('Learning curves', charts.map((c) => chartCanvas(c)).join('\n')),
    section('Figures', htmlTable(['strategy', 'k', 'sources', 'held AUROC (± sd)', 'gain', 'held TPR@1%FPR', 'others AUROC', 'others change'], rows)),
  ];
  return renderPage('crawlsift: adapting to a held-out source', sections, charts);
}

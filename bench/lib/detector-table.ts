/** The printed table of `npm run bench:detector`, from its results object. Pure. */
import type { CropPoint, RankMetrics, SetReport } from './detector-breakdown.js';
import { CHARACTER_ATTACKS, DETECTOR_TARGETS as T, meets } from './detector-targets.js';

export interface HeldOutResult {
  /** The held-out generator family or domain. */
  name: string;
  /** Test part (e.g. modern2024/test) -> our model and fastText on it. */
  parts: Record<string, { ours: RankMetrics; fasttext: RankMetrics }>;
  /** Training documents of the held-out models (both train on the same documents). */
  trainDocuments: number;
  epochsRun: number;
  bestEpoch: number;
  /** Set when the result was kept from an earlier run of the same model (BENCH_HELD_OUT): that run's date and epoch limit. */
  keptFrom?: { createdAt: string; settings: string };
}

/**
 * Held-out results in `order`: this run's, then the earlier run's (same model) for names this run
 * did not train, marked with the run they come from. Pure.
 */
export function keepEarlierHeldOut(
  fresh: readonly HeldOutResult[],
  earlier: readonly HeldOutResult[],
  order: readonly string[],
  from: { createdAt: string; settings: string },
): HeldOutResult[] {
  const byName = new Map<string, HeldOutResult>();
  for (const r of earlier) byName.set(r.name, r.keptFrom ? r : { ...r, keptFrom: from });
  for (const r of fresh) byName.set(r.name, r);
  return order.flatMap((name) => (byName.has(name) ? [byName.get(name)!] : []));
}

export interface AttackResult {
  set: string;
  kind: string;
  characterLevel: boolean;
  /** Test texts the attack changed (count). */
  changed: number;
  ours: RankMetrics;
  /** Our AUROC minus our clean AUROC on the same set. */
  oursDelta: number | null;
  fasttext: RankMetrics;
  fasttextDelta: number | null;
}

/** One run of bench/throughput-probe.ts: documents per second (wall), features + model, one thread. */
export interface ThroughputRun {
  tree: string;
  model: string;
  documents: number;
  passes: number;
  best: number;
  median: number;
}

export interface ThroughputSummary {
  tree: string;
  model: string;
  documents: number;
  /** Best pass of all rounds, docs/s. */
  best: number;
  /** Median of the rounds' median passes, docs/s. */
  median: number;
  rounds: ThroughputRun[];
}

/** Where one never-trained-on source of extra/ lands at the default thresholds, per label. */
export interface UnseenSourceRoutes {
  source: string;
  label: 'human' | 'synthetic';
  /** Generators of the machine documents (empty for human ones). */
  generators: string[];
  n: number;
  human: number;
  uncertain: number;
  synthetic: number;
}

export interface DetectorBenchResults {
  card: { thresholds: { low: number; high: number }; scope: { languages: string[]; minWords: number } | null };
  main: Record<string, { description: string; ours: SetReport; fasttext: RankMetrics }>;
  /** AUROC of N-word crops: dev (the card's minimum length is chosen on it) and the test sets. */
  lengthCurves: Record<string, CropPoint[]>;
  logfo: HeldOutResult[];
  lodo: HeldOutResult[];
  attacks: AttackResult[];
  unseenRoutes: UnseenSourceRoutes[];
  throughput: { current: ThroughputSummary; baseline: ThroughputSummary | null };
  fasttextDim: number;
}

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(3));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const signed = (x: number | null) => (x === null ? 'n/a' : `${x >= 0 ? '+' : ''}${x.toFixed(3)}`);
const int = (x: number) => Math.round(x).toLocaleString('en-US');
const atLeast = (x: number | null, bar: number) => (x === null ? null : x >= bar);
const atMost = (x: number | null, bar: number) => (x === null ? null : x <= bar);
const both = (a: boolean | null, b: boolean | null) => (a === null || b === null ? null : a && b);

/** Rows (the first is the header) as aligned text columns: the first left-aligned, the rest right. */
export function grid(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
}

/** The whole table, section by section, with the issue's target and met / NOT MET beside each figure. */
export function formatDetectorTable(r: DetectorBenchResults): string {
  const out: string[] = [];
  const m24 = r.main['modern2024/test'];
  const det = r.main['detect-corpus/test'];

  out.push(`## Default model vs fastText (dim ${r.fasttextDim}, trained on the same data)`, '');
  const mainRows = [['test set', 'docs', 'model', 'AUROC', 'TPR@1%FPR', 'TPR@5%FPR', 'target', 'met']];
  for (const [name, m] of Object.entries(r.main)) {
    const o = m.ours.overall;
    const targets: Array<[string, boolean | null]> = [];
    if (name === 'modern2024/test') targets.push([`AUROC>=${T.modern2024Auroc}, TPR@1%>=${pct(T.modern2024TprAt1PctFpr)}`, both(atLeast(o.auroc, T.modern2024Auroc), atLeast(o.tprAt1PctFpr, T.modern2024TprAt1PctFpr))]);
    if (name === 'detect-corpus/test') {
      targets.push([`issue 15: AUROC>=${T.detectAuroc}, TPR@1%>=${pct(T.detectTprAt1PctFpr)}`, both(atLeast(o.auroc, T.detectAuroc), atLeast(o.tprAt1PctFpr, T.detectTprAt1PctFpr))]);
      targets.push([`issue 3: AUROC>=${T.detectAurocIssue3}, TPR@1%>=${pct(T.detectTprAt1PctFprIssue3)}`, both(atLeast(o.auroc, T.detectAurocIssue3), atLeast(o.tprAt1PctFpr, T.detectTprAt1PctFprIssue3))]);
    }
    const [first, ...rest] = targets.length > 0 ? targets : [['-', null] as [string, boolean | null]];
    mainRows.push([name, String(o.n), 'ours (default)', f3(o.auroc), pct(o.tprAt1PctFpr), pct(o.tprAt5PctFpr), first![0], targets.length > 0 ? meets(first![1]) : '-']);
    for (const [t, ok] of rest) mainRows.push(['', '', '', '', '', '', t, meets(ok)]);
    mainRows.push(['', '', 'fastText', f3(m.fasttext.auroc), pct(m.fasttext.tprAt1PctFpr), pct(m.fasttext.tprAt5PctFpr), '', '']);
  }
  out.push(...grid(mainRows), '');

  for (const [name, m] of [['modern2024/test', m24], ['detect-corpus/test', det]] as const) {
    if (!m) continue;
    out.push(`## ${name} per generator (its machine texts against all ${name} human texts)`, '');
    const bar = name === 'modern2024/test' ? T.modern2024GeneratorAuroc : null;
    const g = [['generator', 'docs', 'AUROC', 'TPR@1%FPR', 'target', 'met']];
    for (const [gen, x] of Object.entries(m.ours.byGenerator)) {
      g.push([gen, String(x.nSynthetic), f3(x.auroc), pct(x.tprAt1PctFpr), bar === null ? '-' : `AUROC>=${bar}`, bar === null ? '-' : meets(atLeast(x.auroc, bar))]);
    }
    out.push(...grid(g), '');
  }

  if (m24) {
    out.push(`## modern2024/test per task (its machine texts against all human texts; routed human at the card's thresholds low ${f3(r.card.thresholds.low)}, high ${f3(r.card.thresholds.high)})`, '');
    const t = [['task', 'docs', 'AUROC', 'TPR@1%FPR', 'routed human', 'target', 'met']];
    for (const [task, x] of Object.entries(m24.ours.byTask)) {
      const edited = task === 'polish' || task === 'rewrite';
      t.push([task, String(x.nSynthetic), f3(x.auroc), pct(x.tprAt1PctFpr), pct(x.routedHuman), edited ? `routed human<=${pct(T.editedRoutedHumanMax)}` : '-', edited ? meets(atMost(x.routedHuman, T.editedRoutedHumanMax)) : '-']);
    }
    out.push(...grid(t), '');
  }

  out.push("## Routes at the card's thresholds", '');
  const routeRows = [['test set', 'uncertain', 'leak-through', 'human loss', 'target', 'met']];
  for (const [name, m] of Object.entries(r.main)) {
    const x = m.ours.routes;
    const isM24 = name === 'modern2024/test';
    const ok = isM24 ? both(both(atMost(x.uncertain, T.uncertainMax), atMost(x.leakThrough, T.leakThroughMax)), atMost(x.humanLoss, T.humanLossMax)) : null;
    routeRows.push([name, pct(x.uncertain), pct(x.leakThrough), pct(x.humanLoss), isM24 ? `uncertain<=${pct(T.uncertainMax)}, leak<=${pct(T.leakThroughMax)}, loss<=${pct(T.humanLossMax)}` : '-', isM24 ? meets(ok) : '-']);
  }
  out.push(...grid(routeRows), '', 'leak-through: synthetic documents routed human; human loss: human documents routed synthetic; uncertain: all documents.', '');

  out.push('## AUROC by document length', '');
  const bins = m24?.ours.byLength ?? [];
  const lb = [['words', ...Object.keys(r.main)]];
  bins.forEach((b, i) => {
    lb.push([`${b.from}-${b.to === Infinity ? '' : b.to - 1}`, ...Object.values(r.main).map((m) => {
      const x = m.ours.byLength[i]!;
      return x.n === 0 ? '-' : `${f3(x.auroc)} (${x.n})`;
    })]);
  });
  out.push('Natural lengths (documents whose length falls in the bin; AUROC (documents)):', '', ...grid(lb), '');
  const curves = Object.entries(r.lengthCurves);
  const lc = [['words', ...curves.map(([k]) => k)]];
  curves[0]?.[1].forEach((p, i) => lc.push([String(p.words), ...curves.map(([, c]) => `${f3(c[i]!.auroc)} (${c[i]!.n})`)]));
  out.push('Crops (documents of at least N words cut to their last N words; AUROC (documents)). The card\'s minimum length is chosen on dev:', '', ...grid(lc), '');
  out.push(`card scope: ${r.card.scope ? `languages ${r.card.scope.languages.join(', ')}, minWords ${r.card.scope.minWords}` : 'none'}`, '');

  const heldOutTable = (rows: HeldOutResult[], label: string, bar: (part: string) => number | null) => {
    const g = [[label, 'tested on', 'docs', 'ours AUROC', 'ours TPR@1%', 'fastText AUROC', 'epochs (best)', 'target', 'met']];
    for (const h of rows) {
      for (const [part, x] of Object.entries(h.parts)) {
        const b = bar(part);
        g.push([h.keptFrom ? `${h.name} (run of ${h.keptFrom.createdAt.slice(0, 10)})` : h.name, part, String(x.ours.n), f3(x.ours.auroc), pct(x.ours.tprAt1PctFpr), f3(x.fasttext.auroc), `${h.epochsRun} (${h.bestEpoch})`, b === null ? '-' : `AUROC>=${b}`, b === null ? '-' : meets(atLeast(x.ours.auroc, b))]);
      }
    }
    return grid(g);
  };
  if (r.logfo.length > 0) {
    out.push('## Leave one generator family out (machine text of the family left out of training and dev; tested on its modern2024/test texts against all human texts)', '');
    out.push(...heldOutTable(r.logfo, 'held-out family', () => T.logfoAuroc), '');
  }
  if (r.lodo.length > 0) {
    out.push("## Leave one domain out (all of the domain's sources left out of training and dev; tested on their documents in each set)", '');
    out.push(...heldOutTable(r.lodo, 'held-out domain', (part) => (part === 'modern' ? T.modernCvAuroc : T.lodoAuroc)), '');
    out.push(`Bars: issue 3's ${T.lodoAuroc} per held-out domain, and its ${T.modernCvAuroc} for the modern (DetectRL) sources held out.`, '');
  }

  out.push('## Attacked copies of the test sets (default model and fastText)', '');
  const a = [['set', 'attack', 'changed', 'ours AUROC', 'vs clean', 'fastText AUROC', 'vs clean', 'target', 'met']];
  for (const x of r.attacks) {
    const character = (CHARACTER_ATTACKS as readonly string[]).includes(x.kind);
    const ok = character ? (x.oursDelta === null ? null : Math.abs(x.oursDelta) <= T.attackMaxDrop) : null;
    a.push([x.set, x.kind, String(x.changed), f3(x.ours.auroc), signed(x.oursDelta), f3(x.fasttext.auroc), signed(x.fasttextDelta), character ? `|diff|<=${T.attackMaxDrop}` : '-', character ? meets(ok) : '-']);
  }
  out.push(...grid(a), '');

  out.push('## Sources never trained on (extra/), routed at the default thresholds', '');
  out.push('Routes per label only: in MixSet the source gives the label away, so its AUROC would mean nothing.', '');
  const u = [['source', 'label', 'docs', 'to human', 'uncertain', 'to synthetic', 'generators']];
  for (const x of r.unseenRoutes) u.push([x.source, x.label, String(x.n), pct(x.human / x.n), pct(x.uncertain / x.n), pct(x.synthetic / x.n), x.generators.join(', ') || '-']);
  out.push(...grid(u), '');

  const { current, baseline } = r.throughput;
  out.push(`## Scoring throughput, features + model, one thread (${current.documents} detect-corpus/test docs; 3 rounds alternating trees)`, '');
  const th = [['tree', 'model', 'best docs/s', 'median docs/s', 'target', 'met']];
  const tp = (s: ThroughputSummary, label: string, withTarget: boolean) => {
    th.push([label, s.model, int(s.best), int(s.median), withTarget ? `issue 15: median>=${int(T.docsPerSecondPerThread)}` : '-', withTarget ? meets(s.median >= T.docsPerSecondPerThread) : '-']);
    if (withTarget) th.push(['', '', '', '', `issue 3: median>=${int(T.docsPerSecondPerThreadIssue3)}`, meets(s.median >= T.docsPerSecondPerThreadIssue3)]);
  };
  tp(current, 'this tree', true);
  if (baseline) tp(baseline, `baseline ${baseline.tree}`, false);
  out.push(...grid(th));
  if (baseline) out.push('', `this tree / baseline: ${(current.median / baseline.median).toFixed(2)} (medians), ${(current.best / baseline.best).toFixed(2)} (best passes)`);
  return out.join('\n');
}

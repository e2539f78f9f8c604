/** The printed table of `npm run bench:detector`, from its results object. Pure. */
import { CHARACTER_ATTACKS, DETECTOR_TARGETS as T, meets } from './detector-targets.js';

export interface RankMetrics {
  n: number;
  auroc: number | null;
  tprAt1PctFpr: number | null;
  tprAt5PctFpr: number | null;
}

export interface DomainResult {
  /** The held-out `source`. */
  source: string;
  /** detect-corpus or modern. */
  corpus: string;
  /** What the held-out models were tested on. */
  testedOn: string;
  ours: RankMetrics;
  fasttext: RankMetrics;
  /** Training documents of the held-out models (both models train on the same documents). */
  trainDocuments: number;
  /** Epochs run / best epoch of our model. */
  epochsRun: number;
  bestEpoch: number;
}

export interface AttackResult {
  kind: string;
  characterLevel: boolean;
  /** Test texts the attack changed (count). */
  changed: number;
  ours: RankMetrics;
  /** Our AUROC minus our clean-test AUROC. */
  oursDelta: number | null;
  fasttext: RankMetrics;
  fasttextDelta: number | null;
}

/** Timed passes over the same documents, one thread. */
export interface PassTimes {
  passes: number;
  /** The fastest pass by wall time, and its CPU time. */
  docsPerSecondWall: number;
  docsPerCpuSecond: number;
  /** The median pass by wall time, and its CPU time. */
  medianDocsPerSecondWall: number;
  medianDocsPerCpuSecond: number;
}

export interface ThroughputResult {
  documents: number;
  meanBytes: number;
  /** Features + model (`scoreTexts`). */
  featuresAndModel: PassTimes;
  /** Model only (`scoreFeatures` on extracted vectors). */
  modelOnly: PassTimes;
}

/**
 * Where one never-trained-on source of extra/ lands at the default model's thresholds, per label.
 * Routes, not AUROC: in MixSet the source alone gives the label away (human blogs, e-mail, news,
 * reviews, abstracts and speeches; machine answers to QA questions), so only each side's own
 * routing means something: human text wrongly removed, machine text caught.
 */
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
  main: Record<string, { description: string; ours: RankMetrics; fasttext: RankMetrics; fasttextNarrow: RankMetrics; fasttextDetectOnly: RankMetrics | null }>;
  /** Vector widths of the fastText runs (main baseline, held-out/narrow runs). */
  fasttextDims: { main: number; heldOut: number };
  lodo: DomainResult[];
  modernCv: DomainResult[];
  attacks: AttackResult[];
  /** extra/'s sources at the default thresholds (absent in results written before it existed). */
  unseenRoutes?: UnseenSourceRoutes[];
  throughput: ThroughputResult;
}

const f3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const signed = (x: number | null) => (x === null ? 'n/a' : `${x >= 0 ? '+' : ''}${x.toFixed(3)}`);
const int = (x: number) => Math.round(x).toLocaleString('en-US');

/** Rows (the first is the header) as aligned text columns: the first left-aligned, the rest right. */
export function grid(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
}

const above = (x: number | null, bar: number) => (x === null ? null : x >= bar);

/** The whole table, section by section, with the target beside each figure. */
export function formatDetectorTable(r: DetectorBenchResults): string {
  const out: string[] = [];

  out.push('## Default model vs fastText (trained on the same data)', '');
  const mainRows = [['test set', 'docs', 'model', 'AUROC', 'TPR@1%FPR', 'TPR@5%FPR', 'target', 'met']];
  for (const [name, m] of Object.entries(r.main)) {
    const isTest = name === 'detect-corpus/test';
    const target = isTest ? `AUROC>=${T.testAuroc}, TPR@1%>=${pct(T.testTprAt1PctFpr)}` : '-';
    const met = isTest ? meets((above(m.ours.auroc, T.testAuroc) ?? false) && (above(m.ours.tprAt1PctFpr, T.testTprAt1PctFpr) ?? false)) : '-';
    mainRows.push([name, String(m.ours.n), 'ours (default)', f3(m.ours.auroc), pct(m.ours.tprAt1PctFpr), pct(m.ours.tprAt5PctFpr), target, met]);
    mainRows.push(['', '', `fastText dim ${r.fasttextDims.main}`, f3(m.fasttext.auroc), pct(m.fasttext.tprAt1PctFpr), pct(m.fasttext.tprAt5PctFpr), '', '']);
    mainRows.push(['', '', `fastText dim ${r.fasttextDims.heldOut}`, f3(m.fasttextNarrow.auroc), pct(m.fasttextNarrow.tprAt1PctFpr), pct(m.fasttextNarrow.tprAt5PctFpr), '', '']);
    const ref = m.fasttextDetectOnly;
    if (ref) mainRows.push(['', '', `fastText dim ${r.fasttextDims.heldOut}, detect train only`, f3(ref.auroc), pct(ref.tprAt1PctFpr), pct(ref.tprAt5PctFpr), '', '']);
  }
  out.push(...grid(mainRows), '');

  const domainTable = (rows: DomainResult[], bar: number, withFasttextCheck: boolean) => {
    const g = [['held-out source', 'tested on', 'docs', 'ours AUROC', 'ours TPR@1%', 'fastText AUROC', 'fastText TPR@1%', 'target', 'met']];
    for (const d of rows) {
      const beats = d.ours.auroc !== null && d.fasttext.auroc !== null && d.ours.auroc > d.fasttext.auroc;
      const ok = (above(d.ours.auroc, bar) ?? false) && (!withFasttextCheck || beats);
      g.push([d.source, d.testedOn, String(d.ours.n), f3(d.ours.auroc), pct(d.ours.tprAt1PctFpr), f3(d.fasttext.auroc), pct(d.fasttext.tprAt1PctFpr), `AUROC>=${bar}${withFasttextCheck ? ', > fastText' : ''}`, meets(ok)]);
    }
    return grid(g);
  };
  out.push(`## Leave-one-domain-out (train without the source, test on it; fastText dim ${r.fasttextDims.heldOut})`, '');
  out.push(...domainTable(r.lodo, T.lodoAuroc, true));
  const beatsAll = r.lodo.length > 0 && r.lodo.every((d) => d.ours.auroc !== null && d.fasttext.auroc !== null && d.ours.auroc > d.fasttext.auroc);
  out.push(`ours above fastText on every held-out domain: ${beatsAll ? 'yes' : 'NO'}`, '');

  out.push('## modern, cross-validated by source (train on detect-corpus/train + the other modern source (its training part), test on all of this one)', '');
  out.push(...domainTable(r.modernCv, T.modernCvAuroc, false), '');

  out.push(`## Attacked copies of detect-corpus/test (RAID attacks; default model and the same-data fastText dim ${r.fasttextDims.main})`, '');
  const a = [['attack', 'changed', 'ours AUROC', 'vs clean', 'fastText AUROC', 'vs clean', 'target', 'met']];
  for (const x of r.attacks) {
    const character = (CHARACTER_ATTACKS as readonly string[]).includes(x.kind);
    const ok = character ? (x.oursDelta === null ? null : Math.abs(x.oursDelta) <= T.characterAttackMaxDrop) : null;
    a.push([x.kind, String(x.changed), f3(x.ours.auroc), signed(x.oursDelta), f3(x.fasttext.auroc), signed(x.fasttextDelta), character ? `|diff|<=${T.characterAttackMaxDrop}` : '-', character ? meets(ok) : '-']);
  }
  out.push(...grid(a), '');

  if (r.unseenRoutes) {
    out.push('## Sources never trained on (extra/), routed at the default thresholds', '');
    out.push('Routes per label only: in MixSet the source gives the label away, so its AUROC would mean nothing.', '');
    const u = [['source', 'label', 'docs', 'to human', 'uncertain', 'to synthetic', 'generators']];
    for (const x of r.unseenRoutes) {
      u.push([x.source, x.label, String(x.n), pct(x.human / x.n), pct(x.uncertain / x.n), pct(x.synthetic / x.n), x.generators.join(', ') || '-']);
    }
    out.push(...grid(u), '');
  }

  const t = r.throughput;
  out.push(`## Scoring throughput, default model, one thread (${t.documents} detect-corpus/test docs, mean ${int(t.meanBytes)} bytes, ${t.featuresAndModel.passes} passes)`, '');
  const target = `>=${int(T.docsPerSecondPerThread)} docs/s`;
  const rows = [['what', 'pass', 'docs/s (wall)', 'docs per CPU-s', 'target', 'met']];
  for (const [what, p, hasTarget] of [['features + model', t.featuresAndModel, true], ['model only', t.modelOnly, false]] as const) {
    rows.push([what, 'best', int(p.docsPerSecondWall), int(p.docsPerCpuSecond), hasTarget ? target : '-', hasTarget ? meets(p.docsPerSecondWall >= T.docsPerSecondPerThread) : '-']);
    rows.push(['', 'median', int(p.medianDocsPerSecondWall), int(p.medianDocsPerCpuSecond), hasTarget ? target : '-', hasTarget ? meets(p.medianDocsPerSecondWall >= T.docsPerSecondPerThread) : '-']);
  }
  out.push(...grid(rows));
  return out.join('\n');
}

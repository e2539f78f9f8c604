/**
 * One cell of the adaptation benchmark: draw k labeled documents of the held-out source by a
 * sampling strategy (the same samplers `crawlsift sample` runs), fine-tune the held-out base on them
 * as `crawlsift train --base` does (fineTuneDetector, the base's recipe data as replay and dev), and
 * measure the result.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fineTuneDetector, sourceDocumentKey, type Detector, type LabeledDocument, type TrainingInput } from '../../src/classifier/index.js';
import { summarise } from '../../src/evaluation/index.js';
import type { Thresholds } from '../../src/routing/index.js';
import { createSampler, randomKey, type SampleStrategy } from '../../src/sampling/index.js';

export interface RankFigures {
  n: number;
  auroc: number | null;
  tprAt1PctFpr: number | null;
}

/** AUROC and TPR at 1% FPR of `detector` on `docs`, scored through its own features (its class LMs' included). */
export async function measure(detector: Detector, docs: readonly LabeledDocument[]): Promise<RankFigures> {
  return figures(Array.from(await detector.scoreTexts(docs.map((d) => d.text))), docs);
}

/**
 * The other sources: the mean over sources of each one's AUROC and TPR at 1% FPR (what the model
 * knows of each: a score shift between sources does not count), and the same figures pooled.
 */
export async function measureBySource(detector: Detector, docs: readonly LabeledDocument[]): Promise<RankFigures & { pooledAuroc: number | null; aurocBySource: Record<string, number | null> }> {
  const scores = Array.from(await detector.scoreTexts(docs.map((d) => d.text)));
  const sources = [...new Set(docs.map((d) => d.source ?? 'unknown'))].sort();
  const bySource = Object.fromEntries(sources.map((source) => {
    const idx = docs.flatMap((d, i) => ((d.source ?? 'unknown') === source ? [i] : []));
    return [source, figures(idx.map((i) => scores[i]!), idx.map((i) => docs[i]!))];
  }));
  const mean = (f: (r: RankFigures) => number | null) => {
    const xs = Object.values(bySource).map(f).filter((x): x is number => x !== null);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  return {
    n: docs.length,
    auroc: mean((r) => r.auroc),
    tprAt1PctFpr: mean((r) => r.tprAt1PctFpr),
    pooledAuroc: figures(scores, docs).auroc,
    aurocBySource: Object.fromEntries(Object.entries(bySource).map(([s, f]) => [s, f.auroc])),
  };
}

function figures(scores: number[], docs: readonly LabeledDocument[]): RankFigures {
  const s = summarise(scores, docs.map((d) => d.label === 'synthetic'));
  return { n: s.n, auroc: s.auroc, tprAt1PctFpr: s.tprAtFpr['0.01'] ?? null };
}

/**
 * k documents of `pool`, k/2 of each label (balanced, as the benchmark asks: a user's sample is
 * not, but the labels it would get are what is measured), each half drawn by `strategy` from that
 * label's documents with the base's scores and thresholds. Undefined when a label has fewer than k/2.
 */
export function drawBalanced(pool: readonly LabeledDocument[], scores: ArrayLike<number>, thresholds: Thresholds, strategy: SampleStrategy, k: number, seed: number): LabeledDocument[] | undefined {
  const drawn: LabeledDocument[] = [];
  for (const label of ['human', 'synthetic'] as const) {
    const half = label === 'human' ? Math.floor(k / 2) : k - Math.floor(k / 2);
    const sampler = createSampler<{ identity: string; score: number; route: string; source: string; doc: LabeledDocument }>(strategy, { n: half, seed, thresholds });
    let available = 0;
    pool.forEach((doc, i) => {
      if (doc.label !== label) return;
      available++;
      const score = scores[i]!;
      const route = score < thresholds.low ? 'human' : score >= thresholds.high ? 'synthetic' : 'uncertain';
      sampler.offer({ identity: String(doc.id ?? doc.text), score, route, source: doc.source ?? 'unknown', doc });
    });
    if (available < half) return undefined;
    drawn.push(...sampler.finish().map((d) => d.doc.doc));
  }
  return drawn;
}

/** The documents of `pool` that are not drawn and share no source document with a drawn one (sourceDocumentKey). */
export function undrawn(pool: readonly LabeledDocument[], drawn: readonly LabeledDocument[]): LabeledDocument[] {
  const taken = new Set(drawn.map(sourceDocumentKey));
  return pool.filter((d) => !taken.has(sourceDocumentKey(d)));
}

/**
 * `pool` as a crawl that looks like `like` would give it (ADAPT_POOL_MIX=test): every human document,
 * and the largest subset of its synthetic documents whose generators have `like`'s shares (each
 * generator's documents taken by the smallest randomKey of the seed). A diagnostic: a user's sample
 * comes from the crawl it is measured on, while a source's pool (mostly 2024 chat models, from
 * train-more) and its report-only documents (mostly older generators) differ. Pure.
 */
export function matchedMix(pool: readonly LabeledDocument[], like: readonly LabeledDocument[], seed: number): LabeledDocument[] {
  const generator = (d: LabeledDocument) => d.generator ?? 'unknown';
  const count = (docs: readonly LabeledDocument[]) => {
    const m = new Map<string, number>();
    for (const d of docs) if (d.label === 'synthetic') m.set(generator(d), (m.get(generator(d)) ?? 0) + 1);
    return m;
  };
  const want = count(like);
  const have = count(pool);
  const total = [...want.values()].reduce((a, b) => a + b, 0);
  // The most synthetic documents the pool can give at `like`'s shares (a generator it lacks is dropped).
  const size = Math.min(...[...want].filter(([g]) => have.has(g)).map(([g, n]) => (have.get(g)! * total) / n));
  const keep = new Set<LabeledDocument>();
  for (const [g, n] of want) {
    const docs = pool.filter((d) => d.label === 'synthetic' && generator(d) === g);
    const key = (d: LabeledDocument) => randomKey(seed, String(d.id ?? d.text));
    docs.sort((a, b) => key(a) - key(b)).slice(0, Math.floor((size * n) / total)).forEach((d) => keep.add(d));
  }
  return pool.filter((d) => d.label === 'human' || keep.has(d));
}

export interface FineTuneRun {
  dir: string;
  /** Wall and CPU seconds of the fine-tune (features, training, calibration, saving). */
  seconds: number;
  cpuSeconds: number;
}

/** Fine-tunes `base` on `docs` as `train --base` would, into `dir`. */
export async function fineTuneOn(base: string, docs: readonly LabeledDocument[], dir: string, replay: { train: TrainingInput[]; dev: TrainingInput[] }, settings: { seed: number; replayRatio?: number; epochs?: number; learningRate?: number; trainNgrams?: boolean; learnClassLm?: number }): Promise<FineTuneRun> {
  const data = join(dir, 'labeled.jsonl');
  writeFileSync(data, docs.map((d) => JSON.stringify({ id: d.id, text: d.text, label: d.label, source: d.source })).join('\n') + '\n');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fineTuneDetector({
    base,
    data: [data],
    replay: replay.train,
    baseDev: replay.dev,
    out: join(dir, 'model'),
    progressBar: false,
    createdAt: '2000-01-01T00:00:00.000Z',
    ...settings,
  });
  const cpu = process.cpuUsage(c0);
  return { dir: join(dir, 'model'), seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

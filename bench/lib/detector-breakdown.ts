/**
 * The detector benchmark's figures of one scored labeled set, computed from scores alone: ranking
 * metrics overall, per generator and per task, routes at the card's thresholds, and AUROC by
 * document length. Pure: `scores[i]` is the score of `docs[i]`.
 */
import type { LabeledDocument } from '../../src/classifier/index.js';
import { confusionRates, summarise, threeWayConfusion } from '../../src/evaluation/index.js';
import { countWords } from '../../src/features/window.js';
import type { Thresholds } from '../../src/routing/index.js';

export interface RankMetrics {
  n: number;
  nSynthetic: number;
  auroc: number | null;
  tprAt1PctFpr: number | null;
  tprAt5PctFpr: number | null;
}

/** Where documents go at the card's thresholds, as fractions 0..1 of the documents named. */
export interface RouteRates {
  /** Synthetic documents routed human / synthetic documents. */
  leakThrough: number | null;
  /** Human documents routed synthetic / human documents. */
  humanLoss: number | null;
  /** Documents routed uncertain / all documents. */
  uncertain: number;
}

export interface SetReport {
  overall: RankMetrics;
  routes: RouteRates;
  /** Each generator's machine texts against all human texts. */
  byGenerator: Record<string, RankMetrics>;
  /** Each task's machine texts against all human texts, and the share of them routed human. */
  byTask: Record<string, RankMetrics & { routedHuman: number }>;
  /** AUROC of the documents whose length falls in each bin (both labels). */
  byLength: LengthBin[];
}

export interface LengthBin {
  /** Words, lowest included, highest excluded (Infinity for the last bin). */
  from: number;
  to: number;
  n: number;
  nSynthetic: number;
  auroc: number | null;
}

const labelsOf = (docs: readonly LabeledDocument[]) => docs.map((d) => d.label === 'synthetic');

export function rankMetrics(scores: readonly number[], labels: readonly boolean[]): RankMetrics {
  const s = summarise(scores, labels);
  return { n: s.n, nSynthetic: s.nSynthetic, auroc: s.auroc, tprAt1PctFpr: s.tprAtFpr['0.01'], tprAt5PctFpr: s.tprAtFpr['0.05'] };
}

/** The documents' task: the `task` field, else `generation` for machine text (continuations) and `human`. */
export function taskOf(d: LabeledDocument): string {
  return d.task ?? (d.label === 'human' ? 'human' : 'generation');
}

/** Each group's machine texts against every human text of the set. */
function againstAllHuman(docs: readonly LabeledDocument[], scores: ArrayLike<number>, key: (d: LabeledDocument) => string): Map<string, number[]> {
  const human: number[] = [];
  const groups = new Map<string, number[]>();
  docs.forEach((d, i) => {
    if (d.label === 'human') human.push(i);
    else {
      const k = key(d);
      groups.set(k, [...(groups.get(k) ?? []), i]);
    }
  });
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, idx]) => [k, [...human, ...idx]]));
}

const at = (scores: ArrayLike<number>, idx: readonly number[]) => idx.map((i) => scores[i]!);

/** Natural length bins (words), for {@link SetReport.byLength}. */
export const LENGTH_BINS: ReadonlyArray<readonly [number, number]> = [[0, 50], [50, 100], [100, 150], [150, 200], [200, 300], [300, Infinity]];

export function reportSet(docs: readonly LabeledDocument[], scores: ArrayLike<number>, thresholds: Thresholds): SetReport {
  const labels = labelsOf(docs);
  const all = Array.from(scores);
  const rates = confusionRates(threeWayConfusion(all, labels, thresholds));
  const byGenerator: SetReport['byGenerator'] = {};
  for (const [g, idx] of againstAllHuman(docs, scores, (d) => d.generator ?? 'unknown')) byGenerator[g] = rankMetrics(at(scores, idx), idx.map((i) => labels[i]!));
  const byTask: SetReport['byTask'] = {};
  for (const [task, idx] of againstAllHuman(docs, scores, taskOf)) {
    const machine = idx.filter((i) => labels[i]);
    byTask[task] = {
      ...rankMetrics(at(scores, idx), idx.map((i) => labels[i]!)),
      routedHuman: machine.filter((i) => scores[i]! < thresholds.low).length / machine.length,
    };
  }
  const words = docs.map((d) => countWords(d.text));
  const byLength = LENGTH_BINS.map(([from, to]) => {
    const idx = words.flatMap((w, i) => (w >= from && w < to ? [i] : []));
    const m = idx.length > 0 ? rankMetrics(at(scores, idx), idx.map((i) => labels[i]!)) : undefined;
    return { from, to, n: idx.length, nSynthetic: m?.nSynthetic ?? 0, auroc: m?.auroc ?? null };
  });
  return {
    overall: rankMetrics(all, labels),
    routes: { leakThrough: rates.leakThrough, humanLoss: rates.humanLoss, uncertain: rates.uncertain },
    byGenerator,
    byTask,
    byLength,
  };
}

/** Crop lengths (words) of {@link lengthCurve}. */
export const CROP_LENGTHS = [8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256] as const;

/**
 * The last `words` words of a text (whitespace-separated; all of it when shorter). The end, not
 * the start: detect-corpus pairs and modern2024's continuations share their first ~30 human
 * words, so the first words of either label are the same text.
 */
export function lastWords(text: string, words: number): string {
  const parts = text.trim().split(/\s+/);
  return parts.slice(Math.max(0, parts.length - words)).join(' ');
}

export interface CropPoint {
  words: number;
  n: number;
  auroc: number | null;
}

/**
 * Quality by document length: AUROC of the documents of at least `words` words cut to their last
 * `words` words, both labels alike, for each length of {@link CROP_LENGTHS}. `score` scores texts.
 */
export async function lengthCurve(docs: readonly LabeledDocument[], score: (texts: string[]) => Promise<ArrayLike<number>>): Promise<CropPoint[]> {
  const words = docs.map((d) => countWords(d.text));
  const out: CropPoint[] = [];
  for (const length of CROP_LENGTHS) {
    const idx = words.flatMap((w, i) => (w >= length ? [i] : []));
    const scores = await score(idx.map((i) => lastWords(docs[i]!.text, length)));
    const labels = idx.map((i) => docs[i]!.label === 'synthetic');
    out.push({ words: length, n: idx.length, auroc: idx.length > 0 ? summarise(Array.from(scores), labels).auroc : null });
  }
  return out;
}

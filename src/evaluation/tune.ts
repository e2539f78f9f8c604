import { z } from 'zod';
import { ThresholdsSchema } from '../routing/thresholds.js';
import { formatCount, formatPercent } from './format.js';
import { minSampleToDemonstrate, rateWithInterval, wilsonInterval, Z_95 } from './intervals.js';
import { RateWithIntervalSchema } from './types.js';
import { assertFraction, assertProbabilities, assertScoresAndLabels, countClasses } from './validate.js';

/**
 * What must stay under the targets: `'observed'` the rates seen in the labeled sample;
 * `'upper-bound'` their 95% Wilson upper bounds, so the targets are demonstrated rather than
 * merely met on this sample (thresholds end up more conservative).
 */
export const TUNE_CRITERIA = ['observed', 'upper-bound'] as const;
/** One of {@link TUNE_CRITERIA}. */
export const TuneCriterionSchema = z.enum(TUNE_CRITERIA);

/** Targets for {@link tuneThresholds}. */
export const TuneTargetsSchema = z.object({
  /** Largest acceptable fraction (0..1) of synthetic documents routed human (score < low). */
  maxLeak: z.number().min(0).max(1),
  /** Largest acceptable fraction (0..1) of human documents routed synthetic (score >= high). */
  maxHumanLoss: z.number().min(0).max(1),
  /** See {@link TUNE_CRITERIA}. @defaultValue 'observed' */
  criterion: TuneCriterionSchema.optional(),
});
export type TuneTargets = z.infer<typeof TuneTargetsSchema>;

/**
 * Thresholds chosen by {@link tuneThresholds} and what they do on the labeled sample:
 * `score < low` routes human, `score >= high` synthetic (scores 0..1, low <= high always).
 */
export const TuneResultSchema = ThresholdsSchema.extend({
  /** Labeled synthetic documents routed human at `low`: counts, rate and 95% Wilson interval. */
  leakThrough: RateWithIntervalSchema,
  /** Labeled human documents routed synthetic at `high`: counts, rate and 95% Wilson interval. */
  humanLoss: RateWithIntervalSchema,
  /** Labeled documents (both classes) routed uncertain. The labeled mix may differ from the crawl's. */
  uncertain: RateWithIntervalSchema,
  /**
   * True when the thresholds meet both targets under the criterion and the sample is large
   * enough to demonstrate each target at all. When no thresholds meet the targets, `low`/`high`
   * fall back to routing every labeled document uncertain (the safe choice) and this is false.
   */
  feasible: z.boolean(),
  criterion: TuneCriterionSchema,
  /** Plain-language explanations, with numbers, of anything the user should know. */
  warnings: z.array(z.string()),
});
export type TuneResult = z.infer<typeof TuneResultSchema>;

/**
 * Picks `low` and `high` for the targets with the smallest uncertain band.
 *
 * Leak-through only grows with `low` and human loss only shrinks with `high`, so the best
 * `low` is the largest one meeting the leak target and the best `high` the smallest one
 * meeting the loss target: any other pair meeting both targets has an uncertain band that
 * contains this one. If they cross (`low > high`), every single cut between them meets both
 * targets with an empty uncertain band; we take the cut with the fewest misrouted labeled
 * documents (ties: the one nearest the middle of that range).
 *
 * Candidate thresholds are midpoints between adjacent distinct observed scores (and the
 * midpoints to 0 and 1 at the ends), never an observed score, so that a new document with a
 * score near the boundary is not routed by an accident of which side a tie lands on.
 *
 * @param scores probabilities 0..1 of being synthetic, one per labeled document.
 * @param labels true for synthetic. Both classes must be present.
 */
export function tuneThresholds(scores: readonly number[], labels: readonly boolean[], targets: TuneTargets): TuneResult {
  assertScoresAndLabels(scores, labels);
  assertProbabilities(scores);
  assertFraction('maxLeak', targets.maxLeak);
  assertFraction('maxHumanLoss', targets.maxHumanLoss);
  const criterion = targets.criterion ?? 'observed';
  const { synthetic: nSyn, human: nHum } = countClasses(labels);
  if (nSyn === 0 || nHum === 0) {
    throw new RangeError(
      `tuning needs labeled documents of both classes: got ${nSyn} synthetic and ${nHum} human`,
    );
  }

  const { cuts, synBelow, humBelow } = candidateCuts(scores, labels);
  const leakCount = (i: number): number => synBelow[i]!;
  const lossCount = (i: number): number => nHum - humBelow[i]!;
  const meets = (k: number, n: number, target: number): boolean =>
    criterion === 'observed' ? k <= target * n + 1e-9 : wilsonInterval(k, n, Z_95)[1] <= target + 1e-12;

  let lowIdx = -1;
  for (let i = 0; i < cuts.length; i++) if (meets(leakCount(i), nSyn, targets.maxLeak)) lowIdx = i;
  let highIdx = -1;
  for (let i = cuts.length - 1; i >= 0; i--) if (meets(lossCount(i), nHum, targets.maxHumanLoss)) highIdx = i;

  const warnings = sampleSizeWarnings(nSyn, nHum, targets);
  let feasible = warnings.length === 0;
  let lowI: number;
  let highI: number;
  if (lowIdx < 0 || highIdx < 0) {
    feasible = false;
    lowI = 0;
    highI = cuts.length - 1;
    if (lowIdx < 0) warnings.push(`No threshold keeps leak-through within ${formatPercent(targets.maxLeak)} (${criterion} rate).`);
    if (highIdx < 0) warnings.push(`No threshold keeps human loss within ${formatPercent(targets.maxHumanLoss)} (${criterion} rate).`);
    warnings.push('Falling back to routing every labeled document uncertain.');
  } else if (lowIdx <= highIdx) {
    lowI = lowIdx;
    highI = highIdx;
  } else {
    lowI = highI = bestSingleCut(highIdx, lowIdx, (i) => leakCount(i) + lossCount(i));
  }

  const leakThrough = rateWithInterval(leakCount(lowI), nSyn);
  const humanLoss = rateWithInterval(lossCount(highI), nHum);
  const uncertainCount = synBelow[highI]! + humBelow[highI]! - synBelow[lowI]! - humBelow[lowI]!;
  const uncertain = rateWithInterval(uncertainCount, scores.length);
  if (feasible && criterion === 'observed') {
    if (leakThrough.ci95[1] > targets.maxLeak) {
      warnings.push(
        `Observed leak-through ${formatPercent(leakThrough.rate)} meets the ${formatPercent(targets.maxLeak)} target, but its 95% upper bound is ${formatPercent(leakThrough.ci95[1])}: the sample does not demonstrate the target (criterion 'upper-bound' would).`,
      );
    }
    if (humanLoss.ci95[1] > targets.maxHumanLoss) {
      warnings.push(
        `Observed human loss ${formatPercent(humanLoss.rate)} meets the ${formatPercent(targets.maxHumanLoss)} target, but its 95% upper bound is ${formatPercent(humanLoss.ci95[1])}: the sample does not demonstrate the target (criterion 'upper-bound' would).`,
      );
    }
  }
  return { low: cuts[lowI]!, high: cuts[highI]!, leakThrough, humanLoss, uncertain, feasible, criterion, warnings };
}

/**
 * Candidate cuts in increasing order, with, for each cut, how many synthetic and human
 * labeled documents score strictly below it.
 */
function candidateCuts(
  scores: readonly number[],
  labels: readonly boolean[],
): { cuts: number[]; synBelow: number[]; humBelow: number[] } {
  const bySyn = new Map<number, { syn: number; hum: number }>();
  for (let i = 0; i < scores.length; i++) {
    const entry = bySyn.get(scores[i]!) ?? { syn: 0, hum: 0 };
    if (labels[i]) entry.syn++;
    else entry.hum++;
    bySyn.set(scores[i]!, entry);
  }
  const distinct = [...bySyn.keys()].sort((a, b) => a - b);
  const cuts: number[] = [];
  const synBelow: number[] = [];
  const humBelow: number[] = [];
  let syn = 0;
  let hum = 0;
  // Below the lowest score: 0 itself when a document scores 0 (nothing is < 0).
  cuts.push(distinct[0]! > 0 ? midpoint(0, distinct[0]!) : 0);
  synBelow.push(0);
  humBelow.push(0);
  for (let j = 0; j < distinct.length; j++) {
    const counts = bySyn.get(distinct[j]!)!;
    syn += counts.syn;
    hum += counts.hum;
    const next = j + 1 < distinct.length ? distinct[j + 1]! : 1;
    // Above a score of exactly 1 no threshold in [0, 1] exists: `score >= 1` still flags it.
    if (distinct[j]! >= 1) break;
    cuts.push(midpoint(distinct[j]!, next));
    synBelow.push(syn);
    humBelow.push(hum);
  }
  return { cuts, synBelow, humBelow };
}

/** Midpoint of a < b that is strictly above a, so `a < cut` is false and `b >= cut` true. */
function midpoint(a: number, b: number): number {
  const m = a + (b - a) / 2;
  return m > a ? m : b;
}

/** Index in [from, to] minimising `errors`; ties go to the index nearest the middle. */
function bestSingleCut(from: number, to: number, errors: (i: number) => number): number {
  const middle = (from + to) / 2;
  let best = from;
  for (let i = from + 1; i <= to; i++) {
    const e = errors(i);
    const b = errors(best);
    if (e < b || (e === b && Math.abs(i - middle) < Math.abs(best - middle))) best = i;
  }
  return best;
}

/**
 * Warnings for targets no observation could demonstrate: with n labeled documents and zero
 * errors the Wilson 95% upper bound is z²/(n + z²) ≈ 3.84/n, so a target below that cannot
 * be shown whatever the thresholds.
 */
function sampleSizeWarnings(nSyn: number, nHum: number, targets: TuneTargets): string[] {
  const warnings: string[] = [];
  const check = (n: number, target: number, what: string, docs: string, errors: string): void => {
    const needed = minSampleToDemonstrate(target);
    if (n >= needed) return;
    const bestUpper = wilsonInterval(0, n)[1];
    warnings.push(
      `${what} target ${formatPercent(target)} cannot be demonstrated with ${formatCount(n)} labeled ${docs} documents: ` +
        `even with 0 ${errors} the 95% upper bound (Wilson) is ${formatPercent(bestUpper)}. ` +
        (Number.isFinite(needed)
          ? `At least ${formatCount(needed)} labeled ${docs} documents are needed.`
          : `A target of 0 can never be demonstrated by a finite sample.`),
    );
  };
  check(nSyn, targets.maxLeak, 'Leak-through', 'synthetic', 'leaks');
  check(nHum, targets.maxHumanLoss, 'Human-loss', 'human', 'lost human documents');
  return warnings;
}

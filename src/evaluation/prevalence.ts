import { formatPercent as pct } from './format.js';
import { differenceInterval, proportionInterval } from './intervals.js';
import { zForConfidence } from './normal-quantile.js';
import type { Interval, Proportion } from './types.js';

// Definitions used throughout this file (keep them consistent, the estimates are only valid
// when the flagged rate, sensitivity and specificity use the same cut):
//
//   flagged     = a document NOT routed to the human shard, i.e. score >= low
//                 (routed synthetic or uncertain). We cut at `low`, not `high`, because the
//                 question users ask next is "how much synthetic text is in my human shard?",
//                 and the human shard is exactly the unflagged set under this cut.
//   sensitivity = P(flagged | synthetic) = 1 - leak-through
//   specificity = P(not flagged | human) = human pass rate (fraction of human docs routed human)
//
// Interval method: each of the three inputs gets a Wilson interval at level 1 - α/3
// (Bonferroni), so with probability >= 1 - α all three true values lie in the box formed by
// the intervals. The estimators below are monotone in each input separately (while
// sensitivity + specificity > 1), so their range over the box is attained at its corners;
// evaluating the corners gives an interval that covers the true value at least whenever the
// box does. This is conservative (wider than the delta method) but does not rely on a normal
// approximation near 0 or 1, where crawl prevalences and leak rates live.

/** Options for the interval of an estimate. */
export interface PrevalenceOptions {
  /** Joint confidence level of the returned interval, a fraction 0..1. @defaultValue 0.95 */
  confidence?: number;
}

/**
 * Why a prevalence cannot be estimated. Stable strings: they end up in manifests.
 * - `nothing-measured`: no crawl document was scored, or no canary of a label was routed.
 * - `detector-does-not-separate`: sensitivity + specificity <= 1, the detector flags synthetic
 *   documents no more often than human ones.
 * - `crawl-flagged-below-human-canaries`: the crawl is flagged less often than the human canaries,
 *   beyond sampling error; no mix of the canaries' kinds of text is flagged that rarely.
 * - `crawl-flagged-above-synthetic-canaries`: the crawl is flagged more often than the synthetic
 *   canaries, beyond sampling error.
 * The last two say the canaries do not represent the crawl's text, the assumption every estimate
 * rests on ({@link ESTIMATE_ASSUMPTION}).
 */
export const NOT_IDENTIFIABLE_REASONS = [
  'nothing-measured',
  'detector-does-not-separate',
  'crawl-flagged-below-human-canaries',
  'crawl-flagged-above-synthetic-canaries',
] as const;
export type NotIdentifiableReason = (typeof NOT_IDENTIFIABLE_REASONS)[number];

/** The assumption every prevalence and contamination estimate from canaries rests on. */
export const ESTIMATE_ASSUMPTION =
  "The canaries represent the crawl: the detector flags the crawl's human text as often as the human canaries, " +
  "and the crawl's synthetic text as often as the synthetic canaries. Canaries drawn from other kinds of text " +
  '(other sources, genres, languages, lengths or generators) make every estimate wrong, by an amount the intervals do not show.';

/** What to do when the canaries do not represent the crawl. */
const CANARY_ADVICE =
  'Draw the canaries from the same kind of text as the crawl: a labeled sample of the crawl itself, or of the same sources, ' +
  'languages and lengths, with synthetic text from the generators you expect in it.';

/** Corrected prevalence from {@link roganGladen}. All values are fractions 0..1. */
export interface PrevalenceEstimate {
  /** Estimated fraction of synthetic documents in the crawl, clamped to [0, 1]; `null` when not identifiable. */
  estimate: number | null;
  /** The raw Rogan-Gladen value before clamping (can fall outside [0, 1] by sampling noise). */
  unclamped: number | null;
  /** Interval at the requested confidence (95% by default), clamped to [0, 1]; [0, 1] when not identifiable. */
  ci95: Interval;
  /**
   * False when the flagged rate says nothing about prevalence (sensitivity + specificity <= 1), or
   * when it lies outside what the measured error rates allow beyond sampling error.
   */
  identifiable: boolean;
  /** Set exactly when `identifiable` is false: why. */
  notIdentifiable?: NotIdentifiableReason;
  /** Plain-language notes on clamping and identifiability: why, and what to do. */
  warnings: string[];
}

/**
 * The Rogan-Gladen estimator without intervals: p = (q + Sp - 1) / (Se + Sp - 1), for a
 * flagged rate q, sensitivity Se and specificity Sp (fractions 0..1). Not clamped; `NaN`
 * when Se + Sp = 1.
 */
export function roganGladenPoint(flaggedRate: number, sensitivity: number, specificity: number): number {
  return (flaggedRate + specificity - 1) / (sensitivity + specificity - 1);
}

/**
 * Rogan & Gladen (1978): the true prevalence of synthetic documents in a crawl from the
 * apparent (flagged) rate and the detector's measured sensitivity and specificity.
 *
 * @param flagged crawl documents flagged (score >= low, i.e. not routed human) out of all scored.
 * @param sensitivity labeled synthetic documents flagged (score >= low) out of labeled synthetic.
 * @param specificity labeled human documents not flagged (score < low) out of labeled human.
 */
export function roganGladen(
  flagged: Proportion,
  sensitivity: Proportion,
  specificity: Proportion,
  options: PrevalenceOptions = {},
): PrevalenceEstimate {
  const { confidence } = { ...DEFAULTS, ...options };
  const z = perInputZ(confidence);
  const q = rate(flagged, 'flagged');
  const se = rate(sensitivity, 'sensitivity');
  const sp = rate(specificity, 'specificity');
  const warnings: string[] = [];

  const qI = proportionInterval(flagged, z);
  const seI = proportionInterval(sensitivity, z);
  const spI = proportionInterval(specificity, z);

  const notIdentifiable = (reason: NotIdentifiableReason, warning: string): PrevalenceEstimate => ({
    estimate: null,
    unclamped: null,
    ci95: [0, 1],
    identifiable: false,
    notIdentifiable: reason,
    warnings: [warning],
  });
  if (se + sp <= 1) {
    return notIdentifiable(
      'detector-does-not-separate',
      `Sensitivity ${pct(se)} + specificity ${pct(sp)} <= 100%: the detector flags synthetic documents no more often than human ones, so the flagged rate says nothing about prevalence.`,
    );
  }
  // Every prevalence gives a flagged rate between the human canaries' (1 - Sp) and the synthetic
  // canaries' (Se). Outside that range beyond sampling error (Newcombe's interval of the difference
  // excludes 0), the canaries do not behave like the crawl's text: no estimate, rather than a
  // clamped 0 or 1 with an interval that claims to know.
  const zTwoSided = zForConfidence(confidence);
  const falseFlags = { k: specificity.n - specificity.k, n: specificity.n };
  if (differenceInterval(flagged, falseFlags, zTwoSided)[1] < 0) {
    return notIdentifiable(
      'crawl-flagged-below-human-canaries',
      `The crawl is flagged less often (${pct(q)}) than the human canaries (${pct(1 - sp)}), beyond sampling error: no mix of text like the canaries' human and synthetic text is flagged that rarely, so the canaries do not represent this crawl and its synthetic prevalence cannot be estimated from them. ${CANARY_ADVICE}`,
    );
  }
  if (differenceInterval(sensitivity, flagged, zTwoSided)[1] < 0) {
    return notIdentifiable(
      'crawl-flagged-above-synthetic-canaries',
      `The crawl is flagged more often (${pct(q)}) than the synthetic canaries (${pct(se)}), beyond sampling error: no mix of text like the canaries' human and synthetic text is flagged that often, so the canaries do not represent this crawl and its synthetic prevalence cannot be estimated from them. ${CANARY_ADVICE}`,
    );
  }

  const unclamped = roganGladenPoint(q, se, sp);
  const estimate = clamp01(unclamped);
  if (unclamped < 0) {
    warnings.push(`Flagged rate ${pct(q)} is below the human false-flag rate ${pct(1 - sp)}, within sampling error: estimate clamped to 0.`);
  } else if (unclamped > 1) {
    warnings.push(`Flagged rate ${pct(q)} is above the sensitivity ${pct(se)}, within sampling error: estimate clamped to 1.`);
  }

  let ci95: Interval;
  // J = Se + Sp - 1 is smallest at the lower corner; if it can reach 0 inside the box the
  // estimator is unbounded there and no finite interval is honest.
  if (seI[0] + spI[0] <= 1) {
    ci95 = [0, 1];
    warnings.push(
      `The intervals of sensitivity (${pct(seI[0])}-${pct(seI[1])}) and specificity (${pct(spI[0])}-${pct(spI[1])}) allow Se + Sp <= 100%, so prevalence is not bounded: label more canaries.`,
    );
  } else {
    const values = corners(qI, seI, spI).map(([a, b, c]) => roganGladenPoint(a, b, c));
    ci95 = [clamp01(Math.min(...values)), clamp01(Math.max(...values))];
  }
  return { estimate, unclamped, ci95, identifiable: true, warnings };
}

/**
 * Expected fraction (0..1) of the human shard that is synthetic:
 * f = p·leak / (p·leak + (1 - p)·humanPass), with p the crawl's synthetic prevalence,
 * leak the fraction of synthetic documents routed human and humanPass the fraction of
 * human documents routed human. 0 when p·leak = 0; 1 when only synthetic text reaches the shard.
 */
export function syntheticFractionInHumanPoint(prevalence: number, leakThrough: number, humanPass: number): number {
  const synthetic = prevalence * leakThrough;
  if (synthetic === 0) return 0;
  return synthetic / (synthetic + (1 - prevalence) * humanPass);
}

/** Input of {@link syntheticFractionInHuman}. */
export interface SyntheticFractionInput {
  /**
   * Synthetic prevalence of the crawl (fraction 0..1): a known number, or an estimate with an
   * interval such as the output of {@link roganGladen} (its `estimate` may be `null`).
   */
  prevalence: number | { estimate: number | null; ci95: Interval };
  /** Labeled synthetic documents routed human, out of labeled synthetic documents. */
  leakThrough: Proportion;
  /** Labeled human documents routed human, out of labeled human documents. */
  humanPass: Proportion;
}

/** An estimate that may be unavailable, with an interval (fractions 0..1). */
export interface FractionEstimate {
  /** `null` when the prevalence could not be estimated. */
  estimate: number | null;
  ci95: Interval;
  warnings: string[];
}

/**
 * The expected synthetic fraction of the human shard, with an interval.
 *
 * The interval uses the corners of: the prevalence interval as given, and Wilson intervals
 * at level 1 - α/3 for leak-through and human pass. f increases with prevalence and leak and
 * decreases with human pass, so lower = f(p_lo, leak_lo, pass_hi), upper = f(p_hi, leak_hi, pass_lo).
 * When the prevalence comes from {@link roganGladen} on the same canaries, leak = 1 - Se and
 * pass = Sp, the box is the same one, and the interval keeps the joint confidence level.
 * A prevalence from an independent source should carry an interval at level >= 1 - α/3.
 */
export function syntheticFractionInHuman(input: SyntheticFractionInput, options: PrevalenceOptions = {}): FractionEstimate {
  const { confidence } = { ...DEFAULTS, ...options };
  const z = perInputZ(confidence);
  const leak = rate(input.leakThrough, 'leakThrough');
  const pass = rate(input.humanPass, 'humanPass');
  const leakI = proportionInterval(input.leakThrough, z);
  const passI = proportionInterval(input.humanPass, z);
  const { estimate: p, ci95: pI } =
    typeof input.prevalence === 'number' ? { estimate: input.prevalence, ci95: [input.prevalence, input.prevalence] as Interval } : input.prevalence;
  const warnings: string[] = [];
  if (p === null) warnings.push('Prevalence is not identifiable, so the synthetic fraction of the human shard is bounded only by its interval.');
  if (p !== null && !(p >= 0 && p <= 1)) throw new RangeError(`prevalence is ${p}: expected a fraction in [0, 1]`);
  const estimate = p === null ? null : syntheticFractionInHumanPoint(p, leak, pass);
  const ci95: Interval = [
    syntheticFractionInHumanPoint(pI[0], leakI[0], passI[1]),
    syntheticFractionInHumanPoint(pI[1], leakI[1], passI[0]),
  ];
  return { estimate, ci95, warnings };
}

/** Counts measured during a run, in the terms of one cut (`score >= low` is flagged). */
export interface ContaminationCounts {
  /** Crawl documents scored, and how many of them were not routed human (routed synthetic or uncertain). */
  crawl: { notRoutedHuman: number; total: number };
  /** Labeled synthetic documents (canaries), and how many of them were routed human (leaked). */
  syntheticCanaries: { routedHuman: number; total: number };
  /** Labeled human documents (canaries), and how many of them were routed human (passed). */
  humanCanaries: { routedHuman: number; total: number };
}

/**
 * Prevalence of the crawl and synthetic fraction of the human shard from one run's counts,
 * wiring {@link roganGladen} and {@link syntheticFractionInHuman} with the same flagged
 * definition so callers cannot mix cuts.
 */
export function estimateContamination(
  counts: ContaminationCounts,
  options: PrevalenceOptions = {},
): { prevalence: PrevalenceEstimate; syntheticFractionInHuman: FractionEstimate } {
  const { crawl, syntheticCanaries: s, humanCanaries: h } = counts;
  const prevalence = roganGladen(
    { k: crawl.notRoutedHuman, n: crawl.total },
    { k: s.total - s.routedHuman, n: s.total },
    { k: h.routedHuman, n: h.total },
    options,
  );
  const fraction = syntheticFractionInHuman(
    { prevalence, leakThrough: { k: s.routedHuman, n: s.total }, humanPass: { k: h.routedHuman, n: h.total } },
    options,
  );
  return { prevalence, syntheticFractionInHuman: fraction };
}

const DEFAULTS: Required<PrevalenceOptions> = { confidence: 0.95 };

/** Bonferroni: three inputs share the error budget α = 1 - confidence. */
function perInputZ(confidence: number): number {
  return zForConfidence(1 - (1 - confidence) / 3);
}

function rate(p: Proportion, name: string): number {
  if (!(p.n > 0)) throw new RangeError(`${name} has n = ${p.n}: expected at least one document`);
  if (!(p.k >= 0 && p.k <= p.n)) throw new RangeError(`${name} has k = ${p.k}: expected a count between 0 and n = ${p.n}`);
  return p.k / p.n;
}

function corners(a: Interval, b: Interval, c: Interval): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (const x of a) for (const y of b) for (const w of c) out.push([x, y, w]);
  return out;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

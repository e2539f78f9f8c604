import { assertFraction } from './validate.js';

/** Inputs of {@link projectSyntheticShare}. All rates are fractions 0..1. */
export interface ProjectionInput {
  /** Fraction of synthetic documents the filter routes to the human shard. */
  leak: number;
  /** Synthetic prevalence of the first crawl (generation 0). */
  prevalence: number;
  /** Number of crawl-and-retrain generations to project (rows returned), an integer >= 1. */
  generations: number;
  /**
   * Fraction of human documents kept out of the human shard (routed synthetic, plus routed
   * uncertain if the uncertain shard is not trained on). @defaultValue 0
   */
  humanLoss?: number;
  /**
   * Fraction of the remaining human web that synthetic text replaces each generation:
   * p_{k+1} = p_k + (1 - p_k)·growth. 0 keeps the prevalence fixed. @defaultValue 0
   */
  growth?: number;
}

/** One generation of the projection; all values are fractions 0..1. */
export interface ProjectionRow {
  /** 0 for the first crawl. */
  generation: number;
  /** Synthetic prevalence of this generation's crawl. */
  prevalence: number;
  /** Synthetic share of the human shard built from this generation's crawl. */
  syntheticShare: number;
  /**
   * Synthetic share of a training pool that accumulates every generation's human shard so
   * far (equal crawl sizes), instead of replacing it.
   */
  cumulativeSyntheticShare: number;
}

/**
 * Projects how much synthetic text the filtered training pool holds over repeated
 * crawl-and-retrain generations. A deliberately simple model, to show the trend, not to forecast:
 *
 * - The web's synthetic prevalence grows by a fixed fraction of what is still human:
 *   p_{k+1} = p_k + (1 - p_k)·growth (growth = 0: fixed prevalence). This stands in for
 *   models trained on the previous pool publishing text; it ignores who publishes how much.
 * - The filter's error rates are constant across generations. In reality detectors age:
 *   newer generators are harder to detect, so `leak` tends to rise.
 * - The human shard of generation k has synthetic share
 *   a_k = p_k·leak / (p_k·leak + (1 - p_k)·(1 - humanLoss)),
 *   i.e. the pool mixture is (1 - a_k)·P_human + a_k·P_synthetic.
 * - `cumulativeSyntheticShare` assumes equal crawl sizes and a pool that keeps every earlier
 *   human shard (accumulating data, which slows collapse compared with replacing it).
 */
export function projectSyntheticShare(input: ProjectionInput): ProjectionRow[] {
  const { leak, prevalence, generations } = input;
  const humanLoss = input.humanLoss ?? 0;
  const growth = input.growth ?? 0;
  assertFraction('leak', leak);
  assertFraction('prevalence', prevalence);
  assertFraction('humanLoss', humanLoss);
  assertFraction('growth', growth);
  if (!Number.isInteger(generations) || generations < 1) {
    throw new RangeError(`generations is ${generations}: expected an integer >= 1`);
  }

  const rows: ProjectionRow[] = [];
  let p = prevalence;
  let syntheticKept = 0;
  let totalKept = 0;
  for (let generation = 0; generation < generations; generation++) {
    // Per crawled document: expected synthetic and human documents that reach the human shard.
    const synthetic = p * leak;
    const human = (1 - p) * (1 - humanLoss);
    syntheticKept += synthetic;
    totalKept += synthetic + human;
    rows.push({
      generation,
      prevalence: p,
      syntheticShare: shareOf(synthetic, synthetic + human),
      cumulativeSyntheticShare: shareOf(syntheticKept, totalKept),
    });
    p = p + (1 - p) * growth;
  }
  return rows;
}

/** part/whole, with 0/0 = 0 (an empty shard holds no synthetic text). */
function shareOf(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

/** Counts of scores (0..1) in `bins` equal-width bins; a score of exactly 1 falls in the last bin. */
export function histogram(scores: Iterable<number>, bins = 20): number[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins is ${bins}: expected an integer >= 1`);
  const counts = new Array<number>(bins).fill(0);
  for (const s of scores) {
    if (!(s >= 0 && s <= 1)) continue;
    counts[Math.min(bins - 1, Math.floor(s * bins))]! += 1;
  }
  return counts;
}

/** Bin labels `0.00-0.05`, ... for {@link histogram}. */
export function binLabels(bins = 20): string[] {
  return Array.from({ length: bins }, (_, i) => `${(i / bins).toFixed(2)}-${((i + 1) / bins).toFixed(2)}`);
}

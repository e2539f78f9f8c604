/**
 * Document lengths in words, binned: one bin per length below 16 words, then eight bins per doubling
 * (each about 9% wide) up to 2^24 words, the last bin open-ended. Bins are counts, so histograms of
 * parts add up to the histogram of the whole.
 */
const EXACT_BELOW = 16;
const PER_DOUBLING = 8;
export const LENGTH_BINS = EXACT_BELOW + PER_DOUBLING * 20 + 1;

/** Lower bound (inclusive) of each bin, in words. */
const LOWER: readonly number[] = Array.from({ length: LENGTH_BINS }, (_, b) =>
  b < EXACT_BELOW ? b : Math.ceil(EXACT_BELOW * 2 ** ((b - EXACT_BELOW) / PER_DOUBLING)),
);

export function lengthBin(words: number): number {
  if (words < EXACT_BELOW) return words;
  let lo = EXACT_BELOW;
  let hi = LENGTH_BINS - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (LOWER[mid]! <= words) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The words a bin covers: [from, to], `to` Infinity for the last. */
export function binRange(bin: number): [number, number] {
  return [LOWER[bin]!, bin + 1 < LENGTH_BINS ? LOWER[bin + 1]! - 1 : Infinity];
}

/** The bin holding the q-quantile (0 < q <= 1) of the histogram's documents: the first whose cumulative count reaches q * total. */
export function quantileBin(bins: ArrayLike<number>, q: number): number {
  let total = 0;
  for (let b = 0; b < bins.length; b++) total += bins[b]!;
  const target = q * total;
  let seen = 0;
  for (let b = 0; b < bins.length; b++) {
    seen += bins[b]!;
    if (seen >= target && seen > 0) return b;
  }
  return bins.length - 1;
}

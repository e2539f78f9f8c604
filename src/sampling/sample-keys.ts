import { fmix32, fnvString, seededOffset } from '../features/hash.js';
import type { Thresholds } from '../routing/thresholds.js';

/**
 * A uniform pseudo-random key in [0, 1) for a document, fixed by the seed and the document's
 * identity alone (53 bits from two seeded 32-bit hashes): sampling by the smallest keys is then the
 * same whatever order the documents are read in. Pure.
 */
export function randomKey(seed: number, identity: string): number {
  const high = fmix32(fnvString(seededOffset(seed), identity));
  const low = fmix32(fnvString(seededOffset(seed ^ 0x9e3779b9), identity)) >>> 11;
  return (high * 2 ** 21 + low) / 2 ** 53;
}

/**
 * How far a score is from the decision region, the uncertain band `[low, high)`: 0 inside it, else
 * the distance to the nearer threshold (score units). Pure.
 */
export function decisionDistance(score: number, thresholds: Thresholds): number {
  return Math.max(0, thresholds.low - score, score - thresholds.high);
}

/** How far a score is from the middle of the decision region: orders the documents inside it. Pure. */
export function distanceToMiddle(score: number, thresholds: Thresholds): number {
  return Math.abs(score - (thresholds.low + thresholds.high) / 2);
}

import type { Rng } from './rng.js';

/** A uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(rng() * n));
}

/** A uniform element of a non-empty list. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[randomInt(rng, items.length)]!;
}

/** `k` distinct indices from [0, n), in increasing order (partial Fisher-Yates). */
export function sampleIndices(rng: Rng, n: number, k: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  const take = Math.min(k, n);
  for (let i = 0; i < take; i++) {
    const j = i + randomInt(rng, n - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, take).sort((a, b) => a - b);
}

/**
 * How many of `candidates` an attack alters at `rate` (fraction 0..1): floor(rate · candidates),
 * as RAID does (`int(N * len(...))`). The epsilon keeps 0.5 · 10 from landing on 4.
 */
export function countForRate(rate: number, candidates: number): number {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`rate is ${rate}: expected a fraction in [0, 1]`);
  return Math.floor(rate * candidates + 1e-9);
}

/** A source of uniform random numbers in [0, 1). Attacks take one so a seed fixes their output. */
export type Rng = () => number;

/**
 * mulberry32: a small, fast 32-bit PRNG (Tommy Ettinger's), good enough for choosing
 * positions to perturb. Not for cryptography. The same seed gives the same sequence on every
 * platform because it uses only 32-bit integer arithmetic (`Math.imul`, `>>>`).
 */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit seed from a string (FNV-1a over UTF-16 code units), so each document can get its
 * own reproducible stream, e.g. `mulberry32(seedFromString(doc.id))`.
 */
export function seedFromString(s: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    hash ^= s.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A source of uniform random numbers in [0, 1). Everything seeded in crawlsift takes one. */
export type Rng = () => number;

/**
 * mulberry32: a small, fast 32-bit PRNG (Tommy Ettinger's). Training shuffles, attacks and canary
 * draws use it instead of Math.random so a seed fixes their output on every platform (only 32-bit
 * integer arithmetic: `Math.imul`, `>>>`). Not for cryptography.
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
 * A stable 32-bit hash of a string (FNV-1a over UTF-16 code units): a per-document seed
 * (`mulberry32(seedFromString(doc.id))`) or a deterministic hold-out split by id.
 */
export function seedFromString(s: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    hash ^= s.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Fisher-Yates shuffle in place, driven by `random`. */
export function shuffleInPlace<T>(items: T[], random: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}

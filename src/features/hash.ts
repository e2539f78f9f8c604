/**
 * 32-bit FNV-1a over UTF-16 code units, stepped one code unit at a time so callers can hash
 * n-grams of a longer string without slicing it (the n-gram hashing is the hot path), and
 * MurmurHash3's fmix32 finaliser to spread FNV's weak low bits before taking a bucket.
 */

/** FNV-1a 32-bit offset basis. */
export const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a 32-bit prime. */
export const FNV_PRIME = 0x01000193;

/**
 * Start state of a hash namespace: the offset basis mixed with a seed, so that the same
 * string hashes differently in different namespaces (word vs character n-grams).
 */
export function seededOffset(seed: number): number {
  return (FNV_OFFSET ^ fmix32(seed)) >>> 0;
}

/** FNV-1a of a whole string, continuing from state `h`. */
export function fnvString(h: number, s: string): number {
  let x = h;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), FNV_PRIME);
  return x >>> 0;
}

/** MurmurHash3 32-bit finaliser: full avalanche, so every output bit depends on every input bit. */
export function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

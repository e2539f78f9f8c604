/**
 * 32-bit hashing for symbols and n-gram keys of the reference language models.
 *
 * Keys are hashed, never stored: a table holds a 32-bit fingerprint per entry, which keeps
 * the shipped model small. A false match needs two different n-grams to share all 32 bits
 * within one probe chain, which at a few million entries is rare enough to be noise.
 */

/** FNV-1a over UTF-16 code units; words are short, so this beats anything fancier. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One mixing round (murmur3 finaliser) after folding a symbol into the running key. */
export function mixSymbol(h: number, symbol: number): number {
  let x = (h ^ symbol) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Seeds keep keys of different orders and kinds (n-gram vs context) apart by construction. */
export function ngramSeed(order: number): number {
  return Math.imul(order, 0x9e3779b1) >>> 0;
}

/** Seed for a context key of `length` symbols; distinct from every n-gram seed. */
export function contextSeed(length: number): number {
  return (Math.imul(length + 17, 0x9e3779b1) ^ 0x5bd1e995) >>> 0;
}

/**
 * Key of `symbols[start .. start+length)` under `seed`; 0 is reserved for "empty slot", so
 * it is mapped to 1.
 */
export function keyOf(seed: number, symbols: ArrayLike<number>, start: number, length: number): number {
  let h = seed;
  for (let i = 0; i < length; i++) h = mixSymbol(h, symbols[start + i]!);
  return h === 0 ? 1 : h;
}

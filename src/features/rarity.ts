import { FNV_OFFSET, fnvString } from './hash.js';
import { prefetchZipf, zipfByHash, type FrequencyTable } from './reference-frequencies.js';

/**
 * Word rarity against a reference list of pre-LLM human English (see
 * `reference-frequencies.ts`). Sampling favours probable tokens, so machine text leans on
 * frequent words and avoids the rare tail that human writers (names, slang, jargon, typos)
 * produce; the direction can flip for modern chat models, whose formal register uses words
 * rare in speech. Zipf values: log10 of frequency per billion words (3 = one per million).
 *
 * Eligible words: words without a digit (numbers are not vocabulary). A word with an
 * apostrophe that is not in the list is looked up by its part before the apostrophe, since
 * SUBTLEX splits "don't" into "don" + "t" and "john's" into "john" + "s".
 */
export interface RarityStats {
  /** Mean Zipf value of eligible words found in the list; 0 if none. */
  meanZipf: number;
  /** Share of eligible words not in the list; 0 if no eligible word. */
  oovRate: number;
  /** Share of eligible words in the list with Zipf < 3 (rarer than one per million words). */
  rareRate: number;
  /** Share of eligible words with Zipf >= 6 (about the 100 most frequent words). */
  commonRate: number;
}

/** Below this Zipf value a listed word counts as rare. */
export const RARE_ZIPF = 3;
/** At or above this Zipf value a word counts as very common. */
export const COMMON_ZIPF = 6;

function hasDigit(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

/**
 * Zipf value of word `w` whose FNV-1a hash is `hash`; a word with an apostrophe that is not
 * listed falls back to its part before the apostrophe.
 */
function lookUp(table: FrequencyTable, w: string, hash: number): number | undefined {
  const z = zipfByHash(table, hash);
  if (z !== undefined) return z;
  const apostrophe = w.indexOf("'");
  return apostrophe > 0 ? zipfByHash(table, fnvString(FNV_OFFSET, w.slice(0, apostrophe)) | 0) : undefined;
}

/**
 * All four rarity statistics from the vocabulary (distinct lower-cased words, their counts
 * and FNV-1a hashes, as from `buildVocabulary`): each distinct word is looked up once and
 * weighted by its count.
 */
export function rarityStats(
  types: readonly string[],
  counts: ArrayLike<number>,
  hashes: ArrayLike<number>,
  table: FrequencyTable,
): RarityStats {
  prefetchSink ^= prefetchZipf(table, hashes, types.length);
  let eligible = 0;
  let found = 0;
  let zipfSum = 0;
  let rare = 0;
  let common = 0;
  for (let id = 0; id < types.length; id++) {
    const w = types[id] as string;
    if (hasDigit(w)) continue;
    const c = counts[id] as number;
    eligible += c;
    const z = lookUp(table, w, hashes[id] as number);
    if (z === undefined) continue;
    found += c;
    zipfSum += c * z;
    if (z < RARE_ZIPF) rare += c;
    if (z >= COMMON_ZIPF) common += c;
  }
  if (eligible === 0) return { meanZipf: 0, oovRate: 0, rareRate: 0, commonRate: 0 };
  return {
    meanZipf: found === 0 ? 0 : zipfSum / found,
    oovRate: (eligible - found) / eligible,
    rareRate: rare / eligible,
    commonRate: common / eligible,
  };
}

/** Where {@link rarityStats} leaves the prefetch loads' value (never read). */
let prefetchSink = 0;

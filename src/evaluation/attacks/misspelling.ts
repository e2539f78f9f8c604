import { RAID_ATTACK_RATES } from './attack-kinds.js';
import { COMMON_MISSPELLINGS } from './misspellings.js';
import type { Rng } from './rng.js';
import { countForRate, pick, sampleIndices } from './sampling.js';

/**
 * Misspells floor(rate · words) words (rate a fraction 0..1; RAID: 0.2), at most as many as
 * can be misspelled. A word in {@link COMMON_MISSPELLINGS} gets its listed misspelling; any
 * other word of 4+ letters gets two adjacent interior letters transposed ("filter" →
 * "fitler"), keeping its first and last letters, which keeps it readable. Capitalisation
 * (Word, WORD) is preserved. Only ASCII words are touched.
 */
export function misspelling(text: string, rng: Rng, rate: number = RAID_ATTACK_RATES.misspelling): string {
  const words = [...text.matchAll(/(?<![\p{L}\p{M}\p{N}])[A-Za-z]+(?![\p{L}\p{M}\p{N}])/gu)];
  const candidates = words.filter((m) => canMisspell(m[0]));
  const n = Math.min(countForRate(rate, words.length), candidates.length);
  let out = '';
  let from = 0;
  for (const j of sampleIndices(rng, candidates.length, n)) {
    const m = candidates[j]!;
    out += text.slice(from, m.index) + misspell(m[0], rng);
    from = m.index + m[0].length;
  }
  return out + text.slice(from);
}

function canMisspell(word: string): boolean {
  return Object.hasOwn(COMMON_MISSPELLINGS, word.toLowerCase()) || transposablePositions(word).length > 0;
}

function misspell(word: string, rng: Rng): string {
  const lower = word.toLowerCase();
  if (Object.hasOwn(COMMON_MISSPELLINGS, lower)) return matchCase(word, COMMON_MISSPELLINGS[lower]!);
  const i = pick(rng, transposablePositions(word));
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

/** Positions i (1 <= i <= length - 3) where letters i and i+1 differ, so swapping them changes the word. */
function transposablePositions(word: string): number[] {
  const out: number[] = [];
  for (let i = 1; i + 2 < word.length; i++) if (word[i]!.toLowerCase() !== word[i + 1]!.toLowerCase()) out.push(i);
  return out;
}

function matchCase(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase()) return replacement.toUpperCase();
  if (original[0] === original[0]!.toUpperCase()) return replacement[0]!.toUpperCase() + replacement.slice(1);
  return replacement;
}

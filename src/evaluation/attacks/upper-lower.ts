import { RAID_ATTACK_RATES } from './attack-kinds.js';
import type { Rng } from './rng.js';
import { countForRate, sampleIndices } from './sampling.js';

/**
 * Flips the case of the first letter of `rate` (fraction 0..1; RAID: 0.05) of the words.
 * Only letters whose flipped form is one character are candidates (not ß → SS).
 */
export function upperLower(text: string, rng: Rng, rate: number = RAID_ATTACK_RATES['upper-lower']): string {
  const candidates: number[] = [];
  // A word starts at a letter not preceded by a letter, digit or apostrophe ("don't" is one word).
  for (const m of text.matchAll(/(?<![\p{L}\p{N}\p{M}'’])\p{L}/gu)) {
    if (flipCase(m[0]) !== m[0] && flipCase(m[0]).length === m[0].length) candidates.push(m.index);
  }
  const chars = text.split('');
  for (const j of sampleIndices(rng, candidates.length, countForRate(rate, candidates.length))) {
    const i = candidates[j]!;
    // A matched letter may be a surrogate pair; flipped forms of the candidates have the same length.
    const letter = String.fromCodePoint(text.codePointAt(i)!);
    const flipped = flipCase(letter);
    for (let u = 0; u < letter.length; u++) chars[i + u] = flipped[u]!;
  }
  return chars.join('');
}

function flipCase(letter: string): string {
  const upper = letter.toUpperCase();
  return upper === letter ? letter.toLowerCase() : upper;
}

import { RAID_ATTACK_RATES } from './attack-kinds.js';
import type { Rng } from './rng.js';
import { countForRate, pick, sampleIndices } from './sampling.js';

/**
 * Invisible characters inserted by {@link zeroWidth}: zero width space, non-joiner, joiner
 * and word joiner. RAID uses U+200B only; mixing four exercises a normaliser that might
 * strip just one of them.
 */
export const ZERO_WIDTH_CHARS: readonly string[] = ['\u200B', '\u200C', '\u200D', '\u2060'];

/**
 * Inserts a zero-width character into `rate` (fraction 0..1) of the gaps between adjacent
 * characters (code points, so surrogate pairs stay whole). RAID's rate is 1: after every character.
 */
export function zeroWidth(text: string, rng: Rng, rate: number = RAID_ATTACK_RATES['zero-width']): string {
  const chars = Array.from(text);
  const gaps = Math.max(0, chars.length - 1);
  for (const gap of sampleIndices(rng, gaps, countForRate(rate, gaps))) {
    chars[gap] += pick(rng, ZERO_WIDTH_CHARS);
  }
  return chars.join('');
}

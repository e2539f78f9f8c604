import { RAID_ATTACK_RATES } from './attack-kinds.js';
import type { Rng } from './rng.js';
import { pick, countForRate, sampleIndices } from './sampling.js';

const DIGITS = '0123456789'.split('');

/**
 * Picks `rate` (fraction 0..1; RAID: 0.5) of the numbers (runs of digits, with an optional
 * decimal part) and replaces every digit in them with a different digit. A leading non-zero
 * digit stays non-zero so the number keeps its order of magnitude, as RAID intends.
 */
export function numberSwap(text: string, rng: Rng, rate: number = RAID_ATTACK_RATES['number-swap']): string {
  const numbers = [...text.matchAll(/\d+(?:\.\d+)?/g)];
  const chars = text.split('');
  for (const j of sampleIndices(rng, numbers.length, countForRate(rate, numbers.length))) {
    const m = numbers[j]!;
    for (let i = m.index; i < m.index + m[0].length; i++) {
      const digit = chars[i]!;
      if (digit === '.') continue;
      const keepNonZero = i === m.index && digit !== '0';
      chars[i] = pick(rng, DIGITS.filter((d) => d !== digit && !(keepNonZero && d === '0')));
    }
  }
  return chars.join('');
}

import { RAID_ATTACK_RATES } from './attack-kinds.js';
import type { Rng } from './rng.js';
import { countForRate, pick, randomInt } from './sampling.js';

/**
 * Adds one extra space or tab to randomly chosen gaps between words, floor(rate · words)
 * times in all (fraction 0..1; RAID: 0.2). Like RAID the gaps are drawn with replacement, so
 * a gap can grow by several characters. Words and the existing whitespace are kept.
 */
export function whitespace(text: string, rng: Rng, rate: number = RAID_ATTACK_RATES.whitespace): string {
  // Gaps are whitespace runs with text on both sides: leading/trailing whitespace is not between words.
  const gaps = [...text.matchAll(/(?<=\S)\s+(?=\S)/g)].map((m) => m.index + m[0].length);
  if (gaps.length === 0) return text;
  const words = gaps.length + 1;
  const extra = new Array<string>(gaps.length).fill('');
  for (let n = countForRate(rate, words); n > 0; n--) extra[randomInt(rng, gaps.length)] += pick(rng, [' ', '\t']);
  let out = '';
  let from = 0;
  gaps.forEach((end, g) => {
    out += text.slice(from, end) + extra[g];
    from = end;
  });
  return out + text.slice(from);
}

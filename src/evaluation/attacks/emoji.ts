import { RAID_ATTACK_RATES } from './attack-kinds.js';
import type { Rng } from './rng.js';
import { countForRate, pick, sampleIndices } from './sampling.js';

/**
 * What {@link emoji} adds: single pictographs, a dingbat with its emoji variation selector, a
 * skin-toned hand, zero-width-joiner sequences (a family, a coder with a skin tone, the rainbow
 * flag), a flag of two regional indicators, a keycap and a tag sequence (England's flag).
 */
export const EMOJI_SEQUENCES: readonly string[] = [
  '\u{1F600}', // 😀
  '\u{1F44D}', // 👍
  '\u{1F525}', // 🔥
  '\u2728', // ✨
  '\u{1F680}', // 🚀
  '\u2764\uFE0F', // ❤️
  '\u2705', // ✅
  '\u{1F44D}\u{1F3FD}', // 👍🏽
  '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}', // 👨‍👩‍👧
  '\u{1F469}\u{1F3FE}\u200D\u{1F4BB}', // 👩🏾‍💻
  '\u{1F3F3}\uFE0F\u200D\u{1F308}', // 🏳️‍🌈
  '\u{1F1FA}\u{1F1F8}', // 🇺🇸
  '1\uFE0F\u20E3', // 1️⃣
  '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}', // 🏴󠁧󠁢󠁥󠁮󠁧󠁿
];

/**
 * Decorates the text with pictographs and emoji sequences, as a writer (or an evader) would: one
 * after the last word, and one after `rate` (fraction 0..1; default 0.5) of the sentence ends
 * (end punctuation, optionally closing quotes or brackets, followed by a space), each drawn from
 * {@link EMOJI_SEQUENCES} and set off by a space. Not one of RAID's attacks: issue 15 found that
 * appending one emoji or a family emoji moved machine text to the human shard.
 */
export function emoji(text: string, rng: Rng, rate: number = RAID_ATTACK_RATES.emoji): string {
  if (text.length === 0) return text;
  const ends = [...text.matchAll(/(?<=[.!?]["')\]]*)(?=[ \t])/g)];
  let out = '';
  let from = 0;
  for (const j of sampleIndices(rng, ends.length, countForRate(rate, ends.length))) {
    const at = ends[j]!.index;
    out += `${text.slice(from, at)} ${pick(rng, EMOJI_SEQUENCES)}`;
    from = at;
  }
  return `${out}${text.slice(from).trimEnd()} ${pick(rng, EMOJI_SEQUENCES)}`;
}

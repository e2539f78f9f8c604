import { RAID_ATTACK_RATES } from './attack-kinds.js';
import type { Rng } from './rng.js';
import { countForRate, sampleIndices } from './sampling.js';

/**
 * Turns `rate` (fraction 0..1; RAID: 0.5) of the sentence boundaries into paragraph breaks:
 * the spaces between the sentences become "\n\n". A boundary is end punctuation (. ! ?,
 * optionally followed by closing quotes or brackets), spaces or tabs, then a capital letter,
 * digit or opening quote. This is cruder than RAID's NLTK sentence splitter: "Dr. Smith"
 * counts as a boundary.
 */
export function insertParagraphs(text: string, rng: Rng, rate: number = RAID_ATTACK_RATES['insert-paragraphs']): string {
  const boundaries = [...text.matchAll(/(?<=[.!?]["'”’)\]]*)[ \t]+(?=["'“‘(\[]?[\p{Lu}\p{N}])/gu)];
  let out = '';
  let from = 0;
  for (const j of sampleIndices(rng, boundaries.length, countForRate(rate, boundaries.length))) {
    const m = boundaries[j]!;
    out += text.slice(from, m.index) + '\n\n';
    from = m.index + m[0].length;
  }
  return out + text.slice(from);
}

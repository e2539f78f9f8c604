import { RAID_ATTACK_RATES } from './attack-kinds.js';
import type { Rng } from './rng.js';
import { countForRate, sampleIndices } from './sampling.js';

/**
 * Deletes `rate` (fraction 0..1; RAID: 0.5) of the articles "a", "an" and "the", with the
 * whitespace after them ("saw the cat" → "saw cat"). Like RAID, only lower-case articles
 * after whitespace (or at the start) count: a capital "A" is too often a letter or a name
 * ("Plan A works"), and deleting a sentence-initial "The" would leave a lower-case start.
 */
export function articleDeletion(text: string, rng: Rng, rate: number = RAID_ATTACK_RATES['article-deletion']): string {
  const articles = [...text.matchAll(/(?<=^|\s)(?:a|an|the)\s+/g)];
  let out = '';
  let from = 0;
  for (const j of sampleIndices(rng, articles.length, countForRate(rate, articles.length))) {
    const m = articles[j]!;
    out += text.slice(from, m.index);
    from = m.index + m[0].length;
  }
  return out + text.slice(from);
}

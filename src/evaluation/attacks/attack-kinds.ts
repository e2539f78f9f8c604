import type { Rng } from './rng.js';

/**
 * The character- and word-level evasion attacks of RAID (Dugan et al., ACL 2024) we reproduce, and
 * `emoji` (pictographs and emoji sequences appended and inserted; ours, not RAID's).
 */
export const ATTACK_KINDS = [
  'homoglyph',
  'zero-width',
  'whitespace',
  'upper-lower',
  'misspelling',
  'article-deletion',
  'number-swap',
  'insert-paragraphs',
  'emoji',
] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];

/** An attack: a pure function of the text and a seeded random source. */
export type Attack = (text: string, rng: Rng) => string;

/**
 * The fraction (0..1) of candidate positions each attack alters, as configured in RAID's
 * `generation/adversarial/attack.py` (github.com/liamdugan/raid): homoglyph and zero-width
 * at 1.0 (every candidate), whitespace 0.2 (of words), upper-lower 0.05 (of word-initial
 * letters), misspelling 0.2 (of words, at most the words that have a misspelling),
 * article-deletion, number-swap and insert-paragraphs 0.5 (of articles, numbers and
 * sentence boundaries). `emoji` is not RAID's: 0.5 of sentence ends get one, and the text's end
 * always does.
 */
export const RAID_ATTACK_RATES: Readonly<Record<AttackKind, number>> = {
  homoglyph: 1,
  'zero-width': 1,
  whitespace: 0.2,
  'upper-lower': 0.05,
  misspelling: 0.2,
  'article-deletion': 0.5,
  'number-swap': 0.5,
  'insert-paragraphs': 0.5,
  emoji: 0.5,
};

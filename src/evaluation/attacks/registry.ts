import { articleDeletion } from './article-deletion.js';
import { emoji } from './emoji.js';
import type { Attack, AttackKind } from './attack-kinds.js';
import { homoglyph } from './homoglyph.js';
import { insertParagraphs } from './insert-paragraphs.js';
import { misspelling } from './misspelling.js';
import { numberSwap } from './number-swap.js';
import { mulberry32, seedFromString } from './rng.js';
import { upperLower } from './upper-lower.js';
import { whitespace } from './whitespace.js';
import { zeroWidth } from './zero-width.js';

/** Every attack at RAID's rate, by name. */
export const ATTACKS: Readonly<Record<AttackKind, Attack>> = {
  homoglyph: (text, rng) => homoglyph(text, rng),
  'zero-width': (text, rng) => zeroWidth(text, rng),
  whitespace: (text, rng) => whitespace(text, rng),
  'upper-lower': (text, rng) => upperLower(text, rng),
  misspelling: (text, rng) => misspelling(text, rng),
  'article-deletion': (text, rng) => articleDeletion(text, rng),
  'number-swap': (text, rng) => numberSwap(text, rng),
  'insert-paragraphs': (text, rng) => insertParagraphs(text, rng),
  emoji: (text, rng) => emoji(text, rng),
};

/**
 * Applies one attack with a fresh generator seeded from `seed` (a number, or a string such
 * as a document id), so the result depends only on the text, the attack and the seed.
 */
export function applyAttack(kind: AttackKind, text: string, seed: number | string): string {
  const rng = mulberry32(typeof seed === 'string' ? seedFromString(seed) : seed);
  return ATTACKS[kind](text, rng);
}

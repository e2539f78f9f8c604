import { codeUnits } from './code-units.js';

/**
 * Character-level habits that survive normalisation. Case is deliberately absent: RAID's
 * upper-lower attack flips letter case at will, so a capitalisation feature would be both
 * easy to game and noisy; everything here reads the lower-cased normalised text.
 */

/** Character shares of one text, from one pass (see `characterStats`). */
export interface CharacterStats {
  /** Share of non-space characters that are ASCII digits. */
  digitRatio: number;
  /**
   * Share of non-space characters outside ASCII (accented letters, emoji, symbols, scripts
   * other than Latin) after homoglyph folding. Web text written by people carries emoji and
   * accented names that model output rarely has; a residue of unfolded look-alikes also
   * shows up here. A surrogate pair counts as one character.
   */
  nonAsciiRatio: number;
}

/** Per ASCII code unit: 1 if it counts as a non-space character, plus 2 if it is a digit. */
const ASCII_COUNTS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) table[c] = (c === 0x20 ? 0 : 1) | (c >= 0x30 && c <= 0x39 ? 2 : 0);
  return table;
})();

/**
 * Digit and non-ASCII shares of the non-space characters; both 0 when there are none.
 * ASCII code units are counted by table, without branching on space or digit: those branches
 * mispredicted at every word boundary.
 */
export function characterStats(text: string): CharacterStats {
  let digits = 0;
  let other = 0;
  let nonSpace = 0;
  const units = codeUnits(text);
  for (let i = 0; i < text.length; i++) {
    const c = units[i]!;
    if (c < 0x80) {
      const counts = ASCII_COUNTS[c]!;
      nonSpace += counts & 1;
      digits += counts >> 1;
    } else if (c < 0xdc00 || c > 0xdfff) {
      // a low surrogate completes a character already counted at its high surrogate
      nonSpace++;
      other++;
    }
  }
  if (nonSpace === 0) return { digitRatio: 0, nonAsciiRatio: 0 };
  return { digitRatio: digits / nonSpace, nonAsciiRatio: other / nonSpace };
}

/**
 * Share of words with an inner apostrophe ("don't", "it's", "john's"); 0 for no words.
 * Contractions mark informal human writing; models, especially older or formal ones, write
 * "do not". (The tokeniser has already trimmed quote marks around words.) Computed over the
 * vocabulary (distinct words and their counts).
 */
export function contractionRate(types: readonly string[], counts: ArrayLike<number>): number {
  let n = 0;
  let hits = 0;
  for (let id = 0; id < types.length; id++) {
    const c = counts[id] as number;
    n += c;
    if ((types[id] as string).includes("'")) hits += c;
  }
  return n === 0 ? 0 : hits / n;
}

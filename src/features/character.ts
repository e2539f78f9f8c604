/**
 * Character-level habits that survive normalisation. Case is deliberately absent: RAID's
 * upper-lower attack flips letter case at will, so a capitalisation feature would be both
 * easy to game and noisy; everything here reads the lower-cased normalised text.
 */

/** Share of non-space characters that are ASCII digits; 0 for text with no such characters. */
export function digitRatio(text: string): number {
  let digits = 0;
  let nonSpace = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) continue;
    nonSpace++;
    if (c >= 0x30 && c <= 0x39) digits++;
  }
  return nonSpace === 0 ? 0 : digits / nonSpace;
}

/**
 * Share of non-space characters outside ASCII (accented letters, emoji, symbols, scripts
 * other than Latin) after homoglyph folding; 0 for no such characters. Web text written by
 * people carries emoji and accented names that model output rarely has, and a residue of
 * unfolded look-alikes also shows up here.
 */
export function nonAsciiRatio(text: string): number {
  let other = 0;
  let nonSpace = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) continue;
    nonSpace++;
    // A surrogate pair is one character: count its high half only.
    if (c >= 0x80 && !(c >= 0xdc00 && c <= 0xdfff)) other++;
    else if (c >= 0xdc00 && c <= 0xdfff) nonSpace--;
  }
  return nonSpace === 0 ? 0 : other / nonSpace;
}

/**
 * Share of words with an inner apostrophe ("don't", "it's", "john's"); 0 for no words.
 * Contractions mark informal human writing; models, especially older or formal ones, write
 * "do not". (The tokeniser has already trimmed quote marks around words.)
 */
export function contractionRate(words: readonly string[]): number {
  if (words.length === 0) return 0;
  let hits = 0;
  for (const w of words) if (w.includes("'")) hits++;
  return hits / words.length;
}

import { RAID_ATTACK_RATES } from './attack-kinds.js';
import type { Rng } from './rng.js';
import { countForRate, pick, sampleIndices } from './sampling.js';

/**
 * Latin letters and Cyrillic (U+04xx) or Greek (U+03xx) letters drawn the same in most
 * fonts (Unicode's confusables). Lower-case Greek is left out where it differs visibly
 * (Greek α, ε are not look-alikes of a, e in most fonts).
 */
export const HOMOGLYPHS: Readonly<Record<string, readonly string[]>> = {
  a: ['\u0430'], // Cyrillic а
  c: ['\u0441'], // Cyrillic с
  e: ['\u0435'], // Cyrillic е
  i: ['\u0456'], // Cyrillic і
  j: ['\u0458'], // Cyrillic ј
  o: ['\u043E', '\u03BF'], // Cyrillic о, Greek ο
  p: ['\u0440'], // Cyrillic р
  s: ['\u0455'], // Cyrillic ѕ
  x: ['\u0445'], // Cyrillic х
  y: ['\u0443'], // Cyrillic у
  A: ['\u0410', '\u0391'], // Cyrillic А, Greek Α
  B: ['\u0412', '\u0392'], // Cyrillic В, Greek Β
  C: ['\u0421'], // Cyrillic С
  E: ['\u0415', '\u0395'], // Cyrillic Е, Greek Ε
  H: ['\u041D', '\u0397'], // Cyrillic Н, Greek Η
  I: ['\u0406', '\u0399'], // Cyrillic І, Greek Ι
  J: ['\u0408'], // Cyrillic Ј
  K: ['\u041A', '\u039A'], // Cyrillic К, Greek Κ
  M: ['\u041C', '\u039C'], // Cyrillic М, Greek Μ
  N: ['\u039D'], // Greek Ν
  O: ['\u041E', '\u039F'], // Cyrillic О, Greek Ο
  P: ['\u0420', '\u03A1'], // Cyrillic Р, Greek Ρ
  S: ['\u0405'], // Cyrillic Ѕ
  T: ['\u0422', '\u03A4'], // Cyrillic Т, Greek Τ
  X: ['\u0425', '\u03A7'], // Cyrillic Х, Greek Χ
  Y: ['\u04AE', '\u03A5'], // Cyrillic Ү, Greek Υ
  Z: ['\u0396'], // Greek Ζ
};

/**
 * Replaces `rate` (fraction 0..1) of the Latin letters that have a look-alike with a
 * Cyrillic or Greek one. RAID replaces all of them (rate 1). The text looks unchanged to a
 * reader but its byte-level and token statistics change completely.
 */
export function homoglyph(text: string, rng: Rng, rate: number = RAID_ATTACK_RATES.homoglyph): string {
  const chars = text.split('');
  // Every key is one ASCII letter, one UTF-16 unit, so indexing code units is safe here.
  const candidates: number[] = [];
  chars.forEach((c, i) => {
    if (Object.hasOwn(HOMOGLYPHS, c)) candidates.push(i);
  });
  for (const j of sampleIndices(rng, candidates.length, countForRate(rate, candidates.length))) {
    const i = candidates[j]!;
    chars[i] = pick(rng, HOMOGLYPHS[chars[i]!]!);
  }
  return chars.join('');
}

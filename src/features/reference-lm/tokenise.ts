/**
 * Symbol streams the reference language models read.
 *
 * Both streams are lower-cased: casing is the first thing a character-level attack
 * (RAID's upper-lower) changes, and the LMs should measure word choice, not casing.
 */
import { hashString } from './hash.js';

/** Words, numbers and single punctuation marks; numbers share one symbol (their digits are noise). */
const WORD_RE = /[a-z]+(?:'[a-z]+)*|[0-9]+(?:[.,:][0-9]+)*|[^\sa-z0-9]/g;

/** The symbol every number maps to. */
export const NUMBER_SYMBOL = hashString('<num>');

/** Word symbols and how much of the text they cover. */
export interface WordSymbols {
  symbols: Uint32Array;
  /** Characters of the text up to the end of the last token read (all of it if not capped). */
  charsConsumed: number;
}

/**
 * Word symbols (32-bit hashes of lower-cased tokens) of the first `maxTokens` tokens.
 * @param normText text after crawlsift's normalisation (NFKC, homoglyphs folded, spaces collapsed)
 */
export function wordSymbols(normText: string, maxTokens: number): WordSymbols {
  const out: number[] = [];
  const re = new RegExp(WORD_RE.source, 'g');
  const lower = normText.toLowerCase();
  let m: RegExpExecArray | null;
  while (out.length < maxTokens && (m = re.exec(lower)) !== null) {
    const t = m[0];
    const c = t.charCodeAt(0);
    out.push(c >= 48 && c <= 57 ? NUMBER_SYMBOL : hashString(t));
  }
  const charsConsumed = out.length < maxTokens ? normText.length : re.lastIndex;
  return { symbols: Uint32Array.from(out), charsConsumed };
}

/**
 * Character classes: a-z are 1..26, digits 27, whitespace 28, common punctuation 29..41,
 * anything else 42. Folding rare characters keeps the alphabet small, so every context's
 * full next-character distribution is cheap to summarise at build time.
 */
const PUNCT = `.,'"?!:;-()/&%`;
export const CHAR_ALPHABET_SIZE = 29 + PUNCT.length + 1;

/** Character-class symbols of the first `maxChars` characters, lower-cased. */
export function charSymbols(normText: string, maxChars: number): Uint8Array {
  const n = Math.min(normText.length, maxChars);
  const out = new Uint8Array(n);
  const lower = normText.slice(0, n).toLowerCase();
  for (let i = 0; i < n; i++) {
    const c = lower.charCodeAt(i);
    let s: number;
    if (c >= 97 && c <= 122) s = c - 96;
    else if (c >= 48 && c <= 57) s = 27;
    else if (c === 32 || c === 10 || c === 9 || c === 13) s = 28;
    else {
      const p = PUNCT.indexOf(lower[i]!);
      s = p >= 0 ? 29 + p : 29 + PUNCT.length;
    }
    out[i] = s;
  }
  return out;
}

/**
 * Symbol streams the reference language models read.
 *
 * Both streams are lower-cased: casing is the first thing a character-level attack
 * (RAID's upper-lower) changes, and the LMs should measure word choice, not casing.
 */
import { codeUnits } from '../code-units.js';
import { hashString } from './hash.js';

/**
 * Words, numbers and single punctuation marks; numbers share one symbol (their digits are
 * noise). The definition of a token: `wordSymbols` implements it without running it.
 */
export const WORD_RE = /[a-z]+(?:'[a-z]+)*|[0-9]+(?:[.,:][0-9]+)*|[^\sa-z0-9]/g;

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
 *
 * Tokens are exactly `WORD_RE`'s matches, found by a hand-written scanner that hashes each
 * token from its code units as it goes: the regex built a match array and a token string per
 * token, a cost paid on every document (a test checks the scanner against the regex).
 * @param normText text after crawlsift's normalisation (NFKC, homoglyphs folded, spaces collapsed)
 */
export function wordSymbols(normText: string, maxTokens: number): WordSymbols {
  const scanned = scanWordSymbols(normText, maxTokens);
  return { symbols: scanned.symbols.slice(), charsConsumed: scanned.charsConsumed };
}

/**
 * {@link wordSymbols} with `symbols` a view of a shared scratch buffer, valid until the next
 * call: for the features, which score the symbols at once. Why: a typed array of its own costs
 * a backing store outside the JS heap, ~2 µs a document to allocate and collect.
 */
export function scanWordSymbols(normText: string, maxTokens: number): WordSymbols {
  const lower = normText.toLowerCase();
  const n = lower.length;
  const units = codeUnits(lower);
  const cap = Math.min(maxTokens, n);
  // Hashes go to a shared scratch buffer; the result is a view of it (wordSymbols copies it out).
  if (symbolScratch.length < cap) symbolScratch = new Uint32Array(cap);
  const symbols = symbolScratch;
  let count = 0;
  let end = 0; // end of the last token read
  let i = 0;
  while (count < maxTokens && i < n) {
    if (isRegexSpace(units[i]!)) {
      i++;
      continue;
    }
    end = i = readWordToken(units, n, i, symbols, count++);
  }
  return { symbols: symbols.subarray(0, count), charsConsumed: count < maxTokens ? normText.length : end };
}

/**
 * Reads the `WORD_RE` token that starts at `units[start]` (lower-cased text in `units[0..n)`;
 * `start` is not `\s`): writes its symbol to `symbols[at]` and returns the index just past it.
 * `[a-z]+(?:'[a-z]+)*` is hashed whole (FNV-1a over its code units, as `hashString`),
 * `[0-9]+(?:[.,:][0-9]+)*` is {@link NUMBER_SYMBOL}, anything else one code unit hashed. The word
 * stream's one tokeniser: {@link scanWordSymbols} reads every token with it, and the lab's
 * spoken-English stream its words and numbers.
 */
export function readWordToken(units: Uint16Array, n: number, start: number, symbols: Uint32Array, at: number): number {
  const c = units[start]!;
  let h = Math.imul(0x811c9dc5 ^ c, 0x01000193);
  let j = start + 1;
  if (isLetter(c)) {
    // [a-z]+(?:'[a-z]+)*
    for (;;) {
      let d = j < n ? units[j]! : 0;
      while (isLetter(d)) {
        h = Math.imul(h ^ d, 0x01000193);
        d = ++j < n ? units[j]! : 0;
      }
      if (d === 0x27 && j + 1 < n && isLetter(units[j + 1]!)) {
        h = Math.imul(h ^ 0x27, 0x01000193);
        j++;
        continue;
      }
      break;
    }
    symbols[at] = h >>> 0;
  } else if (isDigit(c)) {
    // [0-9]+(?:[.,:][0-9]+)*: every number is one symbol, so only its extent matters
    for (;;) {
      while (j < n && isDigit(units[j]!)) j++;
      const sep = j < n ? units[j]! : 0;
      if ((sep === 0x2e || sep === 0x2c || sep === 0x3a) && j + 1 < n && isDigit(units[j + 1]!)) {
        j++;
        continue;
      }
      break;
    }
    symbols[at] = NUMBER_SYMBOL;
  } else {
    symbols[at] = h >>> 0; // [^\sa-z0-9]: one code unit
  }
  return j;
}

/** Where {@link scanWordSymbols} collects hashes (the view it returns); grown on demand. */
let symbolScratch = new Uint32Array(512);

function isLetter(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** What `\s` matches in a regex without the u flag (ECMAScript WhiteSpace and LineTerminator). */
function isRegexSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
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

/**
 * The one tokeniser every feature family uses, so that "a word" and "a sentence" mean the
 * same thing in every feature.
 *
 * Input: normalised, lower-cased text (`normalise(text).toLowerCase()`): lower-casing first
 * makes every word-level feature immune to RAID's upper-lower attack.
 *
 * - A word is a maximal run of letters, digits, combining marks and apostrophes, with leading
 *   and trailing apostrophes trimmed ("'tis" and "dogs'" keep their letters; a quote mark
 *   around a word is not part of it). A '.' or ',' between two digits stays inside the word,
 *   so "3.5" and "1,000" are one word each.
 * - A sentence ends at a run of [.!?] followed (after optional closing quotes or brackets) by a
 *   space or the end of the text. Text after the last terminator is a sentence too, since
 *   crawled and truncated documents often end mid-sentence. Sentences without words are
 *   dropped. Abbreviations ("mr. smith") split sentences: a known, accepted error.
 */
export interface Tokens {
  /** The lower-cased words, in order. */
  words: string[];
  /** Number of words in each sentence, in order; every entry is >= 1. */
  sentenceLengths: number[];
  /** Index in `words` of each sentence's first word. */
  sentenceStarts: number[];
}

const APOSTROPHE = 0x27;

/** ASCII character classes, looked up instead of compared so the hot loop stays branch-light. */
const WORD = 1;
const TERMINATOR = 2; // . ! ?
const CLOSER = 4; // " ' ) ]
const ASCII_CLASS: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let c = 0x30; c <= 0x39; c++) table[c] = WORD;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = WORD;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = WORD;
  table[APOSTROPHE] = WORD | CLOSER;
  table[0x22] = CLOSER;
  table[0x29] = CLOSER;
  table[0x5d] = CLOSER;
  table[0x2e] = TERMINATOR;
  table[0x21] = TERMINATOR;
  table[0x3f] = TERMINATOR;
  return table;
})();

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

const NON_ASCII_WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/**
 * Memo of the regex test for BMP code units: 0 not yet tested, 1 word character, 2 not.
 * Filled lazily, so a document in a non-Latin script pays the regex once per distinct
 * character rather than once per character.
 */
const BMP_WORD_CLASS = new Uint8Array(65536);

/**
 * Width (1 or 2 code units) of the word character at `i`, or 0 when it is not one.
 * Non-ASCII characters take a (memoised) regex test.
 */
function wordCharWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (ASCII_CLASS[c] as number) & WORD;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const cp = text.codePointAt(i) ?? c;
    return NON_ASCII_WORD_CHAR.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  let known = BMP_WORD_CLASS[c] as number;
  if (known === 0) {
    known = NON_ASCII_WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    BMP_WORD_CLASS[c] = known;
  }
  return known === 1 ? 1 : 0;
}

function asciiClass(c: number): number {
  return c < 0x80 ? (ASCII_CLASS[c] as number) : 0;
}

/** Splits normalised lower-cased text into words and sentences (see the module comment). */
export function tokenize(text: string): Tokens {
  const words: string[] = [];
  const sentenceLengths: number[] = [];
  const sentenceStarts: number[] = [];
  const n = text.length;
  let sentenceStart = 0; // index in `words` of the current sentence's first word
  let i = 0;
  while (i < n) {
    const width = wordCharWidth(text, i);
    if (width > 0) {
      let end = i + width;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c < 0x80 && ((ASCII_CLASS[c] as number) & WORD) !== 0) {
          end++;
          continue;
        }
        if (c >= 0x80) {
          const w = wordCharWidth(text, end);
          if (w > 0) {
            end += w;
            continue;
          }
          break;
        }
        // "3.5", "1,000": a separator between digits belongs to the number.
        if ((c === 0x2e || c === 0x2c) && end + 1 < n && isDigit(text.charCodeAt(end - 1)) && isDigit(text.charCodeAt(end + 1))) {
          end += 1;
          continue;
        }
        break;
      }
      let a = i;
      let b = end;
      while (a < b && text.charCodeAt(a) === APOSTROPHE) a++;
      while (b > a && text.charCodeAt(b - 1) === APOSTROPHE) b--;
      if (b > a) words.push(text.slice(a, b));
      i = end;
      continue;
    }
    if (asciiClass(text.charCodeAt(i)) === TERMINATOR) {
      let j = i + 1;
      while (j < n && asciiClass(text.charCodeAt(j)) === TERMINATOR) j++;
      while (j < n && (asciiClass(text.charCodeAt(j)) & CLOSER) !== 0) j++;
      if (j >= n || text.charCodeAt(j) === 0x20) {
        if (words.length > sentenceStart) {
          sentenceStarts.push(sentenceStart);
          sentenceLengths.push(words.length - sentenceStart);
          sentenceStart = words.length;
        }
      }
      i = j;
      continue;
    }
    i += 1;
  }
  if (words.length > sentenceStart) {
    sentenceStarts.push(sentenceStart);
    sentenceLengths.push(words.length - sentenceStart);
  }
  return { words, sentenceLengths, sentenceStarts };
}

import { FOLD_TABLE } from './homoglyphs.js';

/**
 * Invisible characters removed before anything else: every format character (\p{Cf}: soft
 * hyphen, U+200B-U+200F zero-width space/joiners and marks, U+202A-U+202E and U+2066-U+2069
 * bidi controls, U+2060-U+2064 word joiner and invisible operators, U+FEFF, tag characters),
 * the combining grapheme joiner U+034F, variation selectors (U+FE00-U+FE0F,
 * U+E0100-U+E01EF), the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and the blank Braille
 * pattern U+2800, which render as nothing. RAID's zero-width attack hides such characters inside
 * words; removing them first also lets NFKC compose the characters on either side.
 */
const INVISIBLE_CLASS = String.raw`\p{Cf}\u034F\u115F\u1160\u3164\uFFA0\u2800\uFE00-\uFE0F\u{E0100}-\u{E01EF}`;
/**
 * Pictographs and the parts emoji are built from, removed with the invisible characters:
 * Extended_Pictographic (every emoji base, dingbats such as ✔ ★ ☺, and © ® ™), skin-tone
 * modifiers (U+1F3FB-U+1F3FF), regional indicators (flags, U+1F1E6-U+1F1FF) and enclosing
 * marks (\p{Me}: the keycap U+20E3, enclosing circles), and the decorative symbol blocks: box
 * drawing, block elements, geometric shapes, miscellaneous symbols and dingbats (U+2500-U+27BF:
 * ▶ ■ ★ ☆ ♦ ✓ ❖) and miscellaneous symbols and arrows (U+2B00-U+2BFF). With the joiners, variation selectors and
 * tag characters above, a whole ZWJ sequence (👨‍👩‍👧), a flag, a skin-toned or a tag sequence
 * goes, whatever its length. A keycap (1️⃣, #️⃣) goes with its base character.
 *
 * Why: appending one emoji or a family emoji to machine text moved documents to the human shard
 * (issue 15). Decoration says nothing about who wrote the words, and a detector trained on
 * decoration-free corpora must not be steered by it.
 */
const DECORATIVE_CLASS = String.raw`\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\p{Me}\u2500-\u27BF\u2B00-\u2BFF`;
const KEYCAP = String.raw`[0-9#*][\uFE0E\uFE0F]?\u20E3`;
const REMOVED = new RegExp(`${KEYCAP}|[${INVISIBLE_CLASS}${DECORATIVE_CLASS}]`, 'gu');
/**
 * Matches a character that is neither whitespace nor invisible: the text has something to score.
 * Pictographs count as visible here (a document of emoji is not empty; the scope guard's length
 * rule judges it), though `normalise` removes them too.
 */
export const VISIBLE_CHARACTER = new RegExp(`[^\\s${INVISIBLE_CLASS}]`, 'u');

/** True for code units that separate words: ASCII/Unicode whitespace and control characters. */
function isSpaceLike(c: number): boolean {
  if (c <= 0x20) return true; // C0 controls, tab, newlines, space
  if (c < 0x7f) return false;
  return (
    c <= 0xa0 || // DEL, C1 controls (incl. NEL U+0085), no-break space
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * The text as the detector sees it (the output shards keep the original).
 *
 * Steps, in order: remove invisible characters and pictographs; Unicode NFKC (fullwidth, ligatures,
 * mathematical letters, ellipsis, non-breaking spaces to their plain forms); fold homoglyphs
 * and typographic quotes/dashes to ASCII (see `homoglyphs.ts`); collapse every run of
 * whitespace or control characters to one space; trim. Case is kept: features lower-case
 * what they need.
 *
 * Pure ASCII input skips the first two steps, which is most documents and the hot path.
 */
export function normalise(text: string): string {
  if (isNormalAscii(text)) return text;
  return foldAndCollapse(text, true, true) ?? (foldAndCollapse(text.replace(REMOVED, '').normalize('NFKC'), false, true) as string);
}

/**
 * {@link normalise} without the homoglyph and typographic-punctuation folding: invisible
 * characters and pictographs removed, NFKC, whitespace collapsed, trimmed; every letter stays in its own script.
 *
 * Folding rewrites genuine Cyrillic, Greek and Armenian letters into ASCII look-alikes, which is
 * right for scoring English but wrong for telling which language a text is in: the scope guard
 * (src/scope) reads this view to name the language of such text.
 */
export function normaliseKeepingScript(text: string): string {
  return foldAndCollapse(text, true, false) ?? (foldAndCollapse(text.replace(REMOVED, '').normalize('NFKC'), false, false) as string);
}

/**
 * True when `normalise` would return `s` unchanged because it is printable ASCII with single
 * spaces between words and none at either end: most documents. Each code unit's verdict is
 * arithmetic, OR-ed into one flag and tested at the end: a branch on "is it a space" per code
 * unit mispredicted at every word boundary.
 */
function isNormalAscii(s: string): boolean {
  let bad = 0;
  let prevSpace = 1; // a leading space is not normal
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = ((c ^ 0x20) - 1) >>> 31; // 1 for a space (c is a code unit, so c ^ 0x20 >= 0)
    const outside = ((c - 0x20) | (0x7e - c)) >>> 31; // 1 below U+0020 or above U+007E
    bad |= outside | (space & prevSpace);
    prevSpace = space;
  }
  return bad === 0 && (prevSpace === 0 || s.length === 0);
}

/**
 * Folds table characters to ASCII (when `fold`) and collapses whitespace in one pass over the
 * code units. Returns the input string itself when nothing changes, so clean ASCII allocates
 * nothing. With `asciiOnly`, gives up (null) at the first non-ASCII code unit: that text needs
 * invisible-character and pictograph removal and NFKC first.
 */
function foldAndCollapse(s: string, asciiOnly: boolean, fold: boolean): string | null {
  const n = s.length;
  let out: Uint16Array | null = null;
  let len = 0;
  let pendingSpace = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (isSpaceLike(c)) {
      // A single plain space between words is the only whitespace kept unchanged.
      if (out === null && (c !== 0x20 || len === 0 || pendingSpace)) out = copyPrefix(s, len);
      pendingSpace = true;
      continue;
    }
    if (pendingSpace && len > 0) {
      if (out !== null) out[len] = 0x20;
      len++;
    }
    pendingSpace = false;
    if (c >= 0x80 && asciiOnly) return null;
    const folded = fold && c >= 0x80 ? FOLD_TABLE.get(c) : undefined;
    if (folded !== undefined) {
      if (out === null) out = copyPrefix(s, len);
      out[len++] = folded;
    } else {
      if (out !== null) out[len] = c;
      len++;
    }
  }
  // A trailing space was dropped: the output differs from the input.
  if (out === null && len !== n) out = copyPrefix(s, len);
  return out === null ? s : codeUnitsToString(out, len);
}

/** A buffer long enough for the output, holding the first `len` code units of `s`. */
function copyPrefix(s: string, len: number): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < len; i++) out[i] = s.charCodeAt(i);
  return out;
}

const CHUNK = 8192; // String.fromCharCode.apply argument-count limit stays far below the stack's

function codeUnitsToString(units: Uint16Array, len: number): string {
  let result = '';
  for (let start = 0; start < len; start += CHUNK) {
    const end = Math.min(len, start + CHUNK);
    result += String.fromCharCode.apply(null, units.subarray(start, end) as unknown as number[]);
  }
  return result;
}

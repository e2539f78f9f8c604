import { describe, expect, it } from 'vitest';
import { hashString } from '../../../src/features/reference-lm/hash.js';
import { NUMBER_SYMBOL, WORD_RE, scanWordSymbols, wordSymbols } from '../../../src/features/reference-lm/tokenise.js';

/** The regex formulation `wordSymbols` replaces: one symbol per WORD_RE match. */
function byRegex(text: string, maxTokens: number): { symbols: number[]; charsConsumed: number } {
  const symbols: number[] = [];
  const re = new RegExp(WORD_RE.source, 'g');
  const lower = text.toLowerCase();
  let m: RegExpExecArray | null;
  while (symbols.length < maxTokens && (m = re.exec(lower)) !== null) {
    const c = m[0].charCodeAt(0);
    symbols.push(c >= 48 && c <= 57 ? NUMBER_SYMBOL : hashString(m[0]));
  }
  return { symbols, charsConsumed: symbols.length < maxTokens ? text.length : re.lastIndex };
}

describe('wordSymbols', () => {
  const cases = [
    '',
    'The cat sat on the mat.',
    "don't 'quote' dogs' a'b' x''y",
    '3.5 1,000 2:30 4. 5.x .6 7,,8',
    'tabs\tnew\nlines\u00a0nbsp\u2003em\ufeffbom\u200bzw\u3000ideo',
    'Émile İstanbul 😀 — ok!? (yes)',
  ];
  it('gives exactly the WORD_RE tokens, hashed, with numbers folded', () => {
    for (const text of cases) {
      for (const max of [1, 2, 5, 300]) {
        const got = wordSymbols(text, max);
        expect({ symbols: [...got.symbols], charsConsumed: got.charsConsumed }).toEqual(byRegex(text, max));
      }
    }
  });

  it('hashes words whole and maps every number to one symbol', () => {
    expect([...wordSymbols("it's 42", 10).symbols]).toEqual([hashString("it's"), NUMBER_SYMBOL]);
  });

  it('scanWordSymbols gives the same symbols in scratch, and wordSymbols keeps its own copy', () => {
    const kept = cases.map((text) => wordSymbols(text, 300));
    for (const [i, text] of cases.entries()) {
      const scanned = scanWordSymbols(text, 300);
      expect([...scanned.symbols]).toEqual(byRegex(text, 300).symbols);
      expect(scanned.charsConsumed).toBe(kept[i]!.charsConsumed);
    }
    // Later scans overwrite the scratch, never an array wordSymbols returned.
    for (const [i, text] of cases.entries()) expect([...kept[i]!.symbols]).toEqual(byRegex(text, 300).symbols);
  });
});

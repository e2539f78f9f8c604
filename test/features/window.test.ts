import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../../src/random.js';
import { countWords, fromWord, leadingWords } from '../../src/features/window.js';

describe('the feature window', () => {
  it('keeps the first n whitespace-separated words and the whitespace between them', () => {
    expect(leadingWords('one two  three\nfour', 3)).toBe('one two  three');
    expect(leadingWords('  one two', 1)).toBe('  one');
    expect(leadingWords('one two', 2)).toBe('one two');
    expect(leadingWords('one two', 5)).toBe('one two');
    expect(leadingWords('one\u00a0two\u2003three', 2)).toBe('one\u00a0two');
    expect(leadingWords('one two', 0)).toBe('');
    expect(leadingWords('', 3)).toBe('');
  });

  it('counts words by the same rule', () => {
    expect(countWords('one two  three\nfour ')).toBe(4);
    expect(countWords(' \t\n')).toBe(0);
    expect(countWords('a\u200bb c')).toBe(2); // a zero-width space is not whitespace
    for (const n of [0, 1, 2, 3, 4]) expect(countWords(leadingWords('one two  three\nfour', n))).toBe(n);
  });

  it('starts a text at a given word', () => {
    expect(fromWord('one two  three', 0)).toBe('one two  three');
    expect(fromWord('one two  three', 2)).toBe('three');
    expect(fromWord(' one two', 1)).toBe('two');
    expect(fromWord('one two', 2)).toBe('');
  });
});

/** The window's word scan as it was before the space table (commit e032fa0). */
function referenceScan(text: string, stopAt: number): number {
  const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) {
      if (words === stopAt) return i;
      words++;
    }
    inWord = !space;
  }
  return stopAt === Infinity ? words : -1;
}

describe('the feature window on random text', () => {
  it('agrees with the branchy scan it replaced, every kind of space included', () => {
    const random = rng(5);
    const alphabet = 'ab  \t\n\r\v\f\x1f\x85\xa0\u1680\u2000\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff\u00e9';
    for (let s = 0; s < 2000; s++) {
      const len = Math.floor(random() * 40);
      let text = '';
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(countWords(text)).toBe(referenceScan(text, Infinity));
      for (const n of [0, 1, 2, 3, 5, 8]) {
        const at = referenceScan(text, n);
        expect(leadingWords(text, n)).toBe(at < 0 ? text : text.slice(0, at).trimEnd());
        expect(fromWord(text, n)).toBe(at < 0 ? '' : text.slice(at));
      }
    }
  });
});

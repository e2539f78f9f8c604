import { describe, expect, it } from 'vitest';
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

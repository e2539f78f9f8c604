import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/features/index.js';

describe('tokenize', () => {
  it('splits words and sentences', () => {
    const t = tokenize('the cat sat. the cat ran! a dog barked loudly today?');
    expect(t.words).toEqual(['the', 'cat', 'sat', 'the', 'cat', 'ran', 'a', 'dog', 'barked', 'loudly', 'today']);
    expect(t.sentenceLengths).toEqual([3, 3, 5]);
    expect(t.sentenceStarts).toEqual([0, 3, 6]);
  });

  it('keeps inner apostrophes and trims quote marks around words', () => {
    expect(tokenize("don't say 'hello' to the dogs' owner").words).toEqual(["don't", 'say', 'hello', 'to', 'the', 'dogs', 'owner']);
  });

  it('keeps decimal points and thousands separators inside numbers', () => {
    expect(tokenize('it cost 3.5 or 1,000 pounds. then 2. next').words).toEqual(['it', 'cost', '3.5', 'or', '1,000', 'pounds', 'then', '2', 'next']);
    expect(tokenize('a 3.5 b. c').sentenceLengths).toEqual([3, 1]);
  });

  it('counts text without a final terminator as a sentence', () => {
    expect(tokenize('no end here').sentenceLengths).toEqual([3]);
    expect(tokenize('one. and two').sentenceLengths).toEqual([1, 2]);
  });

  it('ends a sentence after closing quotes or brackets, not inside tokens', () => {
    expect(tokenize('he said "stop." then left. (really!) ok').sentenceLengths).toEqual([3, 2, 1, 1]);
    expect(tokenize('see example.com for more').sentenceLengths).toEqual([5]);
  });

  it('collapses repeated terminators and drops empty sentences', () => {
    expect(tokenize('what?!? yes... . ! no').sentenceLengths).toEqual([1, 1, 1]);
  });

  it('treats non-ASCII letters and marks as word characters, emoji and symbols not', () => {
    expect(tokenize('café naïve ß 😀 über').words).toEqual(['café', 'naïve', 'ß', 'über']);
    expect(tokenize('𝑥𝑦 ok').words).toEqual(['𝑥𝑦', 'ok']); // astral letters stay whole
  });

  it('returns empty structures for empty or wordless text', () => {
    for (const text of ['', ' ', '...', '?! -- ()']) {
      expect(tokenize(text)).toEqual({ words: [], sentenceLengths: [], sentenceStarts: [] });
    }
  });
});

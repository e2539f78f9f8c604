import { describe, expect, it } from 'vitest';
import { extractFeatures, withoutClosingPunctuation } from '../../src/features/index.js';

describe('withoutClosingPunctuation', () => {
  it('drops sentence-closing marks, closing quotes and brackets at the end', () => {
    expect(withoutClosingPunctuation('It ended.')).toBe('It ended');
    expect(withoutClosingPunctuation('Did it end?!')).toBe('Did it end');
    expect(withoutClosingPunctuation('He said "stop."')).toBe('He said "stop');
    expect(withoutClosingPunctuation("(as 'noted'.)")).toBe("(as 'noted");
    expect(withoutClosingPunctuation('a list: x, y, z, -')).toBe('a list: x, y, z');
  });

  it('keeps a text without closing punctuation, and inner punctuation, as it is', () => {
    const s = 'No stop here, nor here. Only at the end';
    expect(withoutClosingPunctuation(s)).toBe(s);
    expect(withoutClosingPunctuation('v2.0')).toBe('v2.0');
    expect(withoutClosingPunctuation('')).toBe('');
    expect(withoutClosingPunctuation('...')).toBe('');
  });
});

describe('features and the final full stop', () => {
  it('give a text the same features with or without its final punctuation', () => {
    const text = 'The results were published in March. The committee approved the plan and the budget';
    const bare = extractFeatures(text);
    for (const ending of ['.', '!', '."', '.)', '...']) {
      const v = extractFeatures(text + ending);
      expect(Array.from(v.dense)).toEqual(Array.from(bare.dense));
      expect(Array.from(v.sparse)).toEqual(Array.from(bare.sparse));
    }
  });

  it('still see punctuation inside the text', () => {
    const a = extractFeatures('One. Two. Three. Four and five');
    const b = extractFeatures('One Two Three Four and five');
    expect(Array.from(a.dense)).not.toEqual(Array.from(b.dense));
  });
});

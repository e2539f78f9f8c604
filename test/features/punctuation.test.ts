import { describe, expect, it } from 'vitest';
import { countPunctuation, ratePer } from '../../src/features/punctuation.js';

describe('punctuation', () => {
  it('counts each mark, telling apostrophes from quotes and hyphens from dashes', () => {
    const c = countPunctuation(`well, i said: "don't (ever) do that; it's well-known - right?!" 'no' -- [ok] {x}, yes!`);
    expect(c).toEqual({
      commas: 2,
      semicolons: 1,
      colons: 1,
      brackets: 6, // ( ) [ ] { }
      quotes: 4, // two " and the two ' around no; the apostrophes in don't and it's are not quotes
      dashes: 3, // " - " and the two of "--"
      hyphens: 1, // well-known
      exclamations: 2,
      questions: 1,
    });
  });

  it('counts nothing in text without punctuation', () => {
    expect(Object.values(countPunctuation('plain words only'))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Object.values(countPunctuation(''))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('divides safely', () => {
    expect(ratePer(3, 4)).toBe(0.75);
    expect(ratePer(3, 0)).toBe(0);
  });
});

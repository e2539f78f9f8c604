import { describe, expect, it } from 'vitest';
import { FUNCTION_WORDS, functionWordProfile } from '../../src/features/function-words.js';
import { buildVocabulary } from '../../src/features/vocabulary.js';
import { tokenize } from '../../src/features/tokenize.js';
import { EXAMPLE } from './example.js';

const profile = (text: string) => {
  const v = buildVocabulary(tokenize(text.toLowerCase()).words);
  return functionWordProfile(v.types, v.counts);
};

describe('function words', () => {
  it('computes the class rates on the example', () => {
    // function words: the, the, a = 3 of 11; "the" 2 of 11; no "and", no first or second person
    expect(profile(EXAMPLE)).toEqual({
      functionWordRate: 3 / 11, theRate: 2 / 11, andRate: 0, firstPersonSingularRate: 0, secondPersonRate: 0,
    });
  });

  it('counts pronoun classes with their contractions, case-insensitively', () => {
    // words: i'm sure you and i know my dog and your cat (11)
    // first person: i'm, i, my = 3; second: you, your = 2; "and" = 2
    // function words: you and i my and your = 6 ("i'm" is not in the list)
    const p = profile("I'm sure YOU and I know my dog and your cat");
    expect(p.firstPersonSingularRate).toBeCloseTo(3 / 11, 12);
    expect(p.secondPersonRate).toBeCloseTo(2 / 11, 12);
    expect(p.andRate).toBeCloseTo(2 / 11, 12);
    expect(p.functionWordRate).toBeCloseTo(6 / 11, 12);
  });

  it('lists lower-case single words only', () => {
    expect(FUNCTION_WORDS.size).toBeGreaterThan(150);
    for (const w of FUNCTION_WORDS) expect(w).toMatch(/^[a-z]+$/);
  });

  it('is 0 for no words', () => {
    expect(Object.values(profile(''))).toEqual([0, 0, 0, 0, 0]);
  });
});

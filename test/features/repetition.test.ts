import { describe, expect, it } from 'vitest';
import { repeatedNgramFraction, repeatedSentenceStartFraction } from '../../src/features/repetition.js';
import { buildVocabulary } from '../../src/features/vocabulary.js';
import { tokenize } from '../../src/features/tokenize.js';
import { EXAMPLE } from './example.js';

function prepare(text: string) {
  const t = tokenize(text.toLowerCase());
  return { ...buildVocabulary(t.words), starts: t.sentenceStarts };
}

describe('repetition', () => {
  const ex = prepare(EXAMPLE);

  it('repeated bigrams: 10 bigrams, "the cat" seen twice, 9 distinct: 1/10', () => {
    expect(repeatedNgramFraction(ex.ids, 2)).toBeCloseTo(1 / 10, 12);
  });

  it('repeated trigrams: 9 trigrams, all distinct: 0', () => {
    expect(repeatedNgramFraction(ex.ids, 3)).toBe(0);
  });

  it('repeated sentence starts: "the", "the", "a": 2 of 3 sentences', () => {
    expect(repeatedSentenceStartFraction(ex.ids, ex.types.length, ex.starts)).toBeCloseTo(2 / 3, 12);
  });

  it('does not confuse n-grams whose ids concatenate alike', () => {
    // ids: a=0 b=1 ... with base-V keys "0 11" and "01 1" must stay distinct
    const words = 'a b c d e f g h i j k l a l'.split(' ');
    const v = buildVocabulary(words);
    // 13 bigrams; "a l" appears once and "a b" once: all distinct
    expect(repeatedNgramFraction(v.ids, 2)).toBe(0);
  });

  it('counts distinct n-grams exactly in a long text with many of them', () => {
    // 3000 words cycling through 7 ids: every trigram after the first 7 repeats one of 7
    const ids = Int32Array.from({ length: 3000 }, (_, i) => i % 7);
    expect(repeatedNgramFraction(ids, 3)).toBeCloseTo((2998 - 7) / 2998, 12);
    // all-distinct ids: no repeat at all
    const unique = Int32Array.from({ length: 3000 }, (_, i) => i);
    expect(repeatedNgramFraction(unique, 2)).toBe(0);
  });

  it('counts a looping text as highly repetitive', () => {
    const loop = prepare('i like it i like it i like it i like it');
    // 11 bigrams, 3 distinct ("i like", "like it", "it i"): 8/11
    expect(repeatedNgramFraction(loop.ids, 2)).toBeCloseTo(8 / 11, 12);
  });

  it('is 0 when there are too few words or sentences', () => {
    const one = prepare('word');
    expect(repeatedNgramFraction(one.ids, 2)).toBe(0);
    expect(repeatedNgramFraction(new Int32Array(0), 3)).toBe(0);
    expect(repeatedSentenceStartFraction(one.ids, one.types.length, one.starts)).toBe(0);
  });

  it('sentence starts: the reused count table gives what a fresh one gives, call after call', () => {
    const fresh = (ids: Int32Array, typeCount: number, starts: number[]): number => {
      if (starts.length < 2) return 0;
      const opens = new Int32Array(typeCount);
      for (const s of starts) opens[ids[s]!]!++;
      return starts.filter((s) => opens[ids[s]!]! >= 2).length / starts.length;
    };
    let seed = 9;
    const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < 500; k++) {
      const typeCount = 1 + Math.floor(random() * (k % 7 === 0 ? 3000 : 40));
      const ids = Int32Array.from({ length: 1 + Math.floor(random() * 80) }, () => Math.floor(random() * typeCount));
      const starts = [...new Set(Array.from({ length: Math.floor(random() * 12) }, () => Math.floor(random() * ids.length)))].sort((a, b) => a - b);
      expect(repeatedSentenceStartFraction(ids, typeCount, starts)).toBe(fresh(ids, typeCount, starts));
    }
  });
});

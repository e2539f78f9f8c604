import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../../src/random.js';
import { codeUnits } from '../../src/features/code-units.js';

const unitsOf = (s: string): number[] => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

describe('codeUnits', () => {
  it('gives the UTF-16 code units of ASCII, non-ASCII, surrogate pairs and lone surrogates', () => {
    for (const s of ['', 'a', 'plain ascii, text.', 'café', 'x😀y', '\ud800 lone \udc00', '\x00\x7f\x80\xff', 'ascii then é']) {
      expect(Array.from(codeUnits(s).subarray(0, s.length))).toEqual(unitsOf(s));
    }
  });

  it('follows the text of each call, whatever came before (growing, alternating, equal contents)', () => {
    const random = rng(3);
    const alphabet = 'abc .,\x00\x7f\x80é😀';
    let previous = '';
    for (let k = 0; k < 500; k++) {
      const len = Math.floor(random() * (k % 50 === 0 ? 20000 : 200));
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(random() * alphabet.length)];
      if (random() < 0.2) s = previous; // the same text again (memo)
      expect(Array.from(codeUnits(s).subarray(0, s.length))).toEqual(unitsOf(s));
      previous = s;
    }
  });
});

import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../../src/random.js';
import { normalise } from '../../src/features/normalise.js';
import { countPunctuation, type PunctuationCounts } from '../../src/features/punctuation.js';

// Random documents against straightforward versions of code that was rewritten for speed.

const ALPHABET = 'aaaaeeettnnss  .,;:!?\'"-()[]{}09AZ\t\n\r\x00\x1f\x7f\x80\xa0é’“—\u200bа';

function randomText(random: () => number, maxLen: number): string {
  const len = Math.floor(random() * maxLen);
  let s = '';
  for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return s;
}

/** countPunctuation as it was: a switch over every code unit, counts in an object. */
function referencePunctuation(text: string): PunctuationCounts {
  const isAlnum = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c >= 0x80;
  const counts: PunctuationCounts = { commas: 0, semicolons: 0, colons: 0, brackets: 0, quotes: 0, dashes: 0, hyphens: 0, exclamations: 0, questions: 0 };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) continue;
    switch (c) {
      case 0x2c: counts.commas++; break;
      case 0x3b: counts.semicolons++; break;
      case 0x3a: counts.colons++; break;
      case 0x28: case 0x29: case 0x5b: case 0x5d: case 0x7b: case 0x7d: counts.brackets++; break;
      case 0x22: counts.quotes++; break;
      case 0x21: counts.exclamations++; break;
      case 0x3f: counts.questions++; break;
      case 0x27:
      case 0x2d: {
        const inside = i > 0 && i + 1 < n && isAlnum(text.charCodeAt(i - 1)) && isAlnum(text.charCodeAt(i + 1));
        if (c === 0x27) {
          if (!inside) counts.quotes++;
        } else if (inside) counts.hyphens++;
        else counts.dashes++;
        break;
      }
      default: break;
    }
  }
  return counts;
}

describe('speed rewrites agree with the plain versions on random documents', () => {
  it('countPunctuation', () => {
    const random = rng(21);
    for (let k = 0; k < 5000; k++) {
      const t = randomText(random, 80);
      expect(countPunctuation(t)).toEqual(referencePunctuation(t));
    }
  });

  it('normalise of ASCII text (its fast path): whitespace and control runs to one space, trimmed', () => {
    const random = rng(22);
    for (let k = 0; k < 5000; k++) {
      // Mostly printable ASCII with single spaces, so the fast path is taken often.
      const t = randomText(random, 60).replace(/[^\x00-\x7f]/g, random() < 0.5 ? 'x' : ' ');
      const want = t.replace(/[\x00-\x20\x7f]+/g, ' ').replace(/^ | $/g, '');
      expect(normalise(t)).toBe(want);
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  ATTACK_KINDS,
  ATTACKS,
  COMMON_MISSPELLINGS,
  EMOJI_SEQUENCES,
  HOMOGLYPHS,
  RAID_ATTACK_RATES,
  ZERO_WIDTH_CHARS,
  applyAttack,
  articleDeletion,
  emoji,
  homoglyph,
  insertParagraphs,
  misspelling,
  mulberry32,
  numberSwap,
  upperLower,
  whitespace,
  zeroWidth,
} from '../../src/evaluation/index.js';

const PROSE =
  'The committee met on 12 March 2024 to review the budget. It approved a grant of 3500 dollars ' +
  'for an independent study of the river. Members believe the results will arrive in 18 months! ' +
  'Nobody expected a surprise. "Really?" asked the chair. The final report runs to 240 pages.';

const rng = (seed = 1) => mulberry32(seed);

/** Positions where two equally long strings differ. */
function diffPositions(a: string, b: string): number[] {
  expect(b.length).toBe(a.length);
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

describe('registry', () => {
  it('has one attack per kind, each deterministic for a seed', () => {
    expect(Object.keys(ATTACKS).sort()).toEqual([...ATTACK_KINDS].sort());
    for (const kind of ATTACK_KINDS) {
      const once = applyAttack(kind, PROSE, 'doc-17');
      expect(applyAttack(kind, PROSE, 'doc-17')).toBe(once);
      expect(ATTACKS[kind](PROSE, mulberry32(9))).toBe(ATTACKS[kind](PROSE, mulberry32(9)));
      expect(once).not.toBe(PROSE);
    }
  });

  it('leaves empty text empty', () => {
    for (const kind of ATTACK_KINDS) expect(applyAttack(kind, '', 1)).toBe('');
  });

  it('picks different positions for different seeds', () => {
    for (const kind of ['whitespace', 'misspelling', 'article-deletion', 'number-swap'] as const) {
      const outputs = new Set([1, 2, 3, 4, 5].map((seed) => applyAttack(kind, PROSE, seed)));
      expect(outputs.size).toBeGreaterThan(1);
    }
  });
});

describe('homoglyph', () => {
  const back = new Map<string, string>();
  for (const [latin, glyphs] of Object.entries(HOMOGLYPHS)) for (const g of glyphs) back.set(g, latin);
  const unfold = (s: string) => [...s].map((c) => back.get(c) ?? c).join('');

  it("at RAID's rate 1 replaces every letter that has a look-alike and nothing else", () => {
    const out = homoglyph(PROSE, rng());
    expect(out.length).toBe(PROSE.length);
    expect(unfold(out)).toBe(PROSE);
    for (let i = 0; i < PROSE.length; i++) {
      if (Object.hasOwn(HOMOGLYPHS, PROSE[i]!)) expect(out[i]).not.toBe(PROSE[i]);
      else expect(out[i]).toBe(PROSE[i]);
    }
  });

  it('replaces floor(rate · candidates) letters at a lower rate', () => {
    const text = 'aaaa eeee oooo';
    const out = homoglyph(text, rng(), 0.5);
    expect(diffPositions(text, out)).toHaveLength(6);
    expect(unfold(out)).toBe(text);
  });
});

describe('zero-width', () => {
  const strip = (s: string) => s.replace(/[\u200B\u200C\u200D\u2060]/g, '');

  it('puts an invisible character between every pair of characters at rate 1, never at the ends', () => {
    const out = zeroWidth('abcd', rng());
    expect(strip(out)).toBe('abcd');
    expect(out.length).toBe(7);
    expect(ZERO_WIDTH_CHARS).toContain(out[1]);
    expect(out[0]).toBe('a');
    expect(out.at(-1)).toBe('d');
  });

  it('never splits a surrogate pair', () => {
    const out = zeroWidth('a😀b😀c', rng());
    expect(strip(out)).toBe('a😀b😀c');
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(out)).toBe(false);
  });

  it('inserts floor(rate · gaps) characters', () => {
    const text = 'abcdefghijk'; // 10 gaps
    const out = zeroWidth(text, rng(), 0.3);
    expect(out.length - text.length).toBe(3);
    expect(strip(out)).toBe(text);
  });
});

describe('whitespace', () => {
  it('adds floor(0.2 · words) spaces or tabs between words and keeps the words', () => {
    const words = PROSE.split(/\s+/);
    const out = whitespace(PROSE, rng());
    expect(out.split(/\s+/)).toEqual(words);
    expect(out.length - PROSE.length).toBe(Math.floor(RAID_ATTACK_RATES.whitespace * words.length));
    expect(/^\s|\s$/.test(out)).toBe(false);
    expect(out.replace(/[ \t]/g, '')).toBe(PROSE.replace(/ /g, ''));
  });

  it('leaves a single word alone', () => {
    expect(whitespace('word', rng(), 1)).toBe('word');
  });
});

describe('upper-lower', () => {
  it('flips the case of floor(0.05 · words) word-initial letters only', () => {
    const out = upperLower(PROSE, rng());
    const changed = diffPositions(PROSE, out);
    const wordStarts = [...PROSE.matchAll(/(?<![\p{L}\p{N}'’])\p{L}/gu)].length;
    expect(changed).toHaveLength(Math.floor(0.05 * wordStarts));
    for (const i of changed) {
      expect(out[i]!.toLowerCase()).toBe(PROSE[i]!.toLowerCase());
      expect(/\p{L}/u.test(PROSE[i - 1] ?? ' ')).toBe(false);
    }
  });

  it('at rate 1 flips every word start and leaves ß and inner letters alone', () => {
    expect(upperLower("Hello big world, don't ßtop", rng(), 1)).toBe("hello Big World, Don't ßtop");
  });
});

describe('misspelling', () => {
  it('misspells floor(0.2 · words) words, keeping the word count and everything between words', () => {
    const words = PROSE.match(/[A-Za-z]+/g)!;
    const out = misspelling(PROSE, rng());
    const outWords = out.match(/[A-Za-z]+/g)!;
    expect(outWords).toHaveLength(words.length);
    const changed = words.filter((w, i) => outWords[i] !== w);
    expect(changed).toHaveLength(Math.floor(0.2 * words.length));
    expect(out.replace(/[A-Za-z]+/g, 'w')).toBe(PROSE.replace(/[A-Za-z]+/g, 'w'));
    // Every change is the listed misspelling or a transposition keeping first and last letters.
    words.forEach((w, i) => {
      const o = outWords[i]!;
      if (o === w) return;
      const listed = COMMON_MISSPELLINGS[w.toLowerCase()];
      if (listed) expect(o.toLowerCase()).toBe(listed);
      else {
        expect(o[0]).toBe(w[0]);
        expect(o.at(-1)).toBe(w.at(-1));
        expect([...o].sort().join('')).toBe([...w].sort().join(''));
      }
    });
  });

  it('uses the list, preserves capitalisation and skips short unlisted words', () => {
    expect(misspelling('The cat and THE dog', rng(), 1)).toBe('Teh cat adn TEH dog');
  });

  it('leaves non-ASCII words alone', () => {
    expect(misspelling('naïve café', rng(), 1)).toBe('naïve café');
  });
});

describe('article-deletion', () => {
  it('at rate 1 removes every lower-case article with its space, nothing else', () => {
    const text = 'The cat saw a dog and an owl near the theory of another Plan A idea.';
    expect(articleDeletion(text, rng(), 1)).toBe('The cat saw dog and owl near theory of another Plan A idea.');
  });

  it("deletes floor(0.5 · articles) at RAID's rate", () => {
    const text = 'a b a b a b a b the end';
    const out = articleDeletion(text, rng());
    const count = (s: string) => (s.match(/(?<=^|\s)(?:a|the)(?=\s)/g) ?? []).length;
    expect(count(text) - count(out)).toBe(2);
    expect(out.split(/\s+/).filter((w) => w === 'b')).toHaveLength(4);
  });
});

describe('number-swap', () => {
  it('at rate 1 changes every digit, keeps non-digits and a leading non-zero digit', () => {
    const text = 'In 2024, 3.5 of 10 people paid 0.75 for 7 items';
    const out = numberSwap(text, rng(), 1);
    for (const i of diffPositions(text, out)) expect(/\d/.test(text[i]!)).toBe(true);
    for (let i = 0; i < text.length; i++) if (/\d/.test(text[i]!)) expect(out[i]).not.toBe(text[i]);
    for (const m of text.matchAll(/\d+/g)) if (m[0][0] !== '0') expect(out[m.index]).not.toBe('0');
  });

  it('alters floor(0.5 · numbers) whole numbers', () => {
    const text = 'one 11 two 22 three 33 four 44';
    const out = numberSwap(text, rng());
    const changed = [...text.matchAll(/\d+/g)].filter((m) => out.slice(m.index, m.index + 2) !== m[0]);
    expect(changed).toHaveLength(2);
    for (const m of changed) {
      expect(out[m.index]).not.toBe(text[m.index]);
      expect(out[m.index + 1]).not.toBe(text[m.index + 1]);
    }
  });
});

describe('insert-paragraphs', () => {
  it('at rate 1 breaks at every sentence boundary, not inside numbers or before lower case', () => {
    const text = 'It costs 3.5 dollars. Really! "Yes," he said. Dr. smith left. Then it rained.';
    const out = insertParagraphs(text, rng(), 1);
    expect(out).toBe('It costs 3.5 dollars.\n\nReally!\n\n"Yes," he said.\n\nDr. smith left.\n\nThen it rained.');
  });

  it("turns floor(0.5 · boundaries) boundaries into paragraph breaks at RAID's rate", () => {
    const out = insertParagraphs(PROSE, rng());
    const boundaries = (PROSE.match(/[.!?]["']?\s+(?=["']?[A-Z])/g) ?? []).length;
    expect((out.match(/\n\n/g) ?? []).length).toBe(Math.floor(0.5 * boundaries));
    expect(out.replace(/\n\n/g, ' ')).toBe(PROSE);
  });
});

describe('emoji', () => {
  const sentenceEnds = (s: string) => [...s.matchAll(/[.!?]["')\]]*(?= )/g)].length;
  const stripEmoji = (s: string) => {
    let out = s;
    for (const e of [...EMOJI_SEQUENCES].sort((a, b) => b.length - a.length)) out = out.split(` ${e}`).join('');
    return out;
  };

  it('appends one emoji sequence after the last word and adds nothing else at rate 0', () => {
    const out = emoji(PROSE, rng(), 0);
    expect(out.startsWith(`${PROSE} `)).toBe(true);
    expect(EMOJI_SEQUENCES).toContain(out.slice(PROSE.length + 1));
  });

  it('inserts one after floor(rate · sentence ends) sentence ends, each set off by a space', () => {
    const ends = sentenceEnds(PROSE);
    expect(ends).toBe(6);
    for (const [rate, inserted] of [[0.5, 3], [1, 6]] as const) {
      const out = emoji(PROSE, rng(3), rate);
      expect(stripEmoji(out)).toBe(PROSE);
      const added = [...out.matchAll(/ (?=[^\sA-Za-z0-9"'(])/gu)].length;
      expect(added).toBe(inserted + 1);
    }
  });

  it('draws single pictographs, skin tones, ZWJ sequences, flags, keycaps and tag sequences', () => {
    expect(EMOJI_SEQUENCES.some((e) => e.includes('\u200D'))).toBe(true);
    expect(EMOJI_SEQUENCES.some((e) => /\p{Emoji_Modifier}/u.test(e))).toBe(true);
    expect(EMOJI_SEQUENCES.some((e) => /\p{Regional_Indicator}/u.test(e))).toBe(true);
    expect(EMOJI_SEQUENCES.some((e) => e.includes('\u20E3'))).toBe(true);
    expect(EMOJI_SEQUENCES.some((e) => /[\u{E0020}-\u{E007F}]/u.test(e))).toBe(true);
    const seen = new Set<string>();
    for (let seed = 1; seed <= 200; seed++) seen.add(emoji('x', rng(seed)).slice(2));
    expect(seen.size).toBe(EMOJI_SEQUENCES.length);
  });
});

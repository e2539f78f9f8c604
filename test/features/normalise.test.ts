import { describe, expect, it } from 'vitest';
import { HOMOGLYPHS, normalise, normaliseKeepingScript } from '../../src/features/index.js';

describe('normalise', () => {
  it('returns clean ASCII text unchanged (the same string)', () => {
    const clean = 'Plain text, with punctuation. Nothing to do!';
    expect(normalise(clean)).toBe(clean);
  });

  it('collapses every whitespace run to one space and trims', () => {
    expect(normalise('  a\t\tb\n\nc \r\n d  ')).toBe('a b c d');
    // no-break space, en quad, ideographic space, line separator, NEL, form feed, vertical tab
    expect(normalise('a\u00A0b\u2000c\u3000d\u2028e\u0085f\u000Cg\u000Bh')).toBe('a b c d e f g h');
  });

  it('treats control characters as separators', () => {
    expect(normalise('a\u0000b\u0007c')).toBe('a b c');
  });

  it('removes zero-width and other invisible characters', () => {
    expect(normalise('ze\u200Bro\u200C wi\u200Ddth\u2060 jo\uFEFFin\u200E\u200F')).toBe('zero width join');
    expect(normalise('soft\u00ADhyphen')).toBe('softhyphen');
    expect(normalise('vari\uFE0Fation\u{E0101} sel\u034Fector')).toBe('variation selector');
    expect(normalise('bidi\u202Eover\u202Cride \u2066iso\u2069')).toBe('bidioverride iso');
    expect(normalise('hangul\u3164filler')).toBe('hangulfiller');
  });

  it('removes pictographs and whole emoji sequences, wherever they sit', () => {
    expect(normalise('Done \u{1F44D}')).toBe('Done'); // 👍 appended
    expect(normalise('We won\u{1F525}\u{1F525} today')).toBe('We won today');
    expect(normalise('in\u{1F600}side a word')).toBe('inside a word');
    // ZWJ family 👨‍👩‍👧, a coder with a skin tone 👩🏾‍💻, the rainbow flag 🏳️‍🌈
    expect(normalise('a \u{1F468}\u200D\u{1F469}\u200D\u{1F467} b')).toBe('a b');
    expect(normalise('a \u{1F469}\u{1F3FE}\u200D\u{1F4BB} b')).toBe('a b');
    expect(normalise('a \u{1F3F3}\uFE0F\u200D\u{1F308} b')).toBe('a b');
    // skin-tone modifier on its own, a flag (regional indicators), a tag sequence (England)
    expect(normalise('ok\u{1F3FD} \u{1F1FA}\u{1F1F8} \u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}')).toBe('ok');
    // dingbats with and without the emoji variation selector; (c) (R) TM signs
    expect(normalise('yes \u2764\uFE0F \u2705 \u2728 \u2714 \u00A9 \u00AE \u2122 no')).toBe('yes no');
    // decorative symbols that are not emoji: star, box drawing, black square, arrowhead, diamond
    expect(normalise('\u2605 top \u2500\u2500 \u25A0 \u25B6 item \u2666 \u2B50')).toBe('top item');
    // degree sign, arrows and maths stay: they carry meaning in prose
    expect(normalise('25\u00B0C \u2192 x \u2264 y')).toBe('25\u00B0C \u2192 x \u2264 y');
  });

  it('removes keycaps with their base character, and enclosing marks', () => {
    expect(normalise('step 1\uFE0F\u20E3 then #\u20E3 *\uFE0F\u20E3 go')).toBe('step then go');
    expect(normalise('circled x\u20DD here')).toBe('circled x here');
    // Digits, # and * that are not keycaps stay (they are \p{Emoji}, not pictographs)
    expect(normalise('call 555-0100 #1 * note')).toBe('call 555-0100 #1 * note');
  });

  it('removes the blank Braille pattern, which renders as a space-less nothing', () => {
    expect(normalise('blank\u2800 braille\u2800')).toBe('blank braille');
  });

  it('folds Cyrillic, Greek and Armenian homoglyphs to ASCII', () => {
    // "сорy аnd раstе" with Cyrillic с о р у а р е
    expect(normalise('\u0441\u043E\u0440\u0443 \u0430nd \u0440\u0430st\u0435')).toBe('copy and paste');
    // Greek ο α ν ι, Cyrillic і ј ѕ ԁ, Latin script ɡ, Armenian օ
    expect(normalise('\u03BF\u03B1\u03BD\u03B9 \u0456\u0458\u0455\u0501 \u0261\u0585')).toBe('oavi ijsd go');
    // Upper case: Cyrillic А В Е К М Н О Р С Т Х, Greek Ζ Ν
    expect(normalise('\u0410\u0412\u0415\u041A\u041C\u041D\u041E\u0420\u0421\u0422\u0425 \u0396\u039D')).toBe('ABEKMHOPCTX ZN');
  });

  it('maps every homoglyph table entry to a single ASCII letter', () => {
    for (const [from, to] of Object.entries(HOMOGLYPHS)) {
      expect(to).toMatch(/^[A-Za-z]$/);
      expect(normalise(`x${from}x`)).toBe(`x${to}x`);
    }
  });

  it('applies NFKC: fullwidth, ligatures, mathematical letters, ellipsis', () => {
    expect(normalise('\uFF28\uFF45\uFF4C\uFF4C\uFF4F\uFF01')).toBe('Hello!'); // Ｈｅｌｌｏ！
    expect(normalise('\uFB01ne')).toBe('fine'); // ﬁ ligature
    expect(normalise('\u{1D41A}\u{1D41B}\u{1D41C}')).toBe('abc'); // mathematical bold a b c
    expect(normalise('wait\u2026')).toBe('wait...');
    expect(normalise('cafe\u0301')).toBe('caf\u00E9'); // composed
  });

  it('maps typographic quotes and dashes to ASCII', () => {
    expect(normalise('\u201CIt\u2019s\u201D \u2018x\u2019 \u00ABy\u00BB a\u2013b\u2014c \u2212 1')).toBe('"It\'s" \'x\' "y" a-b-c - 1');
  });

  it('keeps case: lower-casing is the features\' business', () => {
    expect(normalise('MiXeD CaSe')).toBe('MiXeD CaSe');
  });

  it('handles empty and blank input', () => {
    expect(normalise('')).toBe('');
    expect(normalise(' \t\n\u200B ')).toBe('');
  });
});

describe('normaliseKeepingScript', () => {
  it('keeps Cyrillic, Greek and Armenian letters and typographic punctuation that normalise folds', () => {
    const russian = '\u00ABКаждый человек имеет право\u00BB \u2014 \u03B1\u03B2\u03B3 \u0585';
    expect(normaliseKeepingScript(russian)).toBe(russian);
    expect(normalise(russian)).not.toBe(russian);
  });

  it('removes invisible characters, applies NFKC and collapses whitespace as normalise does', () => {
    expect(normaliseKeepingScript('  ze\u200Bro\u00ADwidth\n\n\uFF26\uFF35\uFF2C\uFF2C \uFB01ne\t ')).toBe('zerowidth FULL fine');
    const clean = 'Plain text, with punctuation. Nothing to do!';
    expect(normaliseKeepingScript(clean)).toBe(clean);
  });
});

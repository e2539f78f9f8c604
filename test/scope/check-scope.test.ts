import { beforeAll, describe, expect, it } from 'vitest';
import { analyseText, FEATURE_SPEC } from '../../src/features/index.js';
import { leadingWords } from '../../src/features/window.js';
import { applyAttack } from '../../src/evaluation/index.js';
import { checkScope, countFeatureWords, loadLanguageIdentifier, openingChars, parseScopeOptions, type LanguageIdentifier, type ScopeOptions } from '../../src/scope/index.js';
import { englishDocuments, paragraph, udhrParagraphs } from './fixtures.js';

let identifier: LanguageIdentifier;
beforeAll(async () => {
  identifier = await loadLanguageIdentifier();
});

const english = (over: Partial<ScopeOptions> = {}): ScopeOptions => parseScopeOptions({ languages: ['en'], minWords: 24, ...over });
const check = (text: string, over: Partial<ScopeOptions> = {}) => checkScope(text, english(over), identifier);

/** Pairs of languages so close that the identifier may name one for the other (bench/results/scope.json). */
const CLOSE = [new Set(['id', 'ms']), new Set(['da', 'no', 'nn']), new Set(['sr', 'hr', 'bs', 'sh'])];
const sameOrClose = (a: string, b: string) => a === b || CLOSE.some((group) => group.has(a) && group.has(b));

describe('checkScope on real multilingual text (UDHR paragraphs)', () => {
  it('keeps English paragraphs in scope', () => {
    const paragraphs = udhrParagraphs().filter((p) => p.language === 'en');
    expect(paragraphs.length).toBeGreaterThan(0);
    for (const p of paragraphs) expect(check(p.text)).toMatchObject({ inScope: true, language: 'en' });
  });

  it('sends every paragraph in a major web language other than English out of scope, naming its language', () => {
    const paragraphs = udhrParagraphs().filter((p) => p.major && p.language !== 'en');
    expect(new Set(paragraphs.map((p) => p.language)).size).toBe(36);
    for (const p of paragraphs) {
      const decision = check(p.text);
      expect(decision, p.udhr).toMatchObject({ inScope: false, reason: 'language' });
      expect(sameOrClose(p.language, decision.language), `${p.udhr}: ${decision.language} for ${p.language}`).toBe(true);
    }
  });

  it('names Cyrillic, Greek and Armenian text by its own script, though the detector folds its homoglyphs', () => {
    // Folding turns Serbian Cyrillic into a Latin-Cyrillic mix the identifier does not call Serbian.
    for (const [udhr, language] of [['srp_cyrl', 'sr'], ['bul', 'bg'], ['rus', 'ru'], ['ukr', 'uk'], ['ell_monotonic', 'el'], ['hye', 'hy']] as const) {
      for (const i of [0, 1]) expect(check(paragraph(udhr, i)).language, udhr).toBe(language);
    }
  });

  it('keeps a language in scope when it is listed', () => {
    expect(check(paragraph('deu_1996'), { languages: ['en', 'de'] })).toMatchObject({ inScope: true, language: 'de' });
    expect(check(paragraph('srp_cyrl'), { languages: ['sr'] })).toMatchObject({ inScope: true, language: 'sr' });
  });

  it('keeps the English documents of the labeled fixture in scope, human and machine alike', () => {
    const docs = englishDocuments().filter((d) => countFeatureWords(d.text) >= 24);
    expect(new Set(docs.map((d) => d.label))).toEqual(new Set(['human', 'synthetic']));
    for (const d of docs) expect(check(d.text).inScope, d.id).toBe(true);
  });
});

describe('checkScope: length', () => {
  const sentence = 'The committee met on Tuesday to discuss the new budget for the public library.';

  it('sends English with fewer than minWords words out as too-short, with its language', () => {
    expect(check(sentence)).toMatchObject({ inScope: false, reason: 'too-short', language: 'en', words: 14 });
    expect(check(sentence, { minWords: 14 })).toMatchObject({ inScope: true, words: 14 });
    expect(check(sentence, { minWords: 15 })).toMatchObject({ inScope: false, reason: 'too-short' });
    expect(check(sentence, { minWords: 0 }).inScope).toBe(true);
  });

  it('gives short text in another language the reason language, not too-short', () => {
    const german = 'Die Bibliothek bleibt wegen Bauarbeiten bis zum Ende des Monats geschlossen.';
    expect(check(german, { minWords: 50 })).toMatchObject({ inScope: false, reason: 'language', language: 'de' });
  });

  it('counts words exactly as the features do, in their window', () => {
    const texts = [
      sentence,
      "Don't panic: it's 3.5% of 1,000 users' files -- O'Brien's \"quoted\" words (and brackets).",
      paragraph('fra'),
      paragraph('cmn_hans'),
      `${paragraph('eng')} ${paragraph('eng', 1)} `.repeat(6),
      'Ünïcödé ＦＵＬＬＷＩＤＴＨ ﬁne te\u200Bxt with zero\u200Dwidth',
    ];
    for (const text of texts) {
      const featureWords = analyseText(leadingWords(text, FEATURE_SPEC.windowWords)).tokens.words.length;
      expect(check(text).words).toBe(featureWords);
      expect(countFeatureWords(text)).toBe(featureWords);
    }
  });
});

describe('checkScope: edge cases', () => {
  it('empty and blank text: too short, no language', () => {
    for (const text of ['', '   \n\t ', '\u200B\u200B']) {
      expect(check(text)).toEqual({ inScope: false, reason: 'too-short', language: 'und', confidence: 0, words: 0 });
    }
  });

  it('digits only: no language; too short when short, out for language when long', () => {
    expect(check('404 500 2024')).toMatchObject({ inScope: false, reason: 'too-short', language: 'und', words: 3 });
    const table = Array.from({ length: 60 }, (_, i) => String(i * 37)).join(' ');
    expect(check(table)).toMatchObject({ inScope: false, reason: 'language', language: 'und', words: 60 });
  });

  it('source code is judged by the rule prose is: English identifiers read as English, in scope only when sure', () => {
    const code = [
      'import { readFileSync } from "node:fs";',
      'export function total(items: Array<{ price: number; qty: number }>): number {',
      '  let sum = 0;',
      '  for (const { price, qty } of items) sum += price * qty;',
      '  return Math.round(sum * 100) / 100;',
      '}',
      'const data = JSON.parse(readFileSync(process.argv[2], "utf8"));',
      'console.log(total(data.items));',
    ].join('\n');
    const decision = check(code);
    expect(decision.words).toBeGreaterThanOrEqual(24);
    expect(decision.language).toBe('en');
    expect(decision.inScope).toBe(decision.confidence >= 0.5);
    expect(check(code, { minConfidence: 1 })).toMatchObject({ inScope: false, reason: 'language', language: 'en' });
  });

  it('mixed languages: the opening decides', () => {
    const en = paragraph('eng');
    const de = paragraph('deu_1996');
    expect(en.length).toBeGreaterThan(300);
    expect(de.length).toBeGreaterThan(300);
    expect(check(`${en} ${de}`)).toMatchObject({ inScope: true, language: 'en' });
    expect(check(`${de} ${en}`)).toMatchObject({ inScope: false, reason: 'language', language: 'de' });
  });

  it('very long text: bounded work, words counted in the scoring window', () => {
    const long = `${paragraph('eng')} `.repeat(4000); // ~1.8 MB
    expect(long.length).toBeGreaterThan(1_000_000);
    const decision = check(long);
    expect(decision).toMatchObject({ inScope: true, language: 'en' });
    expect(decision.words).toBe(countFeatureWords(long));
    expect(decision.words).toBeLessThan(2 * FEATURE_SPEC.windowWords);
    // The same decision as the text's opening alone: nothing past the window is read.
    expect(check(leadingWords(long, FEATURE_SPEC.windowWords))).toEqual(decision);
  });

  it('newlines and other whitespace do not cut the text fastText reads', () => {
    const lines = paragraph('fra').replace(/\. /g, '.\n\n');
    expect(check(lines)).toEqual(check(paragraph('fra')));
  });
});

describe('checkScope: the confidence floor', () => {
  it('keeps text the identifier only weakly calls English out of scope (a language it does not know)', () => {
    // Asheninka (cni), which lid.176 does not know: English, but with a low probability.
    const text = paragraph('cni', 1);
    const strict = check(text, { minWords: 0 });
    expect(strict).toMatchObject({ inScope: false, reason: 'language', language: 'en' });
    expect(strict.confidence).toBeLessThan(0.5);
    expect(check(text, { minWords: 0, minConfidence: 0 }).inScope).toBe(true);
  });
});

describe('checkScope: evasion', () => {
  it("RAID's homoglyph and zero-width attacks do not move English out of scope", () => {
    for (const d of englishDocuments().slice(0, 30)) {
      if (countFeatureWords(d.text) < 24) continue;
      for (const kind of ['homoglyph', 'zero-width'] as const) {
        const attacked = applyAttack(kind, d.text, d.id);
        expect(attacked).not.toBe(d.text);
        expect(check(attacked), `${kind} ${d.id}`).toMatchObject({ inScope: true, language: 'en' });
      }
    }
  });
});

describe('openingChars', () => {
  it('returns short text whole', () => {
    expect(openingChars('short text', 300)).toBe('short text');
  });

  it('cuts back to the last space in the second half', () => {
    expect(openingChars('alpha beta gamma delta', 13)).toBe('alpha beta');
    expect(openingChars('alpha beta gamma delta', 10)).toBe('alpha beta');
  });

  it('cuts at the limit when there is no space near, never inside a surrogate pair', () => {
    expect(openingChars('漢字漢字漢字', 4)).toBe('漢字漢字');
    const emoji = 'ab😀cd'; // the emoji is two code units at 2..3
    expect(openingChars(emoji, 3)).toBe('ab');
    expect(openingChars(emoji, 4)).toBe('ab😀');
  });
});

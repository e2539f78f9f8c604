import { describe, expect, it } from 'vitest';
import { IDENTIFIABLE_LANGUAGES, isIdentifiableLanguage, parseScopeOptions, SCOPE_DEFAULTS, ScopeError, ScopeSettingsSchema } from '../../src/scope/index.js';

function refusal(input: unknown): ScopeError {
  try {
    parseScopeOptions(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ScopeError);
    return error as ScopeError;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe('parseScopeOptions', () => {
  it('fills in the defaults and removes repeated languages', () => {
    expect(parseScopeOptions({ languages: ['en', 'de', 'en'], minWords: 40 })).toEqual({ languages: ['en', 'de'], minWords: 40, ...SCOPE_DEFAULTS });
    expect(parseScopeOptions({ languages: ['en'], minWords: 0, minConfidence: 0, prefixChars: 50 })).toEqual({ languages: ['en'], minWords: 0, minConfidence: 0, prefixChars: 50 });
  });

  it('refuses a language code the identifier does not return, naming it', () => {
    for (const code of ['eng', 'EN', 'english', 'nb', 'als', '']) {
      const error = refusal({ languages: ['en', code], minWords: 10 });
      expect(error.code).toBe('scope-options-invalid');
      expect(error.message).toContain(JSON.stringify(code));
      expect(error.message).toContain('languages.1');
    }
  });

  it('refuses an empty language list, bad numbers and unknown options', () => {
    expect(refusal({ languages: [], minWords: 10 }).message).toContain('at least one language');
    expect(refusal({ languages: ['en'], minWords: -1 }).message).toContain('minWords');
    expect(refusal({ languages: ['en'], minWords: 2.5 }).message).toContain('minWords');
    expect(refusal({ languages: ['en'], minWords: 5, minConfidence: 1.5 }).message).toContain('minConfidence');
    expect(refusal({ languages: ['en'], minWords: 5, prefixChars: 0 }).message).toContain('prefixChars');
    expect(refusal({ languages: ['en'], minWords: 5, minword: 3 }).code).toBe('scope-options-invalid');
    expect(refusal({ languages: 'en', minWords: 5 }).message).toContain('languages');
  });

  it('the card settings schema takes languages and minWords only', () => {
    expect(ScopeSettingsSchema.parse({ languages: ['en'], minWords: 30 })).toEqual({ languages: ['en'], minWords: 30 });
  });
});

describe('identifiable languages', () => {
  it("lists lid.176's 176 languages as ISO codes, Alemannic as gsw", () => {
    expect(IDENTIFIABLE_LANGUAGES).toHaveLength(176);
    expect(new Set(IDENTIFIABLE_LANGUAGES).size).toBe(176);
    for (const code of ['en', 'de', 'zh', 'ja', 'he', 'no', 'sr', 'sh', 'ceb', 'yue', 'gsw']) expect(isIdentifiableLanguage(code), code).toBe(true);
    for (const code of ['als', 'iw', 'nb', 'eng', 'und']) expect(isIdentifiableLanguage(code), code).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { formatLeftOut, ScopeLeftOutSchema, summariseLeftOut } from '../../src/report/scope-left-out.js';

const IN = { inScope: true as const };
const out = (reason: 'language' | 'too-short', language = 'en') => ({ inScope: false as const, reason, language });

describe('summariseLeftOut', () => {
  const docs = (['human', 'synthetic', 'human', 'synthetic', 'human', 'human', 'synthetic'] as const).map((label) => ({ label }));
  const decisions = [IN, out('too-short'), out('language', 'fr'), out('language', 'de'), out('language', 'fr'), IN, out('language', 'und')];

  it('counts the documents the scope guard would not score by label, reason and language, most first', () => {
    const summary = summariseLeftOut({ languages: ['en'], minWords: 48 }, docs, decisions);
    expect(summary).toEqual({ scope: { languages: ['en'], minWords: 48 }, documents: 5, synthetic: 3, human: 2, tooShort: 1, byLanguage: { fr: 2, de: 1, und: 1 } });
    expect(Object.keys(summary.byLanguage)).toEqual(['fr', 'de', 'und']);
    expect(ScopeLeftOutSchema.parse(summary)).toEqual(summary);
  });

  it('copies the scope, so that the summary does not change with it', () => {
    const scope = { languages: ['en'], minWords: 10 };
    const summary = summariseLeftOut(scope, docs, decisions);
    scope.languages.push('de');
    expect(summary.scope.languages).toEqual(['en']);
  });
});

describe('formatLeftOut', () => {
  it('names the scope and what it left out, by reason and language', () => {
    const summary = summariseLeftOut({ languages: ['en', 'de'], minWords: 48 }, [{ label: 'human' }, { label: 'synthetic' }, { label: 'synthetic' }], [out('language', 'fr'), out('too-short'), IN]);
    expect(formatLeftOut(summary)).toBe('scope: en, de, 48+ words; left out 2 labeled documents filter would leave unscored (1 synthetic, 1 human; 1 too short; by language: fr 1)');
  });

  it('says when every labeled document is in scope, and leaves out the length when it is not checked', () => {
    expect(formatLeftOut(summariseLeftOut({ languages: ['en'], minWords: 0 }, [{ label: 'human' }], [IN]))).toBe('scope: en; every labeled document is in scope');
  });
});

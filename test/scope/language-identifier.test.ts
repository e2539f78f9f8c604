import { describe, expect, it } from 'vitest';
import { IDENTIFIABLE_LANGUAGES, loadLanguageIdentifier } from '../../src/scope/index.js';
import { paragraph } from './fixtures.js';

describe('loadLanguageIdentifier', () => {
  it('loads the model once per thread and shares it', async () => {
    const [a, b] = await Promise.all([loadLanguageIdentifier(), loadLanguageIdentifier()]);
    expect(a).toBe(b);
    expect(await loadLanguageIdentifier()).toBe(a);
    expect(a.name).toContain('lid.176');
  });

  it('returns ISO codes with a probability', async () => {
    const id = await loadLanguageIdentifier();
    for (const [udhr, language] of [['eng', 'en'], ['fra', 'fr'], ['jpn', 'ja'], ['arb', 'ar'], ['hin', 'hi']] as const) {
      const guess = id.identify(paragraph(udhr).slice(0, 300));
      expect(guess.language).toBe(language);
      expect(guess.confidence).toBeGreaterThan(0.5);
      expect(guess.confidence).toBeLessThanOrEqual(1);
      expect(IDENTIFIABLE_LANGUAGES).toContain(guess.language);
    }
  });

  it('reads past a newline (fastText alone stops at the first one)', async () => {
    const id = await loadLanguageIdentifier();
    const text = `Hola\n${paragraph('spa').slice(0, 300)}`;
    expect(id.identify(text)).toEqual(id.identify(text.replace('\n', ' ')));
    expect(id.identify(text).language).toBe('es');
  });
});

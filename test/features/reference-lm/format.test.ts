import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  NgramCounter, buildNgramLm, charSymbols, wordSymbols, loadReferenceLm, saveReferenceLm,
  referenceLmFeatures, REFERENCE_LM_FEATURE_NAMES, type ReferenceLm,
} from '../../../src/features/reference-lm/index.js';

function tinyReferenceLm(): ReferenceLm {
  const texts = ['The cat sat on the mat.', 'The dog sat on the log.', 'A cat and a dog.'];
  const wc = new NgramCounter(3);
  const cc = new NgramCounter(4);
  for (const t of texts) {
    wc.add(wordSymbols(t, 1000).symbols);
    cc.add(charSymbols(t, 1000));
  }
  return { word: buildNgramLm(wc, { order: 3 }), char: buildNgramLm(cc, { order: 4 }) };
}

describe('reference LM file format', () => {
  it('round-trips to identical features', () => {
    const lm = tinyReferenceLm();
    const path = join(mkdtempSync(join(tmpdir(), 'reflm-')), 'lm.bin');
    saveReferenceLm(path, lm, { note: 'test' });
    const back = loadReferenceLm(path);
    const text = 'The cat sat on the log, and a zebra sat too.';
    expect(Array.from(referenceLmFeatures(text, back))).toEqual(Array.from(referenceLmFeatures(text, lm)));
  });

  it('names the path when the file is missing', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'reflm-')), 'bad.bin');
    saveReferenceLm(path, tinyReferenceLm());
    expect(() => loadReferenceLm(`${path}.missing`)).toThrow(/cannot load reference LM/);
  });
});

describe('referenceLmFeatures', () => {
  it('returns one finite value per name and GLTR buckets that nest', () => {
    const f = referenceLmFeatures('The cat sat on the mat. The dog sat on the log.', tinyReferenceLm());
    expect(f.length).toBe(REFERENCE_LM_FEATURE_NAMES.length);
    for (const v of f) expect(Number.isFinite(v)).toBe(true);
    const at = (n: string): number => f[REFERENCE_LM_FEATURE_NAMES.indexOf(n)]!;
    expect(at('lmWord.rank1')).toBeLessThanOrEqual(at('lmWord.rank10'));
    expect(at('lmWord.rank10')).toBeLessThanOrEqual(at('lmWord.rank100'));
    // Every word of this text is in the tiny corpus.
    expect(at('lmWord.unknown')).toBe(0);
  });

  it('is unchanged by case, which character attacks alter', () => {
    const lm = tinyReferenceLm();
    expect(Array.from(referenceLmFeatures('THE CAT sat', lm))).toEqual(Array.from(referenceLmFeatures('the cat sat', lm)));
  });

  it('handles empty text', () => {
    for (const v of referenceLmFeatures('', tinyReferenceLm())) expect(Number.isFinite(v)).toBe(true);
  });
});

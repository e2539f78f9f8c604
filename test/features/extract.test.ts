import { describe, expect, it } from 'vitest';
import {
  FEATURE_SPEC, FeatureExtractor, SIGNATURE_FEATURES, describeFeatures, extractFeatures, extractFeaturesAndReading, featureSpecMismatch, featureTableMarkdown,
  type FeatureSpec, type FeatureVector,
} from '../../src/features/index.js';
import { EXAMPLE } from './example.js';

const CLEAN =
  'The committee met on Tuesday to discuss the proposal. Several members raised concerns about ' +
  "the budget, and one asked whether the timeline was realistic. \"We can't rush this,\" she said. " +
  'After a long debate (nearly three hours!) they agreed to vote again next month: 7 in favour, 2 against.';

/** Value of one named dense feature. */
function feature(v: FeatureVector, name: string): number {
  return v.dense[FEATURE_SPEC.signature.indexOf(name)] as number;
}

/** Deterministic choice of positions: every k-th letter. */
function everyKth(text: string, k: number, f: (ch: string) => string): string {
  let i = 0;
  return [...text].map((ch) => (/[A-Za-z]/.test(ch) && i++ % k === 0 ? f(ch) : ch)).join('');
}

// RAID's homoglyph mapping plus a few more look-alikes.
const TO_HOMOGLYPH: Record<string, string> = {
  a: '\u0430', e: '\u0435', o: '\u043E', p: '\u0440', c: '\u0441', y: '\u0443', x: '\u0445', i: '\u0456',
  A: '\u0391', B: '\u0392', E: '\u0415', K: '\u039A', O: '\u041E', P: '\u0420', M: '\u039C', H: '\u041D',
  T: '\u0422', X: '\u03A7', C: '\u0421', I: '\u0406', N: '\u039D', Z: '\u0396', s: '\u0455', d: '\u0501',
};

const ATTACKS: Record<string, (t: string) => string> = {
  homoglyph: (t) => [...t].map((ch) => TO_HOMOGLYPH[ch] ?? ch).join(''),
  'zero-width': (t) => everyKth(t, 3, (ch) => ch + ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'][ch.charCodeAt(0) % 6]),
  whitespace: (t) => t.replace(/ /g, (_, offset: number) => ['  ', '\t', '\n', ' \u00A0 ', '\r\n '][offset % 5] as string),
  fullwidth: (t) => everyKth(t, 2, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)),
  'upper-lower': (t) => everyKth(t, 4, (ch) => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase())),
  'typographic quotes': (t) => t.replace(/"([^"]*)"/g, '\u201C$1\u201D').replace(/'/g, '\u2019'),
};

describe('extractFeatures', () => {
  it('returns one finite dense value per signature name and in-range sparse indices', () => {
    const v = extractFeatures(CLEAN);
    expect(v.dense.length).toBe(FEATURE_SPEC.signature.length);
    for (const x of v.dense) expect(Number.isFinite(x)).toBe(true);
    expect(v.sparse.length).toBeGreaterThan(CLEAN.length);
    for (const i of v.sparse) expect(i >= 0 && i < FEATURE_SPEC.buckets).toBe(true);
  });

  it('computes the hand-checked values of the example through the whole pipeline', () => {
    const v = extractFeatures(EXAMPLE);
    // see example.ts: N = 11, V = 9, sentences [3, 3, 5]
    expect(feature(v, 'log_word_count')).toBeCloseTo(Math.log(12), 6);
    expect(feature(v, 'type_token_ratio')).toBeCloseTo(9 / 11, 6);
    expect(feature(v, 'sentence_length_mean')).toBeCloseTo(11 / 3, 6);
    expect(feature(v, 'repeated_sentence_start_fraction')).toBeCloseTo(2 / 3, 6);
    expect(feature(v, 'the_rate')).toBeCloseTo(2 / 11, 6);
    // "!" in 3 sentences: the final "?" is closing punctuation, which no feature sees (ending.ts)
    expect(feature(v, 'exclamation_question_rate')).toBeCloseTo(1 / 3, 6);
    expect(feature(v, 'comma_rate')).toBe(0);
  });

  it.each(Object.keys(ATTACKS))('gives identical features under the %s attack', (name) => {
    const attack = ATTACKS[name] as (t: string) => string;
    const attacked = attack(CLEAN);
    expect(attacked).not.toBe(CLEAN);
    const clean = extractFeatures(CLEAN);
    const hit = extractFeatures(attacked);
    expect(hit.dense).toEqual(clean.dense);
    expect(hit.sparse).toEqual(clean.sparse);
  });

  it('gives identical features under all character attacks combined', () => {
    const all = Object.values(ATTACKS).reduce((t, attack) => attack(t), CLEAN);
    expect(extractFeatures(all)).toEqual(extractFeatures(CLEAN));
  });

  it.each([
    ['empty', ''],
    ['blank', ' \n\t\u200B '],
    ['one word', 'word'],
    ['no sentence end', 'this text never ends'],
    ['punctuation only', '?!... -- ()'],
    ['digits only', '42 3.14 1,000'],
    ['emoji', '😀 🎉'],
    ['one long repeated word', 'buffalo '.repeat(3000)],
  ])('stays finite for %s input', (_, text) => {
    const v = extractFeatures(text);
    expect(v.dense.length).toBe(FEATURE_SPEC.signature.length);
    for (const x of v.dense) expect(Number.isFinite(x)).toBe(true);
  });

  it('returns all zeros for empty text', () => {
    const v = extractFeatures('');
    expect([...v.dense].every((x) => x === 0)).toBe(true);
    expect(v.sparse.length).toBe(0);
  });

  it('reads only the first windowWords words, so a long document costs no more than its window', () => {
    const sentence = 'Word salad of many words, said the editor. ';
    const huge = sentence.repeat(5000);
    const window = FEATURE_SPEC.windowWords;
    const firstWords = huge.split(' ').slice(0, window).join(' ');
    expect(extractFeatures(huge)).toEqual(extractFeatures(firstWords));
    expect(extractFeatures(huge)).not.toEqual(extractFeatures(huge.split(' ').slice(0, window - 1).join(' ')));
    const { maxWords, maxChars } = FEATURE_SPEC.ngrams;
    expect(extractFeatures(huge).sparse.length).toBeLessThan(maxWords + (maxWords - 1) + (maxChars - 2) + (maxChars - 3) + (maxChars - 4));
  });

  it('gives the same values through a FeatureExtractor, whose arrays are reused from one document to the next', () => {
    const texts = [CLEAN, EXAMPLE, '', 'word '.repeat(2000), CLEAN.slice(0, 40), EXAMPLE.repeat(3)];
    const extractor = new FeatureExtractor();
    let previous: FeatureVector | undefined;
    for (const text of texts) {
      const got = extractor.extract(text);
      expect({ dense: Array.from(got.dense), sparse: Array.from(got.sparse) }).toEqual({ dense: Array.from(extractFeatures(text).dense), sparse: Array.from(extractFeatures(text).sparse) });
      if (previous) expect(got.dense).toBe(previous.dense);
      previous = got;
      const { vector, reading } = extractor.extractAndRead(text);
      expect(Array.from(vector.sparse)).toEqual(Array.from(extractFeatures(text).sparse));
      expect(reading).toEqual(extractFeaturesAndReading(text).reading);
    }
  });

  it('is deterministic', () => {
    expect(extractFeatures(CLEAN)).toEqual(extractFeatures(CLEAN));
  });

  it('refuses a spec of another version or signature, honours different n-gram settings', () => {
    expect(() => extractFeatures(CLEAN, { ...FEATURE_SPEC, version: 'sig-0' })).toThrow(/sig-4/);
    expect(() => extractFeatures(CLEAN, { ...FEATURE_SPEC, windowWords: 100 })).toThrow(/320-word window\); got a spec for sig-4 with \d+ and 100/);
    expect(() => extractFeatures(CLEAN, { ...FEATURE_SPEC, signature: FEATURE_SPEC.signature.slice(1) })).toThrow();
    const small: FeatureSpec = { ...FEATURE_SPEC, buckets: 1 << 10, ngrams: { ...FEATURE_SPEC.ngrams, buckets: 1 << 10, charMaxOrder: 3 } };
    const v = extractFeatures(CLEAN, small);
    expect(v.dense).toEqual(extractFeatures(CLEAN).dense);
    for (const i of v.sparse) expect(i).toBeLessThan(1 << 10);
    expect(v.sparse.length).toBeLessThan(extractFeatures(CLEAN).sparse.length);
  });
});

describe('FEATURE_SPEC', () => {
  it('is version sig-4 with at least 24 unique signature names, 2^18 buckets and a 320-word window', () => {
    expect(FEATURE_SPEC.version).toBe('sig-4');
    expect(FEATURE_SPEC.windowWords).toBe(320);
    expect(FEATURE_SPEC.signature.length).toBeGreaterThanOrEqual(24);
    expect(new Set(FEATURE_SPEC.signature).size).toBe(FEATURE_SPEC.signature.length);
    expect(FEATURE_SPEC.signature).toEqual(SIGNATURE_FEATURES.map((f) => f.name));
    expect(FEATURE_SPEC.buckets).toBe(262144);
    expect(FEATURE_SPEC.ngrams.buckets).toBe(FEATURE_SPEC.buckets);
    expect(FEATURE_SPEC.ngrams.wordSeed).not.toBe(FEATURE_SPEC.ngrams.charSeed);
  });

  it('matches itself after a JSON round trip (as read from a model card)', () => {
    const fromCard = JSON.parse(JSON.stringify(FEATURE_SPEC)) as FeatureSpec;
    expect(featureSpecMismatch(fromCard)).toBeNull();
  });

  it('reports what differs in a mismatched spec', () => {
    expect(featureSpecMismatch({ ...FEATURE_SPEC, version: 'sig-0' })).toMatch(/version "sig-0"/);
    const reordered = [...FEATURE_SPEC.signature].reverse();
    expect(featureSpecMismatch({ ...FEATURE_SPEC, signature: reordered })).toMatch(/signature/);
    expect(featureSpecMismatch({ ...FEATURE_SPEC, buckets: 1024 })).toMatch(/buckets/);
    expect(featureSpecMismatch({ ...FEATURE_SPEC, windowWords: 200 })).toMatch(/window 200 words/);
    expect(featureSpecMismatch({ ...FEATURE_SPEC, ngrams: { ...FEATURE_SPEC.ngrams, charMaxOrder: 4 } })).toMatch(/charMaxOrder/);
  });

  it('describes every feature in one line', () => {
    const described = describeFeatures();
    expect(described.map((d) => d.name)).toEqual(FEATURE_SPEC.signature);
    for (const d of described) {
      expect(d.description.length).toBeGreaterThan(5);
      expect(d.description).not.toMatch(/\n|\|/);
    }
    expect(featureTableMarkdown().split('\n').length).toBe(described.length + 2);
  });
});

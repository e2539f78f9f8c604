import { describe, expect, it } from 'vitest';
import { parsePredictProbLine, toFasttextText, toFasttextTrainLine } from '../../bench/lib/fasttext-format.js';

describe('fastText formats', () => {
  it('writes one training line per document, whitespace folded, case kept', () => {
    expect(toFasttextTrainLine({ text: ' The  Cat\nsat.\t', label: 'synthetic' })).toBe('__label__synthetic The Cat sat.');
    expect(toFasttextTrainLine({ text: 'Hi', label: 'human' })).toBe('__label__human Hi');
    expect(toFasttextText('a\r\n\r\nb')).toBe('a b');
  });

  it('reads P(synthetic) whichever label comes first', () => {
    expect(parsePredictProbLine('__label__synthetic 0.8 __label__human 0.2')).toBeCloseTo(0.8, 12);
    expect(parsePredictProbLine('__label__human 0.75 __label__synthetic 0.25')).toBeCloseTo(0.25, 12);
  });

  it('takes the rest of the mass when the positive label is not listed, and clamps to 0..1', () => {
    expect(parsePredictProbLine('__label__human 0.9')).toBeCloseTo(0.1, 12);
    expect(parsePredictProbLine('__label__synthetic 1.00001 __label__human 1e-05')).toBe(1);
  });

  it('refuses output it does not understand', () => {
    expect(() => parsePredictProbLine('')).toThrow(/empty/);
    expect(() => parsePredictProbLine('synthetic 0.5')).toThrow(/unexpected/);
  });
});

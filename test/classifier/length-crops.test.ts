import { describe, expect, it } from 'vitest';
import { lengthCrops } from '../../src/classifier/length-crops.js';
import type { LabeledDocument } from '../../src/classifier/index.js';
import { countWords } from '../../src/features/window.js';

const words = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');
const docs: LabeledDocument[] = Array.from({ length: 200 }, (_, i) => ({
  id: `d${i}`,
  text: words(40 + (i % 5) * 60, `w${i}x`),
  label: i % 2 === 0 ? 'human' : 'synthetic',
  source: 's',
}));

describe('length crops', () => {
  const opts = { copies: 2, minWords: 50, maxWords: 320 };

  it('keeps every document and adds prefixes shorter than it, within the bounds', () => {
    const out = lengthCrops(docs, opts, 1);
    expect(out.slice(0, docs.length)).toEqual(docs);
    const crops = out.slice(docs.length);
    expect(crops.length).toBeGreaterThan(0);
    for (const c of crops) {
      const original = docs.find((d) => c.id === `${String(d.id)}#crop0` || c.id === `${String(d.id)}#crop1`)!;
      expect(c.label).toBe(original.label);
      expect(c.source).toBe(original.source);
      const n = countWords(c.text);
      expect(n).toBeGreaterThanOrEqual(50);
      expect(n).toBeLessThan(countWords(original.text));
      expect(original.text.startsWith(c.text)).toBe(true);
    }
    // A 40-word document is shorter than any crop: nothing is added for it.
    expect(crops.some((c) => String(c.id).startsWith('d0#'))).toBe(false);
  });

  it('draws random-position crops from inside the document', () => {
    const crops = lengthCrops(docs, { ...opts, position: 'random' }, 1).slice(docs.length);
    for (const c of crops) expect(docs.some((d) => d.text.includes(c.text))).toBe(true);
    expect(crops.some((c) => !docs.some((d) => d.text.startsWith(c.text)))).toBe(true);
  });

  it('draws the same length distribution for both labels', () => {
    const long = docs.map((d) => ({ ...d, text: words(400, 'w') }));
    const crops = lengthCrops(long, opts, 7).slice(long.length);
    const mean = (label: string) => {
      const n = crops.filter((c) => c.label === label).map((c) => countWords(c.text));
      return n.reduce((a, b) => a + b, 0) / n.length;
    };
    expect(Math.abs(mean('human') - mean('synthetic'))).toBeLessThan(30);
    // log-uniform on [50, 320]: mean (320 - 50) / ln(320 / 50), about 145
    expect(mean('human')).toBeGreaterThan(115);
    expect(mean('human')).toBeLessThan(175);
  });

  it('is deterministic for a seed and pure', () => {
    const before = JSON.stringify(docs);
    expect(lengthCrops(docs, opts, 3)).toEqual(lengthCrops(docs, opts, 3));
    expect(lengthCrops(docs, opts, 3)).not.toEqual(lengthCrops(docs, opts, 4));
    expect(JSON.stringify(docs)).toBe(before);
    expect(lengthCrops(docs, { ...opts, copies: 0 }, 3)).toEqual(docs);
    expect(() => lengthCrops(docs, { ...opts, minWords: 400 }, 3)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { adoptClassLm, ClassLm, CLASS_LM_FEATURES, classLmFeatures, classLmTokens, shareClassLm } from '../../src/features/index.js';
import { U32Table } from '../../src/features/class-lm/u32-table.js';

const MACHINE = ['in conclusion, it is important to note that the findings highlight a crucial aspect.', 'overall, this comprehensive approach ensures that stakeholders can navigate the landscape.'];
const HUMAN = ['we got there late, the pub was shut and nobody had told us why.', 'my gran kept bees behind the shed for thirty years and never once got stung.'];
const lm = ClassLm.build([...MACHINE.map((t) => ({ tokens: classLmTokens(t), synthetic: true })), ...HUMAN.map((t) => ({ tokens: classLmTokens(t), synthetic: false }))]);
const features = (tables: Parameters<typeof classLmFeatures>[1], text: string) => {
  const out = new Float32Array(CLASS_LM_FEATURES.length);
  classLmFeatures(classLmTokens(text), tables, out, 0);
  return Array.from(out);
};

describe('a class LM shared between threads', () => {
  const shared = shareClassLm(lm, 'key');

  it('holds copies of the tables in SharedArrayBuffers, under its key', () => {
    expect(shared.key).toBe('key');
    for (const [table, own] of [[shared.words, lm.words], [shared.bigrams, lm.bigrams]] as const) {
      expect(table.slots.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(table.slots).toEqual(own.slots);
      expect(table.slots.buffer).not.toBe(own.slots.buffer);
      expect([table.width, table.size]).toEqual([own.width, own.size]);
    }
  });

  it('gives the features of the LM it came from, bit for bit, read in place', () => {
    const adopted = adoptClassLm(shared);
    expect(adopted.words.slots).toBe(shared.words.slots);
    for (const text of [...MACHINE, ...HUMAN, 'it is important to note that the pub was shut.', 'zebra quokka never seen words', '']) {
      expect(features(adopted, text)).toEqual(features(lm, text));
    }
    expect(adopted.bigrams.find(lm.bigrams.slots.find((k, i) => i % 3 === 0 && k !== 0)!)).toBeGreaterThan(0);
  });

  it('is refused outside a SharedArrayBuffer, and over slots that are not a table', () => {
    expect(() => adoptClassLm({ ...shared, words: { ...shared.words, slots: new Uint32Array(shared.words.slots) } })).toThrow(/SharedArrayBuffer/);
    expect(() => U32Table.over(new Uint32Array(7 * 16), 6, 1)).not.toThrow();
    expect(() => U32Table.over(new Uint32Array(7 * 24), 6, 1)).toThrow(/power-of-two/);
    expect(() => U32Table.over(new Uint32Array(7 * 16), 6, 13)).toThrow(/cannot hold 13/);
  });
});

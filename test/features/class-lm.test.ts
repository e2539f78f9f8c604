import { describe, expect, it } from 'vitest';
import { ClassLm, CLASS_LM_FEATURES, classLmFeatures, classLmTokens, decodeClassLm, encodeClassLm } from '../../src/features/index.js';
import { BigramLm as ReferenceLm, ratioFeatures } from '../../bench/detector-lab/class-lm.js';
import { U32Table } from '../../src/features/class-lm/u32-table.js';
import { fmix32, fnvString, FNV_OFFSET } from '../../src/features/hash.js';

// The reference: the lab's Map-based LMs over string tokens, whose features the detector lab measured.
const referenceFeatures = ratioFeatures;

const words = (text: string) => text.match(/[a-z0-9']+|[^\sa-z0-9']/g) ?? [];
const MACHINE = [
  'in conclusion, it is important to note that the findings highlight a crucial aspect of the topic.',
  'overall, this comprehensive approach ensures that stakeholders can navigate the complex landscape.',
  'it is important to note that the study highlights the importance of a holistic approach.',
];
const HUMAN = [
  'we got there late, the pub was shut and nobody had told us why.',
  'my gran kept bees behind the shed for thirty years and never once got stung.',
  'the match was called off at half time when the floodlights failed again.',
];
const build = () => ClassLm.build([...MACHINE.map((t) => ({ tokens: classLmTokens(t), synthetic: true })), ...HUMAN.map((t) => ({ tokens: classLmTokens(t), synthetic: false }))]);

describe('class LM features', () => {
  it('equal the reference computation over string tokens', () => {
    const lm = build();
    const ref = { m: new ReferenceLm(MACHINE.map(words)), h: new ReferenceLm(HUMAN.map(words)) };
    for (const text of [...MACHINE, ...HUMAN, 'it is important to note that the pub was shut.', 'zebra quokka never seen words here']) {
      const out = new Float32Array(3 + CLASS_LM_FEATURES.length);
      classLmFeatures(classLmTokens(text), lm, out, 3);
      const expected = referenceFeatures(words(text), ref.m, ref.h);
      expected.forEach((v, i) => expect(out[3 + i]).toBeCloseTo(v, 4));
      expect(Array.from(out.subarray(0, 3))).toEqual([0, 0, 0]);
    }
  });

  it('extended by more documents, are the LMs built from all of them (same bytes)', () => {
    const more = [
      { tokens: classLmTokens('it is important to note that the harbour highlights a holistic view.'), synthetic: true },
      { tokens: classLmTokens('the harbour was shut again, so we walked home along the wall.'), synthetic: false },
    ];
    const base = build();
    const all = ClassLm.build([...MACHINE.map((t) => ({ tokens: classLmTokens(t), synthetic: true })), ...HUMAN.map((t) => ({ tokens: classLmTokens(t), synthetic: false })), ...more]);
    expect(encodeClassLm(base.extend(more))).toEqual(encodeClassLm(all));
    expect(encodeClassLm(base)).toEqual(encodeClassLm(build())); // the base is left as it was
    expect(encodeClassLm(base.extend([]))).toEqual(encodeClassLm(base));
  });

  it('rate text like the machine side above text like the human side', () => {
    const lm = build();
    const mean = (text: string) => {
      const out = new Float32Array(CLASS_LM_FEATURES.length);
      classLmFeatures(classLmTokens(text), lm, out, 0);
      return out[0]!;
    };
    expect(mean('it is important to note that this approach highlights the landscape.')).toBeGreaterThan(0);
    expect(mean('the pub was shut and my gran kept bees behind the shed.')).toBeLessThan(0);
  });

  it('are zeros for a text without tokens', () => {
    const out = new Float32Array(CLASS_LM_FEATURES.length).fill(7);
    classLmFeatures(classLmTokens('   '), build(), out, 0);
    expect(Array.from(out)).toEqual(new Array(CLASS_LM_FEATURES.length).fill(0));
  });

  it('survive encoding and decoding unchanged', () => {
    const lm = build();
    const again = decodeClassLm(encodeClassLm(lm));
    expect(encodeClassLm(again)).toEqual(encodeClassLm(lm));
    const a = new Float32Array(CLASS_LM_FEATURES.length);
    const b = new Float32Array(CLASS_LM_FEATURES.length);
    const tokens = classLmTokens('it is important to note that the floodlights failed.');
    classLmFeatures(tokens, lm, a, 0);
    classLmFeatures(tokens, again, b, 0);
    expect(b).toEqual(a);
  });

  it('refuse bytes that are not a class LM file, or cut short, or too long', () => {
    const bytes = encodeClassLm(build());
    expect(() => decodeClassLm(new Uint8Array(bytes.length))).toThrow(/bad magic/);
    expect(() => decodeClassLm(bytes.subarray(0, bytes.length - 4))).toThrow(/ends early/);
    const longer = new Uint8Array(bytes.length + 4);
    longer.set(bytes);
    expect(() => decodeClassLm(longer)).toThrow(/after its end/);
  });
});

describe('classLmTokens', () => {
  it('hashes the same tokens as the regular expression it stands for, white space of every kind skipped', () => {
    const regexTokens = (t: string) => (t.match(/[a-z0-9']+|[^\sa-z0-9']/g) ?? []).map((w) => fmix32(fnvString(FNV_OFFSET, w)) || 1);
    const texts = [
      "it's a dog's life, isn't it? 42 cats\u00a0and\u3000dogs\u2009here",
      'ünïcödé — “quotes” 👨‍👩‍👧 𝔘𝔫𝔦 日本語のテキスト\ttab\nline\u2028sep\ufeffbom',
      '',
      '   ',
      'a'.repeat(3000) + ' ' + 'b, '.repeat(900),
    ];
    for (const t of texts) expect(Array.from(classLmTokens(t))).toEqual(regexTokens(t));
  });
});

describe('U32Table', () => {
  it('finds every key it holds with its values, and no other', () => {
    const keys = Uint32Array.from({ length: 1000 }, (_, i) => (i * 2654435761) >>> 0 || 1);
    const values = Uint32Array.from({ length: 2000 }, (_, i) => i);
    const t = new U32Table(keys, values, 2);
    keys.forEach((k, i) => {
      const slot = t.find(k);
      expect(slot).toBeGreaterThanOrEqual(0);
      expect([t.value(slot, 0), t.value(slot, 1)]).toEqual([2 * i, 2 * i + 1]);
    });
    expect(t.find(123456789)).toBe(-1);
  });

  it('joins several sources into one row per key, 0 where a source lacks the key', () => {
    const t = U32Table.join(3, [
      { keys: Uint32Array.of(7, 9), values: Uint32Array.of(70, 90), width: 1, column: 0 },
      { keys: Uint32Array.of(9, 11), values: Uint32Array.of(91, 92, 111, 112), width: 2, column: 1 },
    ]);
    expect(t.size).toBe(3);
    const row = (k: number) => [0, 1, 2].map((j) => t.value(t.find(k), j));
    expect(row(7)).toEqual([70, 0, 0]);
    expect(row(9)).toEqual([90, 91, 92]);
    expect(row(11)).toEqual([0, 111, 112]);
    expect(t.find(8)).toBe(-1);
  });

  it('refuses key 0 and a key given twice', () => {
    expect(() => new U32Table(Uint32Array.of(0), Uint32Array.of(1), 1)).toThrow(/empty slot/);
    expect(() => new U32Table(Uint32Array.of(5, 5), Uint32Array.of(1, 2), 1)).toThrow(/twice/);
  });
});

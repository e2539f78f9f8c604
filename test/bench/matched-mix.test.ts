import { describe, expect, it } from 'vitest';
import type { LabeledDocument } from '../../src/classifier/index.js';
import { matchedMix } from '../../bench/lib/adapt-run.js';

let next = 0;
const docs = (n: number, label: 'human' | 'synthetic', generator?: string): LabeledDocument[] =>
  Array.from({ length: n }, () => ({ id: `d${next++}`, text: `text ${next}`, label, source: 's', ...(generator ? { generator } : {}) }));

describe("the pool cut to another set's generator shares (bench:adapt ADAPT_POOL_MIX=test)", () => {
  // Pool: mostly a 2024 chat model; the report-only set: mostly an older base model.
  const pool = [...docs(30, 'human'), ...docs(80, 'synthetic', 'chat'), ...docs(20, 'synthetic', 'base'), ...docs(5, 'synthetic', 'only-in-pool')];
  const like = [...docs(10, 'human'), ...docs(2, 'synthetic', 'chat'), ...docs(6, 'synthetic', 'base'), ...docs(2, 'synthetic', 'only-in-test')];
  const mixed = matchedMix(pool, like, 1);
  const count = (g: string) => mixed.filter((d) => d.generator === g).length;

  it("keeps every human document and the largest synthetic subset at the other set's shares", () => {
    expect(mixed.filter((d) => d.label === 'human')).toHaveLength(30);
    // base is the binding generator: all 20 kept (6 of 10 shares -> 33 in all), chat 2 of 10 of that.
    expect(count('base')).toBe(20);
    expect(count('chat')).toBe(6);
    expect(count('only-in-pool')).toBe(0);
    expect(mixed.every((d) => pool.includes(d))).toBe(true);
  });

  it('takes the same documents for a seed, others for another seed', () => {
    expect(matchedMix(pool, like, 1)).toEqual(mixed);
    const chat = (m: LabeledDocument[]) => m.filter((d) => d.generator === 'chat').map((d) => d.id);
    expect(chat(matchedMix(pool, like, 2))).not.toEqual(chat(mixed));
  });
});

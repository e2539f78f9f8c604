import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nestsDeeperThan, textNestsDeeperThan } from '../../src/documents/nesting-depth.js';

const nested = (levels: number, inner = '1') => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;

describe('nesting depth', () => {
  it('counts the record itself as level 1, arrays and objects alike', () => {
    for (const check of [(t: string, l: number) => textNestsDeeperThan(t, l), (t: string, l: number) => nestsDeeperThan(JSON.parse(t), l)]) {
      expect(check('{"a":1}', 1)).toBe(false);
      expect(check('{"a":[1]}', 1)).toBe(true);
      expect(check('{"a":[1]}', 2)).toBe(false);
      expect(check(`{"a":${nested(511)}}`, 512)).toBe(false);
      expect(check(`{"a":${nested(512)}}`, 512)).toBe(true);
      expect(check(`{"a":${'{"b":'.repeat(512)}1${'}'.repeat(512)}}`, 512)).toBe(true);
      // Wide is not deep.
      expect(check(`{"a":[${Array.from({ length: 5000 }, () => '[1]').join(',')}]}`, 3)).toBe(false);
    }
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ text: `${'['.repeat(2000)} say "}" \\ ${'{'.repeat(2000)} \\"[[[` });
    expect(textNestsDeeperThan(text, 2)).toBe(false);
    expect(textNestsDeeperThan(`{"a":"\\\\",${'"b":'}${nested(5)}}`, 3)).toBe(true);
  });

  it('judges a text as the parsed value is judged (property)', () => {
    const deepArb = fc.integer({ min: 0, max: 40 }).chain((levels) => fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(nested(levels, JSON.stringify(v) ?? 'null'))));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 6 }), deepArb), fc.integer({ min: 1, max: 45 }), (value, limit) => {
        expect(textNestsDeeperThan(JSON.stringify(value), limit)).toBe(nestsDeeperThan(value, limit));
      }),
      { seed: 20_261_206, numRuns: 300 },
    );
  });

  it('takes any depth: both checks are iterative', () => {
    const text = `{"n":${nested(1_000_000)}}`;
    expect(textNestsDeeperThan(text, 512)).toBe(true);
    expect(nestsDeeperThan(JSON.parse(text), 512)).toBe(true);
  });
});

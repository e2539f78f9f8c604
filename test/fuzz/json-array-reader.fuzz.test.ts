// Property: the JSON array reader, on any valid-looking array file compressed or not and then
// damaged, ends, throws nothing, and yields well-formed items indexed 0, 1, 2...; on an undamaged
// file, exactly the outcome of each element, up to the first syntax error (which ends the file).
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { fileHarness, propertyTest, expectedOutcome, outcomes } from './harness.js';
import { compress, compressionArb, jsonArrayArb } from './inputs.js';
import { mutate, mutationsArb } from './mutate.js';

const harness = fileHarness('json arrays');

describe('JSON array reader (property)', () => {
  propertyTest(
    'ends, throws nothing and accounts for every element, however the input is damaged',
    fc.asyncProperty(jsonArrayArb, compressionArb, mutationsArb, async ({ pieces, records }, compression, mutations) => {
      const bytes = mutate(compress(pieces, compression), mutations);
      const items = await harness.read(bytes, 'json', compression !== 'none');
      if (mutations.length > 0 || items === undefined) return;
      const expected: Array<[number, string]> = [];
      for (const record of records) {
        const outcome = expectedOutcome(record);
        expected.push([expected.length, outcome]);
        if (outcome === 'malformed-json') break;
      }
      expect(outcomes(items, 'index')).toEqual(expected);
    }),
  );
});

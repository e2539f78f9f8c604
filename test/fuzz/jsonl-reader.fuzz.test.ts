// Property: the JSONL reader, on any valid-looking input compressed or not and then damaged, ends,
// throws nothing, and yields well-formed items in line order; on an undamaged input, exactly the
// outcome of each line.
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { fileHarness, propertyTest, expectedOutcome, outcomes } from './harness.js';
import { compress, compressionArb, jsonlArb } from './inputs.js';
import { mutate, mutationsArb } from './mutate.js';

const harness = fileHarness('jsonl');

describe('JSONL reader (property)', () => {
  propertyTest(
    'ends, throws nothing and accounts for every line, however the input is damaged',
    fc.asyncProperty(jsonlArb, compressionArb, mutationsArb, async (pieces, compression, mutations) => {
      const bytes = mutate(compress(pieces, compression), mutations);
      const items = await harness.read(bytes, 'jsonl', compression !== 'none');
      if (mutations.length > 0 || items === undefined) return;
      // Undamaged: one item per non-blank line, in order, each with the outcome its record calls for.
      const lines = Buffer.concat(pieces).toString('utf8').replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, ''));
      const expected = lines.flatMap((line, i) => (line.trim() === '' ? [] : [[i + 1, expectedOutcome(line)]]));
      expect(outcomes(items, 'line')).toEqual(expected);
    }),
  );
});

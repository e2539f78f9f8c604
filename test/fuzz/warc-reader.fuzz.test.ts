// Property: the WARC/WET reader, on any valid-looking file (records with right and wrong
// Content-Lengths, repeated headers, deep and sloppy HTML), plain or gzip, then damaged, ends,
// throws nothing, yields well-formed items at growing offsets and reads the file a bounded number
// of times over; on an undamaged file whose Content-Lengths are all right, exactly the outcome of
// each record.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { fileHarness, propertyTest, outcomes } from './harness.js';
import { warcArb } from './inputs.js';
import { mutate, mutationsArb } from './mutate.js';

const harness = fileHarness('warc');

const compressionArb = fc.constantFrom('plain', 'gzip per record', 'gzip whole file');

describe('WARC/WET reader (property)', () => {
  propertyTest(
    'ends, throws nothing and accounts for every record, however the input is damaged',
    fc.asyncProperty(warcArb, compressionArb, mutationsArb, async (records, compression, mutations) => {
      const parts = records.map((r) => r.bytes);
      const stored =
        compression === 'plain' ? parts : compression === 'gzip per record' ? parts.map((p) => gzipSync(p)) : [gzipSync(Buffer.concat(parts))];
      const bytes = mutate(Buffer.concat(stored), mutations);
      const items = await harness.read(bytes, 'warc', compression !== 'plain');
      if (mutations.length > 0 || items === undefined || records.some((r) => r.expected === 'unknown')) return;
      // Each record at its own offset (gzip per record: its member's); in a whole-file gzip, all at the one member's.
      let offset = 0;
      const expected: Array<[number, string]> = [];
      for (const [i, record] of records.entries()) {
        if (record.expected !== 'nothing') expected.push([compression === 'gzip whole file' ? 0 : offset, record.expected]);
        offset += stored[i]?.length ?? 0;
      }
      expect(outcomes(items, 'offset')).toEqual(expected);
    }),
  );
});

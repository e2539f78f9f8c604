import { describe, expect, it } from 'vitest';
import { crawlsiftSlot } from '../../src/pipeline/output/crawlsift-slot.js';
import { toRoutedRecord } from '../../src/pipeline/output/provenance.js';

const crawlsiftOf = (record: Record<string, unknown>) => JSON.stringify((record.metadata as { crawlsift: unknown }).crawlsift);

describe('crawlsiftSlot', () => {
  const doc = (record: Record<string, unknown>, text = String(record.text ?? 'x')) => ({ id: 'd"1', text, record, source: { file: 'f', line: 3 } });
  const cases: Record<string, Record<string, unknown>> = {
    'a plain record': { id: 'a', text: 'hello' },
    'text full of quotes, backslashes, braces and other scripts': { id: 'a', text: 'she said "{\\"crawlsift\\": 1}" \\\\ } ] 日本語 ✓' },
    'metadata in the middle, followed by a field holding a crawlsift lookalike': { id: 'a', metadata: { site: 'x', nested: { crawlsift: { id: 'fake' } } }, text: 't', after: { metadata: { crawlsift: { id: 'fake2' } } } },
    'an earlier run\'s metadata.crawlsift before other metadata': { id: 'a', text: 't', metadata: { crawlsift: { id: 'old' }, later: [1, { '"': '}' }] } },
    'numbers, booleans, null and arrays before it': { n: -1.5e3, ok: true, no: null, list: [[1], { a: '"' }], text: 't' },
  };
  for (const [name, record] of Object.entries(cases)) {
    it(`finds metadata.crawlsift in ${name}`, () => {
      const routed = toRoutedRecord(doc(record), 'human', { score: 0.5, model: 'm' }, 'score-below-low');
      const line = Buffer.from(JSON.stringify(routed));
      const slot = crawlsiftSlot(line)!;
      expect(line.subarray(slot[0], slot[1]).toString('utf8')).toBe(crawlsiftOf(routed));
    });
  }

  it('finds nothing in a record without metadata.crawlsift', () => {
    expect(crawlsiftSlot(Buffer.from(JSON.stringify({ id: 'a', metadata: { other: { crawlsift: {} } } })))).toBeUndefined();
    expect(crawlsiftSlot(Buffer.from(JSON.stringify({ reason: 'malformed-json', raw: '{"metadata":{"crawlsift":{}}}' })))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { ReadItem } from '../../src/documents/types.js';
import { packBatchItems, unpackBatchItems } from '../../src/pipeline/packed-items.js';
import { BatchPayloadSchema } from '../../src/executors/queue/run-spec.js';

const text = 'A crawled page whose text is long enough that sending it twice would show. '.repeat(20);
const jsonl: ReadItem = {
  kind: 'document',
  document: { id: 'doc-1', text, record: { id: 'doc-1', body: text, lang: 'en' }, source: { file: '/crawl/a.jsonl', line: 3 } },
};
// WARC readers keep the text under "text" whatever --text-field says.
const warc: ReadItem = {
  kind: 'document',
  document: { id: 'urn:uuid:1', text, record: { id: 'urn:uuid:1', url: 'https://example.org/', text }, source: { file: '/crawl/b.warc.gz', offset: 1234 } },
};
// A reader that trimmed or rebuilt the text: it is no field of the record, so it travels as is.
const rebuilt: ReadItem = {
  kind: 'document',
  document: { id: 'doc-2', text: 'trimmed text', record: { id: 'doc-2', body: '  trimmed text  ' }, source: { file: '/crawl/a.jsonl', line: 4 } },
};
const rejected: ReadItem = { kind: 'rejected', rejected: { reason: 'malformed-json', detail: 'Unexpected token', file: '/crawl/a.jsonl', line: 5, raw: '{"body": ' } };
const items = [jsonl, warc, rebuilt, rejected];

describe('batch payloads', () => {
  const packed = packBatchItems(items);

  it('send each text once, as the name of the record field that holds it', () => {
    expect(packed[0]).toEqual({ kind: 'document', document: { id: 'doc-1', textKey: 'body', record: jsonl.document.record, source: jsonl.document.source } });
    expect(packed[1]).toMatchObject({ document: { textKey: 'text' } });
    expect(packed[2]).toMatchObject({ document: { text: 'trimmed text' } });
    expect(packed[2]!.kind === 'document' && 'textKey' in packed[2]!.document).toBe(false);
    expect(packed[3]).toEqual(rejected);
    const size = (x: unknown) => JSON.stringify(x).length;
    expect(size(packed.slice(0, 2))).toBeLessThan(0.6 * size(items.slice(0, 2)));
  });

  it('come back as the same read items after JSON, schema and unpacking, in order', () => {
    const payload = BatchPayloadSchema.parse(JSON.parse(JSON.stringify({ run: 'r', batch: 0, items: packed })));
    expect(unpackBatchItems(payload.items)).toEqual(items);
  });

  it('are refused when a document has no text, both, or a textKey that is not a string field', () => {
    const doc = { id: 'd', record: { id: 'd', body: 'x', n: 3 }, source: { file: 'f', line: 1 } };
    for (const document of [doc, { ...doc, text: 'x', textKey: 'body' }, { ...doc, textKey: 'n' }, { ...doc, textKey: 'missing' }]) {
      expect(BatchPayloadSchema.safeParse({ run: 'r', batch: 0, items: [{ kind: 'document', document }] }).success).toBe(false);
    }
    expect(BatchPayloadSchema.safeParse({ run: 'r', batch: 0, items: [{ kind: 'document', document: { ...doc, textKey: 'body' } }] }).success).toBe(true);
  });
});

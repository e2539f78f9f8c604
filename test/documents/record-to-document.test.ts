import { describe, expect, it } from 'vitest';
import { DEFAULT_READER_OPTIONS, RAW_LIMIT_BYTES, derivedId, lineToItem, truncateUtf8, valueToItem } from '../../src/documents/index.js';
import { rawFromBytes } from '../../src/documents/raw-text.js';

const src = { file: 'data/crawl.jsonl', line: 7 };
const opts = { ...DEFAULT_READER_OPTIONS, maxDocBytes: 100 };
const item = (line: string | Buffer, options = opts) => lineToItem(Buffer.from(line), src, options);
const reason = (line: string | Buffer, options = opts) => {
  const it = item(line, options);
  return it.kind === 'rejected' ? it.rejected.reason : 'document';
};

describe('lineToItem', () => {
  it('makes a document that keeps the whole record', () => {
    const it = item('{"id":"a1","text":"Hello there.","lang":"en"}');
    expect(it).toEqual({
      kind: 'document',
      document: { id: 'a1', text: 'Hello there.', record: { id: 'a1', text: 'Hello there.', lang: 'en' }, source: src },
    });
  });

  it('rejects each kind of bad record with its reason and location', () => {
    expect(reason('{"text": ')).toBe('malformed-json');
    expect(reason('"just a string"')).toBe('not-an-object');
    expect(reason('[{"text":"x"}]')).toBe('not-an-object');
    expect(reason('null')).toBe('not-an-object');
    expect(reason(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]))).toBe('invalid-utf8');
    expect(reason('{"body":"x"}')).toBe('missing-text');
    expect(reason('{"text":null}')).toBe('missing-text');
    expect(reason('{"text":["a"]}')).toBe('non-string-text');
    expect(reason('{"text":""}')).toBe('empty-text');
    expect(reason('{"text":" \\n\\t "}')).toBe('empty-text');
    // Nothing left to score once the invisible characters normalisation removes are gone.
    expect(reason('{"text":"\\u200b\\u200c\\u200d\\ufeff \\u2060"}')).toBe('empty-text');
    expect(reason('{"text":"\\u200bok"}')).toBe('document');
    expect(reason(JSON.stringify({ text: 'é'.repeat(51) }))).toBe('oversize'); // 102 bytes
    expect(reason(JSON.stringify({ text: 'é'.repeat(50) }))).toBe('document'); // exactly 100 bytes
    const rejected = item('{"text": ');
    expect(rejected.kind === 'rejected' && rejected.rejected).toMatchObject({ file: 'data/crawl.jsonl', line: 7, raw: '{"text": ' });
  });

  it('says what the text field is when it is not a string', () => {
    const detail = (line: string) => {
      const it = item(line);
      return it.kind === 'rejected' ? [it.rejected.reason, it.rejected.detail] : 'document';
    };
    expect(detail('{"body":"x"}')).toEqual(['missing-text', 'no "text" field']);
    expect(detail('{"text":null}')).toEqual(['missing-text', '"text" is null']);
    expect(detail('{"text":["a"]}')).toEqual(['non-string-text', '"text" is an array, expected a string']);
    expect(detail('{"text":{"a":"b"}}')).toEqual(['non-string-text', '"text" is an object, expected a string']);
    expect(detail('{"text":7}')).toEqual(['non-string-text', '"text" is a number, expected a string']);
    expect(detail('{"text":false}')).toEqual(['non-string-text', '"text" is a boolean, expected a string']);
    expect(detail('[1]')).toEqual(['not-an-object', 'expected a JSON object, got an array']);
  });

  it('rejects a record nested more than 512 levels deep, counting the record itself as level 1', () => {
    const nested = (levels: number) => `{"text":"x y","n":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    expect(reason(nested(512))).toBe('document');
    expect(reason(nested(513))).toBe('too-deep');
    expect(reason(`{"text":"x y","o":${'{"a":'.repeat(512)}1${'}'.repeat(512)}}`)).toBe('too-deep');
    // Far deeper than any recursion could go: the check is iterative.
    expect(reason(nested(100_000))).toBe('too-deep');
    // A deep value in any field is too deep, the text field included.
    expect(reason(`{"text":${'['.repeat(600)}${']'.repeat(600)}}`)).toBe('too-deep');
  });

  it('uses the configured text and id fields', () => {
    const it = item('{"content":"Body text","doc_id":9}', { ...opts, textField: 'content', idField: 'doc_id' });
    expect(it.kind === 'document' && [it.document.id, it.document.text]).toEqual(['9', 'Body text']);
    expect(reason('{"text":"Body text"}', { ...opts, textField: 'content' })).toBe('missing-text');
  });

  it('derives an id when the record has none or an unusable one', () => {
    const id = (line: string) => {
      const it = item(line);
      return it.kind === 'document' ? it.document.id : undefined;
    };
    expect(id('{"text":"x y"}')).toBe('crawl.jsonl#L7');
    expect(id('{"id":"","text":"x y"}')).toBe('crawl.jsonl#L7');
    expect(id('{"id":{"a":1},"text":"x y"}')).toBe('crawl.jsonl#L7');
    expect(id('{"id":true,"text":"x y"}')).toBe('crawl.jsonl#L7');
    expect(id('{"id":42,"text":"x y"}')).toBe('42');
    expect(id('{"id":1.5e3,"text":"x y"}')).toBe('1500');
  });

  it('leaves an unusable id in the record untouched when it derives one', () => {
    const it = item('{"id":{"a":1},"text":"x y"}');
    expect(it.kind === 'document' && [it.document.id, it.document.record.id]).toEqual(['crawl.jsonl#L7', { a: 1 }]);
    const number = item('{"id":42,"text":"x y"}');
    expect(number.kind === 'document' && [number.document.id, number.document.record.id]).toEqual(['42', 42]);
  });

  it('keeps invalid bytes visible in raw as U+FFFD', () => {
    const it = item(Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]));
    expect(it.kind === 'rejected' && it.rejected.raw).toBe('{"text":"caf\uFFFD"}');
  });
});

describe('derivedId', () => {
  it('names the file as the run names it, its base name by default', () => {
    expect(derivedId({ file: 'runs/a/dump.jsonl', line: 3 }, 'a/dump.jsonl')).toBe('a/dump.jsonl#L3');
    expect(derivedId({ file: 'cc.warc.gz', offset: 9 }, 'x/cc.warc.gz')).toBe('x/cc.warc.gz@9');
    const it = lineToItem(Buffer.from('{"text":"x y"}'), src, { ...opts, idName: 'data/crawl.jsonl' });
    expect(it.kind === 'document' && it.document.id).toBe('data/crawl.jsonl#L7');
  });

  it('names lines, array elements and offsets differently', () => {
    expect(derivedId({ file: 'a/b/x.jsonl.gz', line: 3 })).toBe('x.jsonl.gz#L3');
    expect(derivedId({ file: 'x.json', index: 0 })).toBe('x.json#I0');
    expect(derivedId({ file: '/abs/cc.warc.gz', offset: 1234 })).toBe('cc.warc.gz@1234');
    expect(derivedId({ file: '-', line: 1 })).toBe('-#L1');
  });
});

describe('valueToItem', () => {
  it('serialises raw only for rejections', () => {
    let calls = 0;
    const raw = () => {
      calls++;
      return '{}';
    };
    valueToItem({ text: 'fine' }, raw, { file: 'a.json', index: 2 }, opts);
    expect(calls).toBe(0);
    const bad = valueToItem({ text: 5 }, raw, { file: 'a.json', index: 2 }, opts);
    expect(calls).toBe(1);
    expect(bad.kind === 'rejected' && bad.rejected).toMatchObject({ reason: 'non-string-text', index: 2, file: 'a.json' });
  });
});

describe('raw text limits', () => {
  it('cuts to RAW_LIMIT_BYTES without splitting a character', () => {
    const cut = truncateUtf8('€'.repeat(2000)); // 3 bytes each
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(RAW_LIMIT_BYTES);
    expect(Buffer.byteLength(cut)).toBeGreaterThan(RAW_LIMIT_BYTES - 3);
    expect(cut).not.toContain('\uFFFD');
    const emoji = truncateUtf8('😀'.repeat(2000)); // 4 bytes each
    expect(Buffer.byteLength(emoji)).toBe(RAW_LIMIT_BYTES);
    expect(emoji).toBe('😀'.repeat(1024));
  });

  it('leaves short text alone and bounds huge byte input', () => {
    expect(truncateUtf8('short')).toBe('short');
    expect(Buffer.byteLength(rawFromBytes(Buffer.alloc(10_000_000, 0xff)))).toBeLessThanOrEqual(RAW_LIMIT_BYTES);
  });
});

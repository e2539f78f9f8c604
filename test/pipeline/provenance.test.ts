import { describe, expect, it } from 'vitest';
import { routeBatch } from '../../src/pipeline/batch-router.js';
import { countsReconcile } from '../../src/pipeline/manifest.js';
import type { CrawlDocument } from '../../src/documents/types.js';

const doc = (id: string, record: Record<string, unknown>): CrawlDocument => ({ id, text: String(record.text ?? ''), record, source: { file: 'in.jsonl', line: 3 } });
const model = { name: 'default', hash: 'abcdef0123456789abcdef' };
const thresholds = { low: 0.3, high: 0.7 };

describe('routeBatch', () => {
  it('keeps input fields, sets the id, and adds metadata.crawlsift', () => {
    const [routed] = routeBatch([doc('d1', { text: 'hello', url: 'u', metadata: { lang: 'en' } })], Float32Array.of(0.9), model, thresholds);
    expect(routed!.route).toBe('synthetic');
    expect(routed!.record).toMatchObject({ id: 'd1', text: 'hello', url: 'u' });
    const meta = routed!.record.metadata as Record<string, unknown>;
    expect(meta.lang).toBe('en');
    expect(meta.crawlsift).toEqual({
      score: 0.9,
      route: 'synthetic',
      model: 'default@abcdef012345',
      thresholds,
      source: { file: 'in.jsonl', line: 3 },
    });
  });

  it('routes each score of a batch by the thresholds, in input order', () => {
    const docs = ['a', 'b', 'c'].map((id) => doc(id, { text: id }));
    const routed = routeBatch(docs, Float32Array.of(0.1, 0.5, 0.75), model, thresholds);
    expect(routed.map((r) => [r.record.id, r.route])).toEqual([['a', 'human'], ['b', 'uncertain'], ['c', 'synthetic']]);
  });

  it('refuses a score count that does not match the batch', () => {
    expect(() => routeBatch([doc('a', {})], Float32Array.of(0.1, 0.2), model, thresholds)).toThrow(/2 scores for 1 documents/);
  });

  it('keeps a custom id field and adds id too', () => {
    const [routed] = routeBatch([doc('x9', { text: 't', docid: 'x9' })], Float32Array.of(0.1), model, thresholds, 'docid');
    expect(routed!.record).toMatchObject({ docid: 'x9', id: 'x9' });
  });
});

describe('countsReconcile', () => {
  it('holds only when read equals the sum of the shards', () => {
    expect(countsReconcile({ read: 6, human: 1, synthetic: 2, uncertain: 1, rejected: 2 })).toBe(true);
    expect(countsReconcile({ read: 7, human: 1, synthetic: 2, uncertain: 1, rejected: 2 })).toBe(false);
  });
});

import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildPipeline } from '../../src/pipeline/build-pipeline.js';
import { countsReconcile } from '../../src/pipeline/manifest.js';
import type { ModelRef } from '../../src/routing/model-ref.js';
import { processBatch } from '../../src/pipeline/process-batch.js';
import { DEFAULT_READER_OPTIONS, lineToItem } from '../../src/documents/index.js';
import type { CrawlDocument } from '../../src/documents/types.js';
import type { Thresholds } from '../../src/routing/index.js';

/**
 * A batch through the pipeline's stages and output, the scorer giving `scores`: each document's
 * route, score and output record, in input order.
 */
async function routeBatch(docs: CrawlDocument[], scores: Float32Array, model: ModelRef, thresholds: Thresholds, idField = 'id') {
  const settings = { model, modelDir: 'unused', backend: 'cpu' as const, thresholds, idField, canaries: false, scope: null };
  const pipeline = buildPipeline(settings, async () => ({ score: async () => scores, close: async () => undefined }));
  const { parts } = await processBatch(docs.map((document) => ({ kind: 'document' as const, document })), pipeline);
  const byId = new Map<string, Record<string, unknown>>();
  for (const part of Object.values(parts)) {
    for (const line of gunzipSync(part.gzip).toString('utf8').split('\n').filter(Boolean)) {
      const record = JSON.parse(line) as Record<string, unknown>;
      byId.set((record.metadata as { crawlsift: { id: string } }).crawlsift.id, record);
    }
  }
  return docs.map((doc) => {
    const record = byId.get(doc.id)!;
    const { route, score } = (record.metadata as { crawlsift: { route: string; score: number } }).crawlsift;
    return { route, score, record };
  });
}

const doc = (id: string, record: Record<string, unknown>): CrawlDocument => ({ id, text: String(record.text ?? ''), record, source: { file: 'in.jsonl', line: 3 } });
const model = { name: 'default', hash: 'abcdef0123456789abcdef' };
const thresholds = { low: 0.3, high: 0.7 };

describe('routeBatch', () => {
  it('keeps input fields, sets the id, and adds metadata.crawlsift', async () => {
    const [routed] = await routeBatch([doc('d1', { text: 'hello', url: 'u', metadata: { lang: 'en' } })], Float32Array.of(0.9), model, thresholds);
    expect(routed!.route).toBe('synthetic');
    expect(routed!.record).toMatchObject({ id: 'd1', text: 'hello', url: 'u' });
    const meta = routed!.record.metadata as Record<string, unknown>;
    expect(meta.lang).toBe('en');
    expect(meta.crawlsift).toEqual({
      id: 'd1',
      score: 0.9,
      route: 'synthetic',
      model: 'default@abcdef012345',
      thresholds,
      source: { file: 'in.jsonl', line: 3 },
    });
  });

  it('routes each score of a batch by the thresholds, in input order', async () => {
    const docs = ['a', 'b', 'c'].map((id) => doc(id, { text: id }));
    const routed = await routeBatch(docs, Float32Array.of(0.1, 0.5, 0.75), model, thresholds);
    expect(routed.map((r) => [r.record.id, r.route])).toEqual([['a', 'human'], ['b', 'uncertain'], ['c', 'synthetic']]);
  });

  it('refuses a score count that does not match the batch', async () => {
    await expect(routeBatch([doc('a', {})], Float32Array.of(0.1, 0.2), model, thresholds)).rejects.toThrow(/2 scores for 1 documents/);
  });

  it('keeps a custom id field and adds id too', async () => {
    const [routed] = await routeBatch([doc('x9', { text: 't', docid: 'x9' })], Float32Array.of(0.1), model, thresholds, 'docid');
    expect(routed!.record).toMatchObject({ docid: 'x9', id: 'x9' });
  });
});

describe('routed records never lose an input field', () => {
  /** A JSONL line read as the reader reads it, then routed as the executors route it. */
  const route = async (line: string, idField = 'id') => {
    const item = lineToItem(Buffer.from(line), { file: 'in.jsonl', line: 3 }, { ...DEFAULT_READER_OPTIONS, idField });
    if (item.kind !== 'document') throw new Error(`rejected: ${item.rejected.reason}`);
    const [routed] = await routeBatch([item.document], Float32Array.of(0.1), model, thresholds, idField);
    const record = routed!.record;
    return { record, id: (record.metadata as { crawlsift: { id: string } }).crawlsift.id };
  };

  it('keeps the input id when --id-field names another field', async () => {
    const { record, id } = await route('{"id":"orig-1","uid":"u1","text":"t"}', 'uid');
    expect(id).toBe('u1');
    expect(record).toMatchObject({ id: 'orig-1', uid: 'u1', text: 't' });
  });

  it('adds the id fields a record lacks, and only those', async () => {
    expect(await route('{"text":"t"}')).toMatchObject({ id: 'in.jsonl#L3', record: { id: 'in.jsonl#L3' } });
    expect(await route('{"text":"t"}', 'uid')).toMatchObject({ id: 'in.jsonl#L3', record: { id: 'in.jsonl#L3', uid: 'in.jsonl#L3' } });
    expect(await route('{"id":"orig","text":"t"}', 'uid')).toMatchObject({ id: 'in.jsonl#L3', record: { id: 'orig', uid: 'in.jsonl#L3' } });
  });

  it('keeps an id that is not a usable string as it was, beside the derived id', async () => {
    const object = await route('{"id":{"a":1},"text":"t"}');
    expect(object.id).toBe('in.jsonl#L3');
    expect(object.record.id).toEqual({ a: 1 });
    for (const value of ['null', 'true', '""', '["x"]']) {
      const routed = await route(`{"id":${value},"text":"t"}`);
      expect(routed.id).toBe('in.jsonl#L3');
      expect(routed.record.id).toEqual(JSON.parse(value));
    }
  });

  it('makes a number id a string for the document and keeps the number in the record', async () => {
    expect(await route('{"id":42,"text":"t"}')).toMatchObject({ id: '42', record: { id: 42 } });
  });

  it('copies every input field through unchanged', async () => {
    const input = { id: 'k', uid: 7, text: 't', url: 'u', nested: { deep: [1, 2] }, metadata: { lang: 'en' } };
    const { record } = await route(JSON.stringify(input), 'uid');
    const { metadata, ...rest } = record;
    expect(rest).toEqual({ id: 'k', uid: 7, text: 't', url: 'u', nested: { deep: [1, 2] } });
    expect(metadata).toMatchObject({ lang: 'en', crawlsift: { id: '7' } });
  });
});

describe('countsReconcile', () => {
  it('holds only when read equals the sum of the shards', () => {
    expect(countsReconcile({ read: 6, human: 1, synthetic: 2, uncertain: 1, rejected: 2 })).toBe(true);
    expect(countsReconcile({ read: 7, human: 1, synthetic: 2, uncertain: 1, rejected: 2 })).toBe(false);
  });
});

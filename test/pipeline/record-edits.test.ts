// Run steps' edits to a batch's parts: what the shared finalisation applies before it appends a batch.
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePart, encodePart, partLevel } from '../../src/pipeline/output/encoded-part.js';
import { editedProvenance } from '../../src/pipeline/output/provenance.js';
import { applyRecordEdits } from '../../src/pipeline/output/record-edits.js';
import type { BatchParts } from '../../src/pipeline/output/run-output.js';
import type { RecordEdit } from '../../src/pipeline/stage.js';
import { mulberry32 } from '../../src/random.js';

const record = (id: string, route: string, extra: Record<string, unknown> = {}) => ({
  id,
  text: `text of ${id}`,
  metadata: { site: 'x', crawlsift: { id, score: 0.5, route, model: 'm@1', thresholds: { low: 0.3, high: 0.7 }, ...extra, source: { file: 'f', line: 1 } } },
});
const lines = (part: { gzip: Uint8Array } | undefined) => (part ? gunzipSync(part.gzip).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

describe('editedProvenance', () => {
  it('adds the fields after the stages\' own, and writes the reason of a shard that is not a route before the source', () => {
    const before = record('a', 'human', { words: 3 }).metadata.crawlsift;
    const moved = editedProvenance(before, { duplicate: { of: 'b' } }, { shard: 'duplicate', reason: 'near-duplicate' });
    expect(Object.keys(moved)).toEqual(['id', 'score', 'route', 'model', 'thresholds', 'words', 'duplicate', 'reason', 'source']);
    expect(moved.route).toBe('duplicate');
    const kept = editedProvenance(before, { cluster: { id: 0, size: 2 } });
    expect(Object.keys(kept)).toEqual(['id', 'score', 'route', 'model', 'thresholds', 'words', 'cluster', 'source']);
  });
});

describe('applyRecordEdits', () => {
  const human = [record('h0', 'human'), record('h1', 'human'), record('h2', 'human')];
  const synthetic = [record('s0', 'synthetic'), record('s1', 'synthetic')];
  const parts: BatchParts = { human: encodePart(human), synthetic: encodePart(synthetic), rejected: encodePart([{ reason: 'malformed-json', raw: '{' }]) };

  it('returns the parts as they are without edits', async () => {
    expect(await applyRecordEdits(parts, [])).toBe(parts);
  });

  it('moves records to their new shard in input order, edits the others in place, and leaves unedited parts alone', async () => {
    // Input order: h0 (0), s0 (1), h1 (2), s1 (3), h2 (4).
    const out = await applyRecordEdits(parts, [
      { shard: 'human', line: 2, position: 4, metadata: { duplicate: { of: 'h0' } }, move: { shard: 'duplicate', reason: 'near-duplicate' } },
      { shard: 'synthetic', line: 0, position: 1, metadata: { duplicate: { of: 'h0' } }, move: { shard: 'duplicate', reason: 'exact-duplicate' } },
      { shard: 'human', line: 0, position: 0, metadata: { cluster: { id: 0, size: 3 } } },
    ]);
    expect(Object.keys(out)).toEqual(['human', 'synthetic', 'duplicate', 'rejected']);
    expect(out.rejected).toBe(parts.rejected);
    expect(lines(out.human).map((r) => r.id)).toEqual(['h0', 'h1']);
    expect(lines(out.human)[0].metadata.crawlsift.cluster).toEqual({ id: 0, size: 3 });
    expect(lines(out.synthetic).map((r) => r.id)).toEqual(['s1']);
    const duplicates = lines(out.duplicate);
    expect(duplicates.map((r) => [r.id, r.metadata.crawlsift.route, r.metadata.crawlsift.reason])).toEqual([
      ['s0', 'duplicate', 'exact-duplicate'],
      ['h2', 'duplicate', 'near-duplicate'],
    ]);
    // Every other field as it was, and the JSONL encodePart would give for the same records,
    // compressed at duplicate/'s level (zlib's fastest), the other parts at the default.
    expect(duplicates[0].metadata.site).toBe('x');
    expect(out.duplicate!.records).toBe(2);
    expect(Buffer.from(decodePart(out.duplicate!))).toEqual(decodePart(encodePart(duplicates)));
    expect(partLevel('duplicate')).toBe(1);
    expect(out.duplicate!.gzip).toEqual(gzipSync(decodePart(encodePart(duplicates)), { level: 1 }));
    expect(out.human!.gzip).toEqual(encodePart(lines(out.human)).gzip);
  });

  it('drops a part whose every record moved, and refuses an edit of a record the part does not have', async () => {
    const moveAll = synthetic.map((_, line) => ({ shard: 'synthetic' as const, line, position: line, metadata: {}, move: { shard: 'duplicate' as const, reason: 'r' } }));
    expect(Object.keys(await applyRecordEdits(parts, moveAll))).toEqual(['human', 'duplicate', 'rejected']);
    await expect(applyRecordEdits(parts, [{ shard: 'synthetic', line: 5, position: 0, metadata: {} }])).rejects.toThrow(/record 5 of the synthetic part, which has 2/);
  });

  it('with compressAll, compresses every part of a batch stored uncompressed, edited or not, as encodePart does', async () => {
    const stored: BatchParts = { human: encodePart(human, { store: true }), synthetic: encodePart(synthetic, { store: true }), rejected: encodePart([{ reason: 'malformed-json', raw: '{' }], { store: true }) };
    // Stored, not compressed: more bytes than the JSONL it holds (gzip's header and trailer, deflate's block headers).
    for (const part of Object.values(stored)) expect(part.gzip.length).toBeGreaterThan(part.bytes);
    expect(await applyRecordEdits(stored, [], { compressAll: true })).toEqual(parts);
    const out = await applyRecordEdits(stored, [{ shard: 'human', line: 0, position: 0, metadata: { cluster: { id: 0, size: 3 } } }], { compressAll: true });
    expect(out.synthetic).toEqual(parts.synthetic);
    expect(out.rejected).toEqual(parts.rejected);
    const edited = lines(out.human);
    expect(edited[0].metadata.crawlsift.cluster).toEqual({ id: 0, size: 3 });
    expect(out.human!.gzip).toEqual(encodePart(edited).gzip);
  });
  it('gives the bytes the edits of compressed parts gave (the path before parts were stored), for random edits', async () => {
    const random = mulberry32(3);
    const many = (route: string, n: number) => Array.from({ length: n }, (_, i) => record(`${route[0]}${i}`, route, { words: Math.floor(random() * 500) }));
    for (let trial = 0; trial < 30; trial++) {
      const records = { human: many('human', 1 + Math.floor(random() * 12)), synthetic: many('synthetic', 1 + Math.floor(random() * 12)), uncertain: many('uncertain', Math.floor(random() * 5)) };
      const shards = (Object.keys(records) as (keyof typeof records)[]).filter((shard) => records[shard].length > 0);
      const compressed: BatchParts = Object.fromEntries(shards.map((shard) => [shard, encodePart(records[shard])]));
      const stored: BatchParts = Object.fromEntries(shards.map((shard) => [shard, encodePart(records[shard], { store: true })]));
      // Some records moved to duplicate/, some given a cluster in place, at input positions in any order.
      const edits: RecordEdit[] = [];
      let position = 0;
      for (const shard of shards) {
        for (let line = 0; line < records[shard].length; line++, position++) {
          const r = random();
          if (r < 0.3) edits.push({ shard, line, position, metadata: { duplicate: { of: 'x', cluster: 0, similarity: 0.9 } }, move: { shard: 'duplicate', reason: 'near-duplicate' } });
          else if (r < 0.5) edits.push({ shard, line, position, metadata: { cluster: { id: position, size: 2 } } });
        }
      }
      const before = await applyRecordEdits(compressed, edits);
      const after = await applyRecordEdits(stored, edits, { compressAll: true });
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const shard of Object.keys(before) as (keyof BatchParts)[]) {
        expect(Buffer.from(after[shard]!.gzip), `trial ${trial}, ${shard}`).toEqual(Buffer.from(before[shard]!.gzip));
        expect([after[shard]!.bytes, after[shard]!.records]).toEqual([before[shard]!.bytes, before[shard]!.records]);
      }
    }
  });
});

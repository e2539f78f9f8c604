import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sizeBucket } from '../../src/dedup/cluster-summary.js';
import type { DedupSettings } from '../../src/dedup/dedup-settings.js';
import { findDuplicates, type SignatureBatches } from '../../src/dedup/find-duplicates.js';
import { decodePlacements, decodeSignatures, encodeSignatures, withKeys, type SignedDocument } from '../../src/dedup/signature-file.js';

const NEAR: DedupSettings = { mode: 'near', shingleWords: 5, bands: 10, rows: 2, threshold: 0.75 };

/** A 20-value signature: `base` with the listed positions changed to `other + position`. */
function signature(changed: number[] = [], other = 1000): Uint16Array {
  const s = Uint16Array.from({ length: 20 }, (_, i) => i);
  for (const i of changed) s[i] = other + i;
  return s;
}

/** Documents in input order as runs hand them over: split into batches of `size`. */
function batchesOf(docs: Omit<SignedDocument, 'position' | 'line'>[], size: number): SignatureBatches {
  const batches: SignedDocument[][] = [];
  for (let i = 0; i < docs.length; i += size) batches.push(docs.slice(i, i + size).map((d, k) => ({ ...d, position: k, line: k })));
  // Through the signature file, as the run step reads them.
  const files = batches.map((b) => encodeSignatures(20, b));
  return { count: batches.length, firstOrdinal: (b) => b * size, read: async (b) => decodeSignatures(files[b]!, `batch ${b}`).docs };
}

const doc = (id: string, exact: number, sig?: Uint16Array, shard: SignedDocument['shard'] = 'human') => ({ id, shard, exact: [0, exact] as const, ...(sig ? { signature: sig } : {}) });
const tmp = () => mkdtempSync(join(tmpdir(), 'crawlsift-dedup-'));

describe('findDuplicates', () => {
  // A ~ B (0.8), B ~ C (0.8), A ~ C (0.6); D an exact copy of A; E unrelated; two short texts without
  // shingles, one an exact copy of the other.
  const A = signature();
  const B = signature([16, 17, 18, 19]);
  const C = signature([0, 1, 2, 3, 16, 17, 18, 19].filter((i) => i < 4), 2000);
  for (const i of [16, 17, 18, 19]) C[i] = B[i]!;
  const docs = [
    doc('a', 1, A),
    doc('e', 2, signature([...Array(20).keys()], 3000), 'synthetic'),
    doc('b', 3, B, 'uncertain'),
    doc('c', 4, C),
    doc('d', 1, A, 'synthetic'),
    doc('short', 5),
    doc('short-copy', 5, undefined, 'uncertain'),
  ];

  it('keeps the first document of a cluster in input order; a chain does not make a far document a duplicate', async () => {
    const { decisions, summary } = await findDuplicates(NEAR, batchesOf(docs, 3), tmp());
    expect(Object.fromEntries(decisions)).toEqual({
      0: { kind: 'kept', cluster: 0, size: 3 },
      2: { kind: 'duplicate', of: 'a', cluster: 0, similarity: 0.8, exact: false },
      4: { kind: 'duplicate', of: 'a', cluster: 0, similarity: 1, exact: true },
      5: { kind: 'kept', cluster: 5, size: 2 },
      6: { kind: 'duplicate', of: 'short', cluster: 5, similarity: 1, exact: true },
    });
    expect(summary).toMatchObject({ mode: 'near', documents: 7, duplicates: 3, clusters: 2, sCurveHalf: 0.2588 });
    expect(summary.byRoute.human).toEqual({ documents: 3, duplicates: 0, clusters: 2, largest: 3, sizes: { '1': 1, '2': 1, '3-4': 1 } });
    expect(summary.byRoute.synthetic).toEqual({ documents: 2, duplicates: 1, clusters: 0, largest: 1, sizes: { '1': 1 } });
    expect(summary.byRoute.uncertain).toEqual({ documents: 2, duplicates: 2, clusters: 0, largest: 0, sizes: {} });
  });

  it('decides the same whatever the batches, and through an external sort of a few records per chunk', async () => {
    const reference = await findDuplicates(NEAR, batchesOf(docs, 3), tmp());
    for (const size of [1, 2, 7]) {
      const other = await findDuplicates(NEAR, batchesOf(docs, size), tmp(), { chunkRecords: 11, fanIn: 2 });
      expect(other.decisions).toEqual(reference.decisions);
      expect(other.summary).toEqual(reference.summary);
    }
  });

  it('in exact mode, unites only documents of the same exact key', async () => {
    const { decisions, summary } = await findDuplicates({ ...NEAR, mode: 'exact' }, batchesOf(docs.map((d) => ({ ...d, signature: undefined })), 4), tmp());
    expect([...decisions.keys()].sort()).toEqual([0, 4, 5, 6]);
    expect(summary).toMatchObject({ mode: 'exact', duplicates: 2, clusters: 2 });
    expect(summary.sCurveHalf).toBeUndefined();
  });
});

describe('signature files', () => {
  it('read back what was written', () => {
    const written: SignedDocument[] = [
      { position: 3, line: 1, shard: 'synthetic', id: 'ünï-1', exact: [0xffffffff, 7], signature: signature([2]), sample: Uint32Array.from([3, 9, 0xfffffffe]) },
      { position: 9, line: 0, shard: 'human', id: '', exact: [1, 2] },
    ];
    expect(decodeSignatures(encodeSignatures(20, written), 'x')).toEqual({ signatureLength: 20, docs: written });
  });

  it('read back only where each document is, or everything but the samples, when asked', () => {
    const written: SignedDocument[] = [
      { position: 3, line: 1, shard: 'synthetic', id: 'a', exact: [5, 7], signature: signature([2]), sample: Uint32Array.from([3, 9]) },
      { position: 9, line: 0, shard: 'human', id: 'b', exact: [1, 2] },
    ];
    const bytes = encodeSignatures(20, written);
    expect(decodeSignatures(bytes, 'x', { samples: false }).docs).toEqual(written.map(({ sample: _, ...doc }) => doc));
    // Lazily: the keys wait in the bytes until withKeys reads them, then the same as read at once.
    const lazy = decodeSignatures(bytes, 'x', { samples: 'lazy' }).docs;
    expect(lazy[0]!.signature).toBeUndefined();
    expect(lazy[0]!.pending).toBeDefined();
    expect(lazy.map(withKeys)).toEqual(written);
    expect(decodePlacements(bytes, 'x')).toEqual([{ position: 3, line: 1, shard: 'synthetic' }, { position: 9, line: 0, shard: 'human' }]);
    expect(() => decodePlacements(bytes.subarray(0, bytes.length - 1), 'batch 7')).toThrow(/batch 7 is not a crawlsift signature file: cut/);
  });

  it('refuse a file cut short', () => {
    const bytes = encodeSignatures(20, [{ position: 0, line: 0, shard: 'human', id: 'a', exact: [1, 2], signature: signature() }]);
    expect(() => decodeSignatures(bytes.subarray(0, bytes.length - 1), 'batch 7')).toThrow(/batch 7 is not a crawlsift signature file: cut/);
  });
});

describe('sizeBucket', () => {
  it('counts sizes in powers of two', () => {
    expect([1, 2, 3, 4, 5, 8, 9, 16, 17, 1000].map(sizeBucket)).toEqual(['1', '2', '3-4', '3-4', '5-8', '5-8', '9-16', '9-16', '17-32', '513-1024']);
  });
});

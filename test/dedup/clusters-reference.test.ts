// The run step's typed-array structures (SparseUnionFind, DedupDecisions, the external sort's record
// blocks, signature files read without samples) give the clusters and kept documents that plain Maps
// give, on random inputs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DedupSettings } from '../../src/dedup/dedup-settings.js';
import { type DedupDecision } from '../../src/dedup/dedup-decisions.js';
import { SAMPLE_SIZE } from '../../src/dedup/document-signer.js';
import { findDuplicates, type SignatureBatches } from '../../src/dedup/find-duplicates.js';
import { bandKey, bottomK, estimateJaccard, MinHasher, sampleJaccard } from '../../src/dedup/minhash.js';
import { decodeSignatures, encodeSignatures, type SignedDocument } from '../../src/dedup/signature-file.js';
import { MAX_ORDINALS, SparseUnionFind } from '../../src/dedup/union-find.js';
import { mulberry32, type Rng } from '../../src/random.js';

/** Union-find in a Map, the root of a component its smallest ordinal. */
class MapUnionFind {
  readonly parent = new Map<number, number>();
  find(x: number): number {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    return root;
  }
  union(x: number, y: number): void {
    for (const z of [x, y]) if (!this.parent.has(z)) this.parent.set(z, z);
    const [rx, ry] = [this.find(x), this.find(y)];
    if (rx < ry) this.parent.set(ry, rx);
    else this.parent.set(rx, ry);
  }
}

describe('SparseUnionFind against a union-find in a Map', () => {
  const shapes: [string, (random: Rng) => number][] = [
    ['dense: ordinals below 300', (random) => Math.floor(random() * 300)],
    ['sparse: anywhere below 2^32 - 1', (random) => Math.floor(random() * MAX_ORDINALS)],
    ['clustered at both ends of the range', (random) => (random() < 0.5 ? Math.floor(random() * 50) : MAX_ORDINALS - 1 - Math.floor(random() * 50))],
    ['multiples of the table size (one home slot)', (random) => Math.floor(random() * 2000) * 4096],
  ];
  for (const [shape, ordinal] of shapes) {
    it(`gives the same roots, sizes and members, with finds between unions as the table grows (${shape})`, () => {
      for (const seed of [1, 2, 3]) {
        const random = mulberry32(seed * 101 + shape.length);
        const uf = new SparseUnionFind();
        const reference = new MapUnionFind();
        for (let i = 0; i < 3000; i++) {
          const [x, y] = [ordinal(random), ordinal(random)];
          uf.union(x, y);
          reference.union(x, y);
          // Finds (which compress paths) between unions, the table doubling in between.
          if (i % 7 === 0) expect(uf.find(x)).toBe(reference.find(x));
        }
        const members = [...reference.parent.keys()];
        expect(uf.size).toBe(members.length);
        const sizes = new Map<number, number>();
        for (const x of members) sizes.set(reference.find(x), (sizes.get(reference.find(x)) ?? 0) + 1);
        expect(uf.componentSizes()).toEqual(sizes);
        uf.countSizes();
        for (const x of members) {
          expect(uf.has(x)).toBe(true);
          expect(uf.find(x)).toBe(reference.find(x));
          expect(uf.sizeOf(x)).toBe(sizes.get(reference.find(x)));
        }
        for (let i = 0; i < 500; i++) {
          const x = ordinal(random);
          if (!reference.parent.has(x)) expect([uf.has(x), uf.find(x), uf.sizeOf(x)]).toEqual([false, x, 1]);
        }
      }
    });
  }
});

type Doc = Omit<SignedDocument, 'position' | 'line'>;

/**
 * Documents of random families: each family a set of shingle hashes, its members the set with a few
 * removed and added (some members exact copies of another, some without a signature, as texts without
 * a word), in random order; with their signatures and bottom-k samples as the signer makes them.
 */
function randomDocs(random: Rng, count: number, signatureLength: number): Doc[] {
  const hasher = new MinHasher(signatureLength);
  const families = Array.from({ length: Math.max(1, Math.floor(count / 6)) }, () =>
    Uint32Array.from({ length: 20 + Math.floor(random() * 400) }, () => Math.floor(random() * 0x100000000)),
  );
  const docs: Doc[] = [];
  const shards = ['human', 'synthetic', 'uncertain'] as const;
  for (let i = 0; i < count; i++) {
    const shard = shards[Math.floor(random() * 3)]!;
    const id = `doc-${i}`;
    if (random() < 0.05) {
      docs.push({ id, shard, exact: [7, Math.floor(random() * 3)] });
      continue;
    }
    if (docs.length > 0 && random() < 0.15) {
      const copied = docs[Math.floor(random() * docs.length)]!;
      docs.push({ ...copied, id, shard });
      continue;
    }
    const family = families[Math.floor(random() * families.length)]!;
    const edit = random() * 0.4;
    const set = Uint32Array.from([...family.filter(() => random() >= edit), ...Array.from({ length: Math.floor(family.length * edit * random()) }, () => Math.floor(random() * 0x100000000))]);
    if (set.length === 0) set.set([1]);
    docs.push({ id, shard, exact: [i, Math.floor(random() * 0x100000000)], signature: hasher.signature(set), sample: bottomK(set, SAMPLE_SIZE) });
  }
  return docs;
}

/**
 * Documents in batches of random sizes, through signature files; samples decoded only when asked,
 * and then the odd batches' keys lazily (as the dedup stage reads them).
 */
function randomBatches(random: Rng, docs: Doc[], signatureLength: number): SignatureBatches {
  const files: Uint8Array[] = [];
  const firsts: number[] = [];
  for (let start = 0; start < docs.length; ) {
    const size = 1 + Math.floor(random() * 40);
    const batch = docs.slice(start, start + size).map((d, k) => ({ ...d, position: k, line: k }));
    files.push(encodeSignatures(signatureLength, batch));
    firsts.push(start);
    start += size;
  }
  return { count: files.length, firstOrdinal: (b) => firsts[b]!, read: async (b, samples) => decodeSignatures(files[b]!, `batch ${b}`, { samples: samples && b % 2 === 1 ? 'lazy' : samples }).docs };
}

/**
 * The decisions, with Maps and arrays in memory: documents that share a key (the exact key, or with
 * `near` a band's key) in one component; within each, in input order, an exact copy of an earlier member
 * goes where it went; another document is a duplicate of the kept document it is most similar to (the
 * first of equals) when that reaches the threshold, otherwise kept.
 */
function referenceDecisions(settings: DedupSettings, docs: Doc[]): Map<number, DedupDecision> {
  const near = settings.mode === 'near';
  const uf = new MapUnionFind();
  const firstWithKey = new Map<string, number>();
  const band = new Uint32Array(2);
  for (const [i, doc] of docs.entries()) {
    const keys = [`x${doc.exact[0]}:${doc.exact[1]}`];
    if (near && doc.signature) {
      for (let b = 0; b < settings.bands; b++) {
        bandKey(doc.signature, b, settings.rows, band, 0);
        keys.push(`b${band[0]}:${band[1]}`);
      }
    }
    for (const key of keys) {
      const first = firstWithKey.get(key);
      if (first === undefined) firstWithKey.set(key, i);
      else if (first !== i) uf.union(first, i);
    }
  }
  const components = new Map<number, number[]>();
  for (const i of docs.keys()) if (uf.parent.has(i)) components.set(uf.find(i), [...(components.get(uf.find(i)) ?? []), i]);

  const decisions = new Map<number, DedupDecision>();
  const similarity = (a: Doc, b: Doc) => {
    if (a.exact[0] === b.exact[0] && a.exact[1] === b.exact[1]) return 1;
    if (!near) return 0;
    if (a.sample && b.sample) return sampleJaccard(a.sample, b.sample, SAMPLE_SIZE);
    return a.signature && b.signature ? estimateJaccard(a.signature, b.signature) : 0;
  };
  for (const members of components.values()) {
    type Placed = { kept: number; similarity: number; exact: boolean };
    const kept: number[] = [];
    const size = new Map<number, number>();
    const byExact = new Map<string, Placed>();
    for (const m of members) {
      const doc = docs[m]!;
      const exactKey = `${doc.exact[0]}:${doc.exact[1]}`;
      let placed = byExact.get(exactKey);
      if (!placed) {
        for (const k of kept) {
          const s = similarity(docs[k]!, doc);
          if (!placed || s > placed.similarity) placed = { kept: k, similarity: s, exact: s === 1 && docs[k]!.exact[0] === doc.exact[0] && docs[k]!.exact[1] === doc.exact[1] };
        }
      }
      if (placed && placed.similarity >= settings.threshold && (near || placed.exact)) {
        size.set(placed.kept, size.get(placed.kept)! + 1);
        decisions.set(m, { kind: 'duplicate', of: docs[placed.kept]!.id, cluster: placed.kept, similarity: Math.round(placed.similarity * 1e4) / 1e4, exact: placed.exact });
        if (!byExact.has(exactKey)) byExact.set(exactKey, placed);
      } else {
        kept.push(m);
        size.set(m, 1);
        byExact.set(exactKey, { kept: m, similarity: 1, exact: true });
      }
    }
    for (const k of kept) if (size.get(k)! > 1) decisions.set(k, { kind: 'kept', cluster: k, size: size.get(k)! });
  }
  return new Map([...decisions].sort(([a], [b]) => a - b));
}

describe('findDuplicates against Maps in memory, on random documents', () => {
  const settings: DedupSettings[] = [
    { mode: 'near', shingleWords: 5, bands: 15, rows: 4, threshold: 0.7 },
    { mode: 'near', shingleWords: 5, bands: 6, rows: 2, threshold: 0.5 },
    { mode: 'exact', shingleWords: 5, bands: 15, rows: 4, threshold: 0.7 },
  ];
  for (const dedup of settings) {
    it(`keeps the same documents and forms the same clusters (${dedup.mode}, ${dedup.bands} x ${dedup.rows}, threshold ${dedup.threshold}), through sorts that spill and merge in levels`, async () => {
      const length = dedup.bands * dedup.rows;
      for (const seed of [1, 2, 3, 4]) {
        const random = mulberry32(seed);
        const docs = randomDocs(random, 300 + Math.floor(random() * 300), length);
        const expected = referenceDecisions(dedup, docs);
        // The cases the comparison needs: duplicates, exact and near, and clusters of several.
        const values = [...expected.values()];
        expect(values.filter((d) => d.kind === 'duplicate' && d.exact).length).toBeGreaterThan(0);
        if (dedup.mode === 'near') expect(values.filter((d) => d.kind === 'duplicate' && !d.exact).length).toBeGreaterThan(0);
        expect(values.filter((d) => d.kind === 'kept' && d.size > 2).length).toBeGreaterThan(0);
        for (const sorter of [{}, { chunkRecords: 64, fanIn: 3 }, { chunkRecords: 997, fanIn: 2 }]) {
          const dir = mkdtempSync(join(tmpdir(), 'crawlsift-clusters-'));
          const { decisions, summary } = await findDuplicates(dedup, randomBatches(random, docs, length), dir, sorter);
          expect(new Map(decisions), `seed ${seed}, sorter ${JSON.stringify(sorter)}`).toEqual(expected);
          expect(summary.documents).toBe(docs.length);
          expect(summary.duplicates).toBe(values.filter((d) => d.kind === 'duplicate').length);
        }
      }
    });
  }
});

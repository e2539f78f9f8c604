import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeySorter, radixOrder } from '../../src/dedup/key-sorter.js';
import { SparseUnionFind } from '../../src/dedup/union-find.js';
import { mulberry32 } from '../../src/random.js';

/** Records with keys drawn from a few values (many equal keys), ordinals ascending. */
function records(n: number, seed: number): [number, number, number][] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, (_, g) => [Math.floor(random() * 5) * 0x40000001 >>> 0, Math.floor(random() * 2 ** 32) % 7 === 0 ? 0xffffffff : Math.floor(random() * 9), g]);
}

const byKeyThenOrdinal = (a: number[], b: number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;

describe('radixOrder', () => {
  it('orders by (hi, lo), keeping the input order among equal keys', () => {
    const rs = records(2000, 1);
    const order = radixOrder(Uint32Array.from(rs, (r) => r[0]), Uint32Array.from(rs, (r) => r[1]), rs.length);
    expect([...order].map((i) => rs[i]!)).toEqual([...rs].sort(byKeyThenOrdinal));
  });
});

describe('KeySorter', () => {
  async function sortAll(rs: [number, number, number][], chunkRecords: number, fanIn: number) {
    const dir = mkdtempSync(join(tmpdir(), 'crawlsift-keys-'));
    const sorter = new KeySorter(dir, { chunkRecords, fanIn });
    for (const [hi, lo, g] of rs) {
      await sorter.reserve(1);
      sorter.add(hi, lo, g);
    }
    const out: number[][] = [];
    await sorter.forEach((hi, lo, g) => out.push([hi, lo, g]));
    return { out, left: readdirSync(dir) };
  }

  it('sorts in memory when the records fit one chunk', async () => {
    const rs = records(500, 2);
    expect((await sortAll(rs, 1000, 4)).out).toEqual([...rs].sort(byKeyThenOrdinal));
  });

  it('sorts through runs on disk, merged in several passes when they outnumber the fan-in, and removes them', async () => {
    const rs = records(5000, 3);
    // 5000 / 97 = 52 runs, merged 4 at a time: three merge passes.
    const { out, left } = await sortAll(rs, 97, 4);
    expect(out).toEqual([...rs].sort(byKeyThenOrdinal));
    expect(left).toEqual([]);
  });
});

describe('SparseUnionFind', () => {
  it('keeps the smallest ordinal as the root of each component, and only the documents united', () => {
    const uf = new SparseUnionFind();
    uf.union(9, 4);
    uf.union(4, 7);
    uf.union(12, 30);
    uf.union(30, 9);
    expect(uf.size).toBe(5);
    expect([9, 4, 7, 12, 30].map((x) => uf.find(x))).toEqual([4, 4, 4, 4, 4]);
    expect(uf.has(5)).toBe(false);
    expect(uf.find(5)).toBe(5);
    uf.union(100, 101);
    expect(uf.componentSizes()).toEqual(new Map([[4, 5], [100, 2]]));
  });
});

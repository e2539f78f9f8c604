import { describe, expect, it } from 'vitest';
import { SparseUnionFind } from '../../src/dedup/union-find.js';
import { mulberry32 } from '../../src/random.js';

/** The components of unions over ordinals, by a walk of the graph: each ordinal's root is the smallest of its component. */
function referenceRoots(pairs: readonly [number, number][]): Map<number, number> {
  const links = new Map<number, number[]>();
  for (const [x, y] of pairs) {
    links.set(x, [...(links.get(x) ?? []), y]);
    links.set(y, [...(links.get(y) ?? []), x]);
  }
  const root = new Map<number, number>();
  for (const start of links.keys()) {
    if (root.has(start)) continue;
    const component = [start];
    const seen = new Set(component);
    for (let i = 0; i < component.length; i++) for (const next of links.get(component[i]!)!) if (!seen.has(next)) (seen.add(next), component.push(next));
    const smallest = Math.min(...component);
    for (const x of component) root.set(x, smallest);
  }
  return root;
}

describe('SparseUnionFind, in typed arrays', () => {
  it('gives the reference components as its table doubles many times, and each component its size', () => {
    const random = mulberry32(11);
    // Ordinals spread over a wide range (far apart in the table), linked into a few hundred components.
    const pairs: [number, number][] = Array.from({ length: 6000 }, () => [Math.floor(random() * 40_000) * 97, Math.floor(random() * 40_000) * 97]);
    const uf = new SparseUnionFind();
    for (const [x, y] of pairs) uf.union(x, y);
    const reference = referenceRoots(pairs);
    expect(uf.size).toBe(reference.size);
    for (const [x, root] of reference) expect(uf.find(x)).toBe(root);
    const sizes = new Map<number, number>();
    for (const root of reference.values()) sizes.set(root, (sizes.get(root) ?? 0) + 1);
    expect(uf.componentSizes()).toEqual(sizes);
    uf.countSizes();
    for (const [x, root] of reference) expect(uf.sizeOf(x)).toBe(sizes.get(root));
    expect(uf.has(1)).toBe(false);
    expect(uf.sizeOf(1)).toBe(1);
    expect(() => uf.union(1, 2)).toThrow(/after countSizes/);
  });

  it('refuses an ordinal it cannot index', () => {
    expect(() => new SparseUnionFind().union(0, 2 ** 32)).toThrow(expect.objectContaining({ code: 'run-too-large' }));
  });
});

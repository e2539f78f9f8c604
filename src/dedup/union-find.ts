/**
 * Union-find over the documents that share a key with another (sparse: a document never united is
 * not stored, so memory grows with the documents in candidate pairs, not with the run). The root of
 * a component is its smallest ordinal, i.e. the document that comes first in the input.
 */
export class SparseUnionFind {
  private readonly parent = new Map<number, number>();

  /** Documents in a component of two or more. */
  get size(): number {
    return this.parent.size;
  }

  has(x: number): boolean {
    return this.parent.has(x);
  }

  /** The component's root: its smallest ordinal (`x` itself when never united). */
  find(x: number): number {
    let root = x;
    for (let up = this.parent.get(root); up !== undefined && up !== root; up = this.parent.get(root)) root = up;
    // Path compression: every document on the way now points at the root.
    for (let node = x; node !== root; ) {
      const up = this.parent.get(node)!;
      this.parent.set(node, root);
      node = up;
    }
    return root;
  }

  union(x: number, y: number): void {
    if (!this.parent.has(x)) this.parent.set(x, x);
    if (!this.parent.has(y)) this.parent.set(y, y);
    const rx = this.find(x);
    const ry = this.find(y);
    if (rx === ry) return;
    if (rx < ry) this.parent.set(ry, rx);
    else this.parent.set(rx, ry);
  }

  /** The number of documents in each component, by root. */
  componentSizes(): Map<number, number> {
    const sizes = new Map<number, number>();
    for (const x of this.parent.keys()) {
      const root = this.find(x);
      sizes.set(root, (sizes.get(root) ?? 0) + 1);
    }
    return sizes;
  }
}

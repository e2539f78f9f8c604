/**
 * The `capacity` smallest items offered, by `compare`, in O(capacity) memory: a max-heap whose root
 * is the largest item kept, replaced when a smaller one comes. With random keys it is a reservoir
 * sample (each item kept with the same chance, whatever the order they come in); with other keys, the
 * best `capacity` of a stream seen once.
 */
export class BoundedHeap<T> {
  private readonly items: T[] = [];

  constructor(
    readonly capacity: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  get size(): number {
    return this.items.length;
  }

  /** Keeps `item` if it is among the `capacity` smallest so far; returns whether it was kept. */
  offer(item: T): boolean {
    if (this.capacity <= 0) return false;
    if (this.items.length < this.capacity) {
      this.items.push(item);
      this.siftUp(this.items.length - 1);
      return true;
    }
    if (this.compare(item, this.items[0]!) >= 0) return false;
    this.items[0] = item;
    this.siftDown(0);
    return true;
  }

  /** The items kept, smallest first. */
  sorted(): T[] {
    return [...this.items].sort(this.compare);
  }

  private siftUp(i: number): void {
    const { items, compare } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(items[i]!, items[parent]!) <= 0) return;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const { items, compare } = this;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < items.length && compare(items[left]!, items[largest]!) > 0) largest = left;
      if (right < items.length && compare(items[right]!, items[largest]!) > 0) largest = right;
      if (largest === i) return;
      [items[i], items[largest]] = [items[largest]!, items[i]!];
      i = largest;
    }
  }
}

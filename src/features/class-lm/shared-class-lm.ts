import type { ClassLmTables } from './class-lm.js';
import { U32Table } from './u32-table.js';

/** One table of a {@link SharedClassLm}: its slots in a SharedArrayBuffer. */
export interface SharedU32Table {
  slots: Uint32Array;
  width: number;
  size: number;
}

/**
 * A class LM's scoring tables in SharedArrayBuffers, for a parent to hand its scoring threads (in
 * `workerData` or a message: shared, not copied), so that they read one copy instead of decoding
 * `class-lm.bin` each (its tables are ~16 MB for the default model, and the counts a decoded
 * {@link ClassLm} keeps for training another ~9 MB). `key` names what the tables came from (a
 * model's hash): a thread adopts them only for the model that has it.
 */
export interface SharedClassLm {
  key: string;
  words: SharedU32Table;
  bigrams: SharedU32Table;
  denominators: [number, number];
}

/** `lm`'s tables copied into SharedArrayBuffers, under `key`. */
export function shareClassLm(lm: ClassLmTables, key: string): SharedClassLm {
  const share = (t: U32Table): SharedU32Table => {
    const slots = new Uint32Array(new SharedArrayBuffer(t.slots.byteLength));
    slots.set(t.slots);
    return { slots, width: t.width, size: t.size };
  };
  return { key, words: share(lm.words), bigrams: share(lm.bigrams), denominators: [lm.denominators[0], lm.denominators[1]] };
}

/** The tables of a {@link shareClassLm} (as another thread received them), read in place. */
export function adoptClassLm(shared: SharedClassLm): ClassLmTables {
  const table = (t: SharedU32Table) => {
    if (!(t.slots.buffer instanceof SharedArrayBuffer)) throw new TypeError('a shared class LM table must be in a SharedArrayBuffer');
    return U32Table.over(t.slots, t.width, t.size);
  };
  return { words: table(shared.words), bigrams: table(shared.bigrams), denominators: [shared.denominators[0], shared.denominators[1]] };
}

import { Readable, Transform } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { untilError } from '../../src/documents/until-error.js';

/** A transform that, like stream-json's parser, pushes its last good output in the same call that fails. */
const failingAfter = (good: number) => {
  let seen = 0;
  return new Transform({
    objectMode: true,
    transform(chunk: number, _encoding, callback) {
      if (++seen > good) {
        this.push('partial');
        callback(new Error('bad input'));
      } else callback(null, chunk);
    },
  });
};

async function collect<T>(iterable: AsyncIterable<T>): Promise<{ items: T[]; error?: string }> {
  const items: T[] = [];
  try {
    for await (const item of iterable) items.push(item);
  } catch (error) {
    return { items, error: (error as Error).message };
  }
  return { items };
}

describe('untilError', () => {
  it('hands out everything a stream emitted before its error, then the error', async () => {
    const stream = Readable.from([1, 2, 3, 4]).pipe(failingAfter(3));
    expect(await collect(untilError<number | string>(stream))).toEqual({ items: [1, 2, 3, 'partial'], error: 'bad input' });
  });

  it('for await over the same stream drops that output (why untilError exists)', async () => {
    const stream = Readable.from([1, 2, 3, 4]).pipe(failingAfter(3));
    const { items, error } = await collect(stream as AsyncIterable<number | string>);
    expect(error).toBe('bad input');
    expect(items).not.toContain('partial');
  });

  it('ends cleanly with every chunk, also past the pause threshold and with a slow consumer', async () => {
    const values = Array.from({ length: 5000 }, (_, i) => i);
    const seen: number[] = [];
    for await (const v of untilError<number>(Readable.from(values))) {
      seen.push(v);
      if (v % 1000 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    expect(seen).toEqual(values);
  });

  it('reports a stream destroyed without an error as cut short, not as ended', async () => {
    const stream = new Readable({ objectMode: true, read() {} });
    stream.push(1);
    setTimeout(() => stream.destroy(), 5);
    expect(await collect(untilError<number>(stream))).toEqual({ items: [1], error: 'the stream closed before its end' });
  });
});

import { describe, expect, it } from 'vitest';
import { isBlankLine, readLines, type Line } from '../../src/documents/line-reader.js';
import { RAW_LIMIT_BYTES } from '../../src/documents/types.js';

async function lines(chunks: string[], max = 1000): Promise<Line[]> {
  const out: Line[] = [];
  for await (const line of readLines(
    (async function* () {
      for (const c of chunks) yield Buffer.from(c);
    })(),
    max,
  ))
    out.push(line);
  return out;
}

describe('readLines', () => {
  it('splits across chunk boundaries and numbers lines from 1', async () => {
    const got = await lines(['ab', 'c\nde', 'f\n\ng']);
    expect(got.map((l) => [l.number, l.bytes?.toString(), l.terminated])).toEqual([
      [1, 'abc', true],
      [2, 'def', true],
      [3, '', true],
      [4, 'g', false],
    ]);
  });

  it('strips a CR before the newline', async () => {
    const got = await lines(['one\r\ntwo\r', '\n']);
    expect(got.map((l) => l.bytes?.toString())).toEqual(['one', 'two']);
  });

  it('yields no extra line after a final newline', async () => {
    expect(await lines(['a\nb\n'])).toHaveLength(2);
  });

  it('does not keep a line over the limit, only its head, and carries on after it', async () => {
    const long = 'x'.repeat(30_000);
    const got = await lines([long.slice(0, 7000), long.slice(7000), '\nafter\n'], 10_000);
    expect(got).toHaveLength(2);
    expect(got[0]!.bytes).toBeNull();
    expect(got[0]!.byteLength).toBe(30_000);
    expect(got[0]!.head.length).toBe(RAW_LIMIT_BYTES);
    expect(got[1]!.bytes?.toString()).toBe('after');
  });

  it('holds a bounded amount of an endless line (consumes 50 MB without a newline)', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    let served = 0;
    const source = (async function* () {
      for (let i = 0; i < 50; i++) {
        served++;
        yield chunk;
      }
    })();
    const got: Line[] = [];
    for await (const line of readLines(source, 64 * 1024)) got.push(line);
    expect(served).toBe(50);
    expect(got).toHaveLength(1);
    expect(got[0]!.bytes).toBeNull();
    expect(got[0]!.byteLength).toBe(50 * 1024 * 1024);
    expect(got[0]!.terminated).toBe(false);
  });

  it('knows blank lines', () => {
    expect(isBlankLine(Buffer.from(' \t\r'))).toBe(true);
    expect(isBlankLine(Buffer.from(''))).toBe(true);
    expect(isBlankLine(Buffer.from(' {}'))).toBe(false);
  });
});

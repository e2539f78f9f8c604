import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_WINDOW_BYTES, ZstdDataError, isZstdMagic, unzstdFrames } from '../../src/documents/unzstd.js';
import { fixture } from './helpers.js';
import { blockOffsets, chunks, frameWith, junk, rawFrame, readZstdFixture, rleFrame, skippableFrame } from './zstd-frames.js';

const sample = readFileSync(fixture('sample.jsonl'));
const head8 = Buffer.from(sample.toString('utf8').split('\n').slice(0, 8).join('\n') + '\n');
const sampleZst = readZstdFixture('sample.jsonl.zst'); // 7 blocks, content size, checksum
const head8Zst = readZstdFixture('head-8.jsonl.zst'); // no content size, no checksum
/** sample.jsonl.zst's header: magic, descriptor, a 2-byte content size (single segment). */
const SAMPLE_HEADER_BYTES = 7;

async function unzstdAll(data: Buffer, size = 256 * 1024): Promise<{ output: Buffer; error?: ZstdDataError }> {
  const parts: Buffer[] = [];
  try {
    for await (const part of unzstdFrames(chunks(data, size))) parts.push(part);
  } catch (error) {
    return { output: Buffer.concat(parts), error: error as ZstdDataError };
  }
  return { output: Buffer.concat(parts) };
}

describe('unzstdFrames', () => {
  it('decodes what zstd wrote, with and without checksum and content size, in any chunking', async () => {
    expect(blockOffsets(sampleZst, SAMPLE_HEADER_BYTES)).toHaveLength(7);
    for (const [data, text] of [[sampleZst, sample], [head8Zst, head8]] as const) {
      for (const size of [1, 7, 1000, 256 * 1024]) {
        const { output, error } = await unzstdAll(data, size);
        expect(error).toBeUndefined();
        expect(output.equals(text)).toBe(true);
      }
    }
  });

  it('reads concatenated frames and skips skippable frames, as zstd -d does', async () => {
    const data = Buffer.concat([sampleZst, skippableFrame(''), skippableFrame(junk(300), 0xd), head8Zst, rleFrame(0x0a, 3), sampleZst]);
    for (const size of [1, 13, 4096, 256 * 1024]) {
      const { output, error } = await unzstdAll(data, size);
      expect(error).toBeUndefined();
      expect(output.equals(Buffer.concat([sample, head8, Buffer.from('\n\n\n'), sample]))).toBe(true);
    }
  });

  it('decodes raw and RLE blocks, empty frames and a file that starts with a skippable frame', async () => {
    const text = 'x'.repeat(300_000);
    const data = Buffer.concat([skippableFrame('meta'), rawFrame(text, { contentSize: text.length }), rawFrame(''), rleFrame(0x79, 5)]);
    const { output, error } = await unzstdAll(data, 1000);
    expect(error).toBeUndefined();
    expect(output.toString()).toBe(text + 'yyyyy');
  });

  it('yields every byte of the complete frames before reporting trailing junk', async () => {
    for (const tail of [junk(300), Buffer.alloc(16), Buffer.from('\n')]) {
      for (const size of [1, 13, 256 * 1024]) {
        const { output, error } = await unzstdAll(Buffer.concat([sampleZst, head8Zst, tail]), size);
        expect(output.equals(Buffer.concat([sample, head8]))).toBe(true);
        expect(error).toBeInstanceOf(ZstdDataError);
        // Zero padding too: zstd -d refuses it ("unsupported format").
        expect(error).toMatchObject({ code: 'corrupt', offset: sampleZst.length + head8Zst.length, afterCompleteFrames: true });
      }
    }
  });

  it('reports a cut frame as truncated at the end of the data, after the blocks before the cut', async () => {
    const blocks = blockOffsets(sampleZst, SAMPLE_HEADER_BYTES);
    const cut = sampleZst.subarray(0, blocks[5]! + 100);
    for (const size of [1, 256 * 1024]) {
      const { output, error } = await unzstdAll(cut, size);
      expect(error).toMatchObject({ code: 'truncated', offset: cut.length, afterCompleteFrames: false });
      // Blocks 1-5 are whole: their output comes out.
      expect(output.length).toBeGreaterThan(sample.length / 2);
      expect(sample.subarray(0, output.length).equals(output)).toBe(true);
    }
    // A cut checksum, and a cut header of a further frame (nothing of which was decoded).
    const noChecksum = await unzstdAll(sampleZst.subarray(0, sampleZst.length - 2));
    expect(noChecksum.output.equals(sample)).toBe(true);
    expect(noChecksum.error).toMatchObject({ code: 'truncated', afterCompleteFrames: false });
    for (const bytes of [2, 5]) {
      const second = await unzstdAll(Buffer.concat([sampleZst, head8Zst.subarray(0, bytes)]));
      expect(second.output.equals(sample)).toBe(true);
      expect(second.error).toMatchObject({ code: 'truncated', offset: sampleZst.length + bytes, afterCompleteFrames: true });
    }
  });

  it('yields the blocks before a bad one that arrives in the same chunk', async () => {
    const blocks = blockOffsets(sampleZst, SAMPLE_HEADER_BYTES);
    const before = (await unzstdAll(sampleZst.subarray(0, blocks[6]!))).output;
    expect(before.length).toBeGreaterThan(sample.length / 2);
    const reserved = Buffer.from(sampleZst);
    reserved[blocks[6]!]! |= 0b110; // block type 3: reserved
    const { output, error } = await unzstdAll(reserved);
    expect(output.equals(before)).toBe(true);
    expect(error).toMatchObject({ code: 'corrupt', offset: blocks[6], afterCompleteFrames: false });
  });

  it('reports damaged compressed data as corrupt, after the output of the blocks before it', async () => {
    const blocks = blockOffsets(sampleZst, SAMPLE_HEADER_BYTES);
    const before = (await unzstdAll(sampleZst.subarray(0, blocks[6]!))).output;
    for (const at of [blocks[6]! + 20, blocks[6]! + 200, sampleZst.length - 10]) {
      const damaged = Buffer.from(sampleZst);
      damaged[at]! ^= 0x10;
      const { output, error } = await unzstdAll(damaged);
      expect(output.subarray(0, before.length).equals(before)).toBe(true);
      expect(error).toBeInstanceOf(ZstdDataError);
      expect(error).toMatchObject({ code: 'corrupt', afterCompleteFrames: false });
    }
  });

  it('checks the checksum and the content size at the end of a frame', async () => {
    const badChecksum = Buffer.from(sampleZst);
    badChecksum[badChecksum.length - 1]! ^= 0xff;
    const checked = await unzstdAll(badChecksum);
    expect(checked.output.equals(sample)).toBe(true);
    expect(checked.error).toMatchObject({ code: 'corrupt', message: 'invalid zstd data: checksum mismatch', offset: sampleZst.length - 4 });
    const sized = await unzstdAll(rawFrame('hello', { contentSize: 6 }));
    expect(sized.output.toString()).toBe('hello');
    expect(sized.error).toMatchObject({ code: 'corrupt', message: 'invalid zstd data: the frame decodes to 5 bytes, its header says 6' });
  });

  it('refuses frames it cannot decode: a dictionary, a window over the limit, oversize blocks, a reserved bit', async () => {
    // Single segment (0x20) with a 1-byte content size; 0x21 adds a 1-byte dictionary id.
    expect((await unzstdAll(frameWith(0x20, [5], 'hello'))).output.toString()).toBe('hello');
    // [frame, message, offset: the frame (header problems) or its block]
    const cases: [Buffer, RegExp, number][] = [
      [frameWith(0x21, [7, 5], 'hello'), /needs dictionary 7; dictionary-compressed data is not supported/, 0],
      [frameWith(0x00, [16 << 3], 'hello'), new RegExp(`window of ${2 ** 26} bytes is over the ${MAX_WINDOW_BYTES}-byte limit`), 0],
      [frameWith(0x28, [5], 'hello'), /reserved bit/, 0],
      [frameWith(0x20, [4], 'hello'), /a block of 5 bytes is over the frame's 4-byte limit/, 6],
    ];
    for (const [data, message, offset] of cases) {
      const { output, error } = await unzstdAll(data);
      expect(output.length).toBe(0);
      expect(error).toMatchObject({ code: 'corrupt', offset, afterCompleteFrames: false });
      expect(error!.message).toMatch(message);
    }
  });

  it('tells zstd and skippable magic numbers from other bytes', () => {
    expect(isZstdMagic(sampleZst)).toBe(true);
    expect(isZstdMagic(skippableFrame('x', 0xf))).toBe(true);
    expect(isZstdMagic(Buffer.from([0x28, 0xb5, 0x2f]))).toBe(false);
    expect(isZstdMagic(Buffer.from('{"te'))).toBe(false);
    expect(isZstdMagic(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))).toBe(false);
  });
});

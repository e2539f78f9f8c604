import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { crc32, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipDataError, crc32Table, gunzipMembers } from '../../src/documents/gunzip-members.js';
import { documents, fixture, readAll, rejections, tempDir } from './helpers.js';

const jsonl = (count: number, from = 1): string =>
  Array.from({ length: count }, (_, i) => JSON.stringify({ text: `line ${from + i} of the dump` })).join('\n') + '\n';

/** Bytes that look like nothing in particular, the same on every run. */
function junk(length: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  bytes[0] = 0x4a; // not a gzip magic byte, not zero padding
  return bytes;
}

/** The data in chunks of `size` bytes, as a file or a pipe might hand it over. */
async function* chunks(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function gunzipAll(data: Buffer, size = 256 * 1024): Promise<{ output: Buffer; error?: GzipDataError }> {
  const parts: Buffer[] = [];
  try {
    for await (const part of gunzipMembers(chunks(data, size))) parts.push(part);
  } catch (error) {
    return { output: Buffer.concat(parts), error: error as GzipDataError };
  }
  return { output: Buffer.concat(parts) };
}

const writeTemp = (name: string, data: Buffer): string => {
  const path = join(tempDir(), name);
  writeFileSync(path, data);
  return path;
};

/** A gzip member with every optional header field (name, comment, extra, header CRC). */
function memberWithAllHeaderFields(data: Buffer): Buffer {
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3]);
  const extra = Buffer.from([4, 0, 0x41, 0x42, 2, 0]);
  const name = Buffer.from('dump.jsonl\0', 'latin1');
  const comment = Buffer.from('a comment\0', 'latin1');
  const head = Buffer.concat([header, extra, name, comment]);
  const headerCrc = Buffer.alloc(2);
  headerCrc.writeUInt16LE(crc32(head) & 0xffff);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, headerCrc, deflateRawSync(data), trailer]);
}

describe('gunzipMembers', () => {
  it('decodes single and multi-member data as gunzip does, in any chunking', async () => {
    const text = Buffer.from(jsonl(600));
    const multi = Buffer.concat([gzipSync(text.subarray(0, 5000)), gzipSync(Buffer.alloc(0)), gzipSync(text.subarray(5000))]);
    const tiny = Buffer.concat(Array.from({ length: 300 }, (_, i) => gzipSync(`{"text":"member ${i}"}\n`)));
    for (const data of [gzipSync(text), multi, tiny]) {
      for (const size of [1, 7, 1000, 256 * 1024]) {
        const { output, error } = await gunzipAll(data, size);
        expect(error).toBeUndefined();
        expect(output.equals(gunzipSync(data))).toBe(true);
      }
    }
  });

  it('reads headers with a name, comment, extra field and header CRC', async () => {
    const data = Buffer.from(jsonl(50));
    const member = memberWithAllHeaderFields(data);
    expect(gunzipSync(member).equals(data)).toBe(true);
    for (const size of [1, 3, 64 * 1024]) expect((await gunzipAll(member, size)).output.equals(data)).toBe(true);
  });

  it('skips zero padding between and after members', async () => {
    const a = Buffer.from(jsonl(10));
    const b = Buffer.from(jsonl(10, 11));
    const padded = Buffer.concat([gzipSync(a), Buffer.alloc(512), gzipSync(b), Buffer.alloc(100)]);
    for (const size of [1, 100, 4096]) {
      const { output, error } = await gunzipAll(padded, size);
      expect(error).toBeUndefined();
      expect(output.toString()).toBe(a.toString() + b.toString());
    }
  });

  it('yields every byte of the complete members before reporting trailing junk', async () => {
    const text = Buffer.from(jsonl(100));
    const member = gzipSync(text);
    for (const size of [1, 13, 256 * 1024]) {
      const { output, error } = await gunzipAll(Buffer.concat([member, junk(300)]), size);
      expect(output.equals(text)).toBe(true);
      expect(error).toBeInstanceOf(GzipDataError);
      expect(error).toMatchObject({ code: 'Z_DATA_ERROR', offset: member.length, afterCompleteMembers: true });
    }
  });

  it('reports a cut member as Z_BUF_ERROR at the end of the data, after what it could decode', async () => {
    const text = Buffer.from(jsonl(3000));
    const gz = gzipSync(text);
    const cut = gz.subarray(0, Math.floor(gz.length / 2));
    const { output, error } = await gunzipAll(cut);
    expect(error).toMatchObject({ code: 'Z_BUF_ERROR', offset: cut.length, afterCompleteMembers: false });
    expect(output.length).toBeGreaterThan(0);
    expect(text.subarray(0, output.length).equals(output)).toBe(true);
    // A header cut short after a complete member: nothing of it was decoded.
    const second = await gunzipAll(Buffer.concat([gzipSync(text), gz.subarray(0, 5)]));
    expect(second.output.equals(text)).toBe(true);
    expect(second.error).toMatchObject({ code: 'Z_BUF_ERROR', afterCompleteMembers: true });
  });

  it('reports a bad checksum after the member data', async () => {
    const text = Buffer.from(jsonl(20));
    const gz = gzipSync(text);
    gz[gz.length - 8]! ^= 0xff;
    const { output, error } = await gunzipAll(gz);
    expect(output.equals(text)).toBe(true);
    expect(error).toMatchObject({ code: 'Z_DATA_ERROR', message: 'incorrect data check', offset: gz.length - 8, afterCompleteMembers: false });
  });

  it('computes the CRC-32 gzip uses without zlib too', () => {
    const data = Buffer.from(jsonl(40));
    expect(crc32Table(data)).toBe(crc32(data));
    expect(crc32Table(data.subarray(100), crc32Table(data.subarray(0, 100)))).toBe(crc32(data));
  });
});

describe('JSONL in gzip with trailing junk', () => {
  it('reads every line of the member, then one corrupt-gzip rejection', async () => {
    const member = gzipSync(jsonl(50));
    const path = writeTemp('mm-junk.jsonl.gz', Buffer.concat([member, Buffer.from('JUNKJUNKJUNK')]));
    const { items, bytes, sizes } = await readAll([path]);
    expect(documents(items).map((d) => d.source.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(rejections(items)).toEqual([
      expect.objectContaining({ reason: 'corrupt-gzip', line: 51, offset: member.length, raw: '' }),
    ]);
    expect(bytes).toBe(sizes);
  });

  it('reads all 100 lines before 300 random bytes, as zcat does', async () => {
    const path = writeTemp('junk.jsonl.gz', Buffer.concat([gzipSync(jsonl(100)), junk(300)]));
    const { items } = await readAll([path]);
    expect(documents(items).map((d) => d.text)).toEqual(jsonl(100).trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text));
    expect(rejections(items).map((r) => r.reason)).toEqual(['corrupt-gzip']);
  });

  it('reads a last line without a newline as a record when its member is complete', async () => {
    const text = jsonl(3, 1) + JSON.stringify({ text: 'no newline after me' });
    const path = writeTemp('no-newline.jsonl.gz', Buffer.concat([gzipSync(text), Buffer.from('JUNK')]));
    const { items } = await readAll([path]);
    expect(documents(items).map((d) => [d.source.line, d.text])).toContainEqual([4, 'no newline after me']);
    expect(rejections(items).map((r) => [r.reason, r.line])).toEqual([['corrupt-gzip', 5]]);
  });

  it('reads the members before junk that follows several members', async () => {
    const data = Buffer.concat([gzipSync(jsonl(5, 1)), gzipSync(jsonl(5, 6)), Buffer.alloc(16), Buffer.from('garbage')]);
    const { items } = await readAll([writeTemp('multi-junk.jsonl.gz', data)]);
    expect(documents(items)).toHaveLength(10);
    expect(rejections(items).map((r) => r.reason)).toEqual(['corrupt-gzip']);
  });

  it('still accounts a line cut by a truncated member once, in the truncation record', async () => {
    const gz = gzipSync(jsonl(2000));
    const { items } = await readAll([writeTemp('cut.jsonl.gz', gz.subarray(0, gz.length - 40))]);
    const rejected = rejections(items);
    expect(rejected.map((r) => r.reason)).toEqual(['truncated-gzip']);
    expect(rejected[0]!.line).toBe(documents(items).length + 1);
    expect(rejected[0]!.raw.length).toBeGreaterThan(0);
  });

  it('keeps trailing zero bytes harmless', async () => {
    const { items } = await readAll([writeTemp('zeros.jsonl.gz', Buffer.concat([gzipSync(jsonl(7)), Buffer.alloc(1000)]))]);
    expect(documents(items)).toHaveLength(7);
    expect(rejections(items)).toEqual([]);
  });
});

describe('bad data inside a member', () => {
  const original = readFileSync(fixture('sample.jsonl'));
  const gz = gzipSync(original);
  // What the deflate data before `at` decodes to (gzipSync's header is 10 bytes).
  const decodable = (at: number): Buffer => zlib.inflateRawSync(gz.subarray(10, at), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  // 8 bad bytes at 100 places; inflate notices many of them on the way, the others fail the CRC.
  const cases = Array.from({ length: 100 }, (_, k) => {
    const at = 20 + Math.floor(((gz.length - 40) * k) / 100);
    const damaged = Buffer.from(gz);
    junk(8, 3 + k).copy(damaged, at);
    return { at, damaged };
  });

  it('keeps everything that decodes before the bad data, and names an offset at or after it', async () => {
    let noticed = 0;
    for (const { at, damaged } of cases) {
      const { output, error } = await gunzipAll(damaged);
      expect(error).toBeInstanceOf(GzipDataError);
      if (error!.message.includes('incorrect data check')) continue;
      noticed++;
      const before = decodable(at);
      expect([at, output.length >= before.length]).toEqual([at, true]);
      expect(output.subarray(0, before.length).equals(before)).toBe(true);
      expect(error!.offset).toBeGreaterThanOrEqual(at);
    }
    expect(noticed).toBeGreaterThan(20);
  });

  it('reads every line decoded before the bad data as a document, then one corrupt-gzip rejection', async () => {
    // The last place inflate notices: the most lines before it.
    const { at, damaged } = cases.filter(({ damaged }) => !gunzipError(damaged).includes('incorrect data check')).at(-1)!;
    const { items } = await readAll([writeTemp('damaged.jsonl.gz', damaged)]);
    const complete = decodable(at).toString('utf8').split('\n').slice(0, -1);
    expect(complete.length).toBeGreaterThan(0);
    expect(documents(items).slice(0, complete.length).map((d) => d.text)).toEqual(complete.map((l) => (JSON.parse(l) as { text: string }).text));
    expect(rejections(items).at(-1)?.reason).toBe('corrupt-gzip');
  });
});

/** zlib's message for data gunzip refuses. */
function gunzipError(data: Buffer): string {
  try {
    gunzipSync(data);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the damaged data gunzips');
}

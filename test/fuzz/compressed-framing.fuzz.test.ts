// Property: the gzip and zstd decoders, on any valid-looking compressed data then damaged, fed in
// chunks of any size, end, throw only their own typed error (with an offset inside the data), and
// never decode more than the data can hold; undamaged, they decode it exactly.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect } from 'vitest';
import { ReaderSandbox, type SandboxReply } from '../helpers/reader-sandbox/sandbox.js';
import { rawFrame, readZstdFixture, rleFrame, skippableFrame } from '../documents/zstd-frames.js';
import { CASE_DEADLINE_MS } from './config.js';
import { propertyTest } from './harness.js';
import { mutate, mutationsArb } from './mutate.js';

const sandbox = new ReaderSandbox();
const dir = mkdtempSync(join(tmpdir(), 'crawlsift-framing-'));
let cases = 0;
const tally = new Map<string, number>();
afterAll(async () => {
  if (process.env.CRAWLSIFT_FUZZ_RUNS) process.stdout.write(`fuzz framing: ${JSON.stringify(Object.fromEntries(tally))}\n`);
  await sandbox.close();
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const contentArb = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)),
  fc.string({ unit: 'grapheme', maxLength: 400 }).map((s) => Buffer.from(s.repeat(3))),
);

/** Runs a decoder over the bytes in the sandbox and checks what any decoder must do. */
async function decode(kind: 'gunzip' | 'unzstd', bytes: Buffer, chunkBytes: number): Promise<Extract<SandboxReply, { kind: 'decode' }>> {
  const path = join(dir, `case-${cases++}.bin`);
  writeFileSync(path, bytes);
  const reply = await sandbox.run({ kind, path, chunkBytes }, CASE_DEADLINE_MS);
  expect(reply.kind, JSON.stringify(reply).slice(0, 1000)).toBe('decode');
  if (reply.kind !== 'decode') throw new Error('unreachable');
  // Deflate turns a byte into at most 1,032; a zstd RLE block one byte into 128 KiB, at most once per 4 bytes.
  expect(reply.bytes).toBeLessThanOrEqual((kind === 'gunzip' ? 1032 : 32 * 1024) * bytes.length + 1024);
  const key = reply.failure ? `${kind}:${reply.failure.code}` : `${kind}:ok`;
  tally.set(key, (tally.get(key) ?? 0) + 1);
  if (reply.failure) {
    const f = reply.failure;
    if (kind === 'gunzip') expect({ name: f.name, code: f.code }).toMatchObject({ name: 'GzipDataError', code: expect.stringMatching(/^Z_(BUF|DATA)_ERROR$/) });
    else expect({ name: f.name, code: f.code }).toMatchObject({ name: 'ZstdDataError', code: expect.stringMatching(/^(truncated|corrupt)$/) });
    expect(f.offset! >= 0 && f.offset! <= bytes.length, `offset ${f.offset} of ${bytes.length}`).toBe(true);
    expect(f.message.length).toBeGreaterThan(0);
  }
  return reply;
}

/** A gzip member with optional header fields (name, comment, extra, header CRC), as gzip -N and others write them. */
function gzipMember(content: Buffer, fields: { name: boolean; comment: boolean; extra: boolean; level: number }): Buffer {
  const member = gzipSync(content, { level: fields.level });
  if (!fields.name && !fields.comment && !fields.extra) return member;
  const flags = (fields.extra ? 0x04 : 0) | (fields.name ? 0x08 : 0) | (fields.comment ? 0x10 : 0);
  const header = Buffer.from(member.subarray(0, 10));
  header[3] = flags;
  const parts = [header];
  if (fields.extra) parts.push(Buffer.from([4, 0, 0x41, 0x42, 0, 0]));
  if (fields.name) parts.push(Buffer.from('name.txt\0', 'latin1'));
  if (fields.comment) parts.push(Buffer.from('a comment\0', 'latin1'));
  return Buffer.concat([...parts, member.subarray(10)]);
}

const chunkArb = fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 70_000 }));

const memberArb = fc.record({ content: contentArb, name: fc.boolean(), comment: fc.boolean(), extra: fc.boolean(), level: fc.integer({ min: 0, max: 9 }) });

const zstdFixtures = ['sample.jsonl.zst', 'head-8.jsonl.zst', 'array.json.zst'].map(readZstdFixture);
const frameArb = fc.oneof(
  fc.constantFrom(...zstdFixtures).map((frame) => ({ frame, content: undefined as Buffer | undefined })),
  contentArb.map((content) => ({ frame: rawFrame(content, { blockBytes: 512 }), content })),
  fc.record({ byte: fc.integer({ min: 0, max: 255 }), count: fc.integer({ min: 1, max: 5000 }) }).map(({ byte, count }) => ({ frame: rleFrame(byte, count), content: Buffer.alloc(count, byte) })),
  contentArb.map((payload) => ({ frame: skippableFrame(payload), content: Buffer.alloc(0) })),
);

describe('compressed framing (property)', () => {
  propertyTest(
    'gzip: members of any content and header fields, damaged, in any chunking',
    fc.asyncProperty(fc.array(memberArb, { minLength: 1, maxLength: 4 }), fc.boolean(), mutationsArb, chunkArb, async (members, zeroPadding, mutations, chunkBytes) => {
      const stored = Buffer.concat(members.flatMap((m) => [gzipMember(m.content, m), ...(zeroPadding ? [Buffer.alloc(3)] : [])]));
      const reply = await decode('gunzip', mutate(stored, mutations), chunkBytes);
      if (mutations.length === 0) {
        expect(reply.failure).toBeUndefined();
        expect(reply.sha256).toBe(sha256(Buffer.concat(members.map((m) => m.content))));
      }
    }),
  );

  propertyTest(
    'zstd: real compressed frames, raw, RLE and skippable frames, damaged, in any chunking',
    fc.asyncProperty(fc.array(frameArb, { minLength: 1, maxLength: 3 }), mutationsArb, chunkArb, async (frames, mutations, chunkBytes) => {
      const reply = await decode('unzstd', mutate(Buffer.concat(frames.map((f) => f.frame)), mutations), chunkBytes);
      if (mutations.length === 0) {
        expect(reply.failure).toBeUndefined();
        if (frames.every((f) => f.content !== undefined)) expect(reply.sha256).toBe(sha256(Buffer.concat(frames.map((f) => f.content!))));
      }
    }),
  );
});

// Damage to apply to a valid input: byte flips, cuts, insertions of bytes that mean something to
// some reader, deleted and duplicated ranges. Positions are fractions of the length, so a mutation
// stays meaningful whatever the input's size (and shrinks well).
import fc from 'fast-check';

export type Mutation =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: Buffer }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number };

const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** Bytes that start, end or confuse a record in one format or another. */
const MEANINGFUL_BYTES: Buffer[] = [
  latin1('\n'),
  latin1('\r\n'),
  latin1('\r\n\r\n'),
  latin1('WARC/1.0\r\n'),
  latin1('WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 5.5\r\n\r\n'),
  latin1('Content-Length: 99999999999999999999\r\n'),
  latin1('Content-Length: 3\r\n'),
  latin1('"'),
  latin1('\\'),
  latin1(']'),
  latin1('}'),
  latin1(','),
  latin1('['.repeat(600)),
  latin1('{"a":'.repeat(600)),
  latin1(`${'<b>'.repeat(600)}`),
  Buffer.from([0xff, 0xfe]),
  Buffer.from([0xe2, 0x82]), // a cut UTF-8 sequence
  Buffer.from([0x1f, 0x8b, 0x08, 0x00]), // a gzip member header
  Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), // a zstd frame
  Buffer.from([0x00, 0x00, 0x00, 0x00]),
];

const position = fc.double({ min: 0, max: 1, noNaN: true });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: position }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.oneof(fc.constantFrom(...MEANINGFUL_BYTES), fc.uint8Array({ minLength: 1, maxLength: 16 }).map((b) => Buffer.from(b))),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position, length: fc.integer({ min: 1, max: 256 }) }),
);

/** None to a few mutations: a case is sometimes the valid input itself. */
export const mutationsArb = fc.oneof({ weight: 1, arbitrary: fc.constant([] as Mutation[]) }, { weight: 4, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 4 }) });

/** The input with the mutations applied in order. Pure. */
export function mutate(data: Buffer, mutations: readonly Mutation[]): Buffer {
  let out = data;
  for (const m of mutations) {
    const at = Math.min(out.length, Math.floor(m.at * out.length));
    switch (m.kind) {
      case 'flip':
        if (out.length === 0) break;
        out = Buffer.from(out);
        out[Math.min(at, out.length - 1)]! ^= m.xor;
        break;
      case 'cut':
        out = out.subarray(0, at);
        break;
      case 'insert':
        out = Buffer.concat([out.subarray(0, at), m.bytes, out.subarray(at)]);
        break;
      case 'delete':
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
        break;
      case 'duplicate':
        out = Buffer.concat([out.subarray(0, at + m.length), out.subarray(at)]);
        break;
    }
  }
  return out;
}

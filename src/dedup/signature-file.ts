import { endianness } from 'node:os';
import { CrawlsiftError } from '../errors.js';
import { SHARDS, type ShardName } from '../routing/shards.js';
import type { DocumentKeys } from './document-signer.js';

/** One crawl document of a batch as the dedup run step sees it. */
export interface SignedDocument extends DocumentKeys {
  /** Index of the document among the batch's crawl records (canaries excluded), in input order. */
  position: number;
  /** The shard the pipeline routed it to, and its record's index in that shard's part of the batch. */
  shard: ShardName;
  line: number;
  id: string;
  /**
   * Where its signature and sample still wait in the signature file, when it was decoded with
   * `samples: 'lazy'`: {@link withKeys} reads them on first need.
   */
  pending?: PendingKeys;
}

interface PendingKeys {
  bytes: Buffer;
  signatureAt: number;
  signatureLength: number;
  sampleAt: number;
  sampleLength: number;
}

/** On a little-endian platform a typed array's bytes are the file's: values are copied as bytes, not one by one. */
const LITTLE_ENDIAN = endianness() === 'LE';

const MAGIC = 0x31445343; // 'CSD1', little-endian
const HEADER_BYTES = 12;
const ENTRY_BYTES = 22;

/**
 * A batch's signature file, the dedup stage's sidecar: a 12-byte header (magic `CSD1`, signature
 * length as u16, 2 bytes reserved, document count as u32), then per document, in input order:
 * position u32, line u32, shard u8 (index in `SHARDS`), has-signature u8, exact key (2 x u32), id
 * length u32, then the id (UTF-8) and, with a signature, its values (u16 each), then the sample's
 * length (u16) and values (u32 each). Little-endian. Pure.
 */
export function encodeSignatures(signatureLength: number, docs: readonly SignedDocument[]): Uint8Array {
  const ids = docs.map((d) => Buffer.from(d.id, 'utf8'));
  let size = HEADER_BYTES;
  for (const [i, d] of docs.entries()) size += ENTRY_BYTES + ids[i]!.length + (d.signature ? 2 * signatureLength + 2 + 4 * (d.sample?.length ?? 0) : 0);
  const bytes = Buffer.alloc(size);
  bytes.writeUInt32LE(MAGIC, 0);
  bytes.writeUInt16LE(signatureLength, 4);
  bytes.writeUInt32LE(docs.length, 8);
  let at = HEADER_BYTES;
  for (const [i, d] of docs.entries()) {
    if (d.signature && d.signature.length !== signatureLength) throw new Error(`signature of ${d.signature.length} values, expected ${signatureLength}`);
    bytes.writeUInt32LE(d.position, at);
    bytes.writeUInt32LE(d.line, at + 4);
    bytes.writeUInt8(SHARDS.indexOf(d.shard), at + 8);
    bytes.writeUInt8(d.signature ? 1 : 0, at + 9);
    bytes.writeUInt32LE(d.exact[0], at + 10);
    bytes.writeUInt32LE(d.exact[1], at + 14);
    bytes.writeUInt32LE(ids[i]!.length, at + 18);
    at += ENTRY_BYTES;
    ids[i]!.copy(bytes, at);
    at += ids[i]!.length;
    if (d.signature) {
      if (LITTLE_ENDIAN) bytes.set(byteView(d.signature.subarray(0, signatureLength)), at);
      else for (let k = 0; k < signatureLength; k++) bytes.writeUInt16LE(d.signature[k]!, at + 2 * k);
      at += 2 * signatureLength;
      const sample = d.sample ?? new Uint32Array(0);
      bytes.writeUInt16LE(sample.length, at);
      if (LITTLE_ENDIAN) bytes.set(byteView(sample), at + 2);
      else for (let k = 0; k < sample.length; k++) bytes.writeUInt32LE(sample[k]!, at + 2 + 4 * k);
      at += 2 + 4 * sample.length;
    }
  }
  return bytes;
}

/** Where a signed document is in its batch's output: enough to edit its record (see {@link decodePlacements}). */
export type Placement = Pick<SignedDocument, 'position' | 'shard' | 'line'>;

interface Entry {
  /** Byte offset of the entry's fixed fields. */
  at: number;
  shard: SignedDocument['shard'];
  idBytes: number;
  hasSignature: boolean;
  /** Byte offset of the sample's length (with a signature). */
  sampleAt: number;
  sampleLength: number;
}

/**
 * Walks the entries of a signature file (see {@link encodeSignatures}), checking each fits: `visit`
 * gets each entry's offsets and reads what it needs. Returns the signature length.
 */
function walkSignatures(data: Uint8Array, what: string, visit: (bytes: Buffer, entry: Entry, index: number, count: number) => void): number {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const bad = (why: string) => new CrawlsiftError('sidecar-invalid', `${what} is not a crawlsift signature file: ${why}`);
  if (bytes.length < HEADER_BYTES || bytes.readUInt32LE(0) !== MAGIC) throw bad('no CSD1 header');
  const signatureLength = bytes.readUInt16LE(4);
  const count = bytes.readUInt32LE(8);
  let at = HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    if (at + ENTRY_BYTES > bytes.length) throw bad(`cut at document ${i} of ${count}`);
    const shard = SHARDS[bytes.readUInt8(at + 8)];
    if (shard === undefined) throw bad(`document ${i} has no shard`);
    const hasSignature = bytes.readUInt8(at + 9) === 1;
    const idBytes = bytes.readUInt32LE(at + 18);
    const sampleAt = at + ENTRY_BYTES + idBytes + 2 * signatureLength;
    if (hasSignature && sampleAt + 2 > bytes.length) throw bad(`cut at document ${i} of ${count}`);
    const sampleLength = hasSignature ? bytes.readUInt16LE(sampleAt) : 0;
    const end = hasSignature ? sampleAt + 2 + 4 * sampleLength : at + ENTRY_BYTES + idBytes;
    if (end > bytes.length) throw bad(`cut at document ${i} of ${count}`);
    visit(bytes, { at, shard, idBytes, hasSignature, sampleAt, sampleLength }, i, count);
    at = end;
  }
  if (at !== bytes.length) throw bad(`${bytes.length - at} bytes after its ${count} documents`);
  return signatureLength;
}

/**
 * The documents of a signature file (see {@link encodeSignatures}); `what` names it in errors.
 * `samples: false` leaves their samples out (finding candidates needs only the signatures);
 * `'lazy'` leaves signatures and samples in the file's bytes until {@link withKeys} asks for them
 * (placing documents in input order needs them only for those that are not exact copies).
 */
export function decodeSignatures(data: Uint8Array, what: string, options: { samples?: boolean | 'lazy' } = {}): { signatureLength: number; docs: SignedDocument[] } {
  const samples = options.samples ?? true;
  let docs: SignedDocument[] = [];
  const signatureLength = walkSignatures(data, what, (bytes, { at, shard, idBytes, hasSignature, sampleAt, sampleLength }, i, count) => {
    if (i === 0) docs = new Array(count);
    const doc: SignedDocument = {
      position: bytes.readUInt32LE(at),
      line: bytes.readUInt32LE(at + 4),
      shard,
      id: bytes.toString('utf8', at + ENTRY_BYTES, at + ENTRY_BYTES + idBytes),
      exact: [bytes.readUInt32LE(at + 10), bytes.readUInt32LE(at + 14)],
    };
    if (hasSignature) {
      const pending = { bytes, signatureAt: at + ENTRY_BYTES + idBytes, signatureLength: (sampleAt - at - ENTRY_BYTES - idBytes) / 2, sampleAt, sampleLength };
      if (samples === 'lazy') doc.pending = pending;
      else {
        doc.signature = signatureOf(pending);
        if (samples) doc.sample = sampleOf(pending);
      }
    }
    docs[i] = doc;
  });
  return { signatureLength, docs };
}

/**
 * `doc` with its signature and sample read (copied) from its signature file when they were left
 * there (`samples: 'lazy'`), after which it no longer holds the file's bytes; else `doc` as it is.
 */
export function withKeys(doc: SignedDocument): SignedDocument {
  const { pending } = doc;
  if (pending) {
    doc.signature = signatureOf(pending);
    doc.sample = sampleOf(pending);
    delete doc.pending;
  }
  return doc;
}

function signatureOf({ bytes, signatureAt, signatureLength }: PendingKeys): Uint16Array {
  const signature = new Uint16Array(signatureLength);
  if (LITTLE_ENDIAN) byteView(signature).set(bytes.subarray(signatureAt, signatureAt + 2 * signatureLength));
  else for (let k = 0; k < signatureLength; k++) signature[k] = bytes.readUInt16LE(signatureAt + 2 * k);
  return signature;
}

function sampleOf({ bytes, sampleAt, sampleLength }: PendingKeys): Uint32Array {
  const sample = new Uint32Array(sampleLength);
  if (LITTLE_ENDIAN) byteView(sample).set(bytes.subarray(sampleAt + 2, sampleAt + 2 + 4 * sampleLength));
  else for (let k = 0; k < sampleLength; k++) sample[k] = bytes.readUInt32LE(sampleAt + 2 + 4 * k);
  return sample;
}

/** Only where the documents of a signature file are (no id, key, signature or sample decoded): for editing their records. */
export function decodePlacements(data: Uint8Array, what: string): Placement[] {
  const placements: Placement[] = [];
  walkSignatures(data, what, (bytes, { at, shard }) => placements.push({ position: bytes.readUInt32LE(at), line: bytes.readUInt32LE(at + 4), shard }));
  return placements;
}

function byteView(values: Uint16Array | Uint32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

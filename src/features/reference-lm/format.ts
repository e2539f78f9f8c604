/**
 * Binary file format of a {@link ReferenceLm}: only occupied table slots are stored, and
 * the hash tables are rebuilt on load, so the file holds no empty space.
 *
 * Layout (little-endian): magic "CSLM", u32 version, u32 header byte length, UTF-8 JSON
 * header, padding to 4 bytes, then for each model (word, char): its n-gram section
 * (u32 keys, f32 logp, u16 rank) and context section (u32 keys, f32 logAlpha, f32 mean,
 * f32 second, u32 kept), each array padded to 4 bytes.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ReferenceLm } from './features.js';
import { packEntries, type CompactEntries, type NgramLm, type PackedLm } from './ngram-lm.js';

const MAGIC = 0x4d4c5343; // "CSLM"
const VERSION = 1;

interface ModelHeader {
  order: number;
  ngrams: number;
  contexts: number;
  rootMean: number;
  rootSecond: number;
  unkLogp: number;
  unkRank: number;
}
interface FileHeader {
  word: ModelHeader;
  char: ModelHeader;
  /** Free-form provenance (sources, options), written by the build script. */
  meta: Record<string, unknown>;
}

const pad4 = (n: number): number => (n + 3) & ~3;

function occupied(keys: Uint32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) out.push(i);
  return out;
}

/** Writes `lm` to `path` atomically (temporary name, then rename). */
export function saveReferenceLm(path: string, lm: ReferenceLm, meta: Record<string, unknown> = {}): void {
  const parts: Uint8Array[] = [];
  const models = [lm.word, lm.char];
  const headers: ModelHeader[] = [];
  for (const m of models) {
    const ng = occupied(m.ngramKeys);
    const cx = occupied(m.ctxKeys);
    headers.push({
      order: m.order, ngrams: ng.length, contexts: cx.length,
      rootMean: m.rootMean, rootSecond: m.rootSecond, unkLogp: m.unkLogp, unkRank: m.unkRank,
    });
    const push = (a: ArrayBufferView): void => {
      const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      parts.push(bytes, new Uint8Array(pad4(bytes.length) - bytes.length));
    };
    push(Uint32Array.from(ng, (i) => m.ngramKeys[i]!));
    push(Float32Array.from(ng, (i) => m.ngramLogp[i]!));
    push(Uint16Array.from(ng, (i) => m.ngramRank[i]!));
    push(Uint32Array.from(cx, (i) => m.ctxKeys[i]!));
    push(Float32Array.from(cx, (i) => m.ctxLogAlpha[i]!));
    push(Float32Array.from(cx, (i) => m.ctxMean[i]!));
    push(Float32Array.from(cx, (i) => m.ctxSecond[i]!));
    push(Uint32Array.from(cx, (i) => m.ctxKept[i]!));
  }
  const header: FileHeader = { word: headers[0]!, char: headers[1]!, meta };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const pre = new Uint32Array([MAGIC, VERSION, json.length]);
  const all = [new Uint8Array(pre.buffer), json, new Uint8Array(pad4(json.length) - json.length), ...parts];
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, Buffer.concat(all));
  renameSync(tmp, path);
}

function tableSize(entries: number): number {
  let size = 16;
  while (size < entries / 0.6) size *= 2;
  return size;
}

interface ModelSection {
  header: ModelHeader;
  entries: CompactEntries;
}

/**
 * The header and, per model, views of its stored entries. The views share the file's bytes when
 * they are 4-byte aligned (a file read whole into its own buffer is), else one aligned copy.
 */
function readSections(buf: Uint8Array): { word: ModelSection; char: ModelSection; meta: Record<string, unknown> } {
  const aligned = buf.byteOffset % 4 === 0 ? buf : new Uint8Array(buf);
  const ab = aligned.buffer;
  const base = aligned.byteOffset;
  if (aligned.byteLength < 12) throw new Error('not a crawlsift reference LM file (too short)');
  const pre = new Uint32Array(ab, base, 3);
  if (pre[0] !== MAGIC) throw new Error('not a crawlsift reference LM file (bad magic)');
  if (pre[1] !== VERSION) throw new Error(`reference LM file version ${pre[1]}, expected ${VERSION}`);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(ab, base + 12, pre[2]!))) as FileHeader;
  let off = base + 12 + pad4(pre[2]!);
  const take = <T>(ctor: { new (b: ArrayBufferLike, o: number, n: number): T; BYTES_PER_ELEMENT: number }, n: number): T => {
    const v = new ctor(ab, off, n);
    off += pad4(n * ctor.BYTES_PER_ELEMENT);
    return v;
  };
  const section = (h: ModelHeader): ModelSection => ({
    header: h,
    entries: {
      ngramKeys: take(Uint32Array, h.ngrams),
      ngramLogp: take(Float32Array, h.ngrams),
      ngramRank: take(Uint16Array, h.ngrams),
      ctxKeys: take(Uint32Array, h.contexts),
      ctxLogAlpha: take(Float32Array, h.contexts),
      ctxMean: take(Float32Array, h.contexts),
      ctxSecond: take(Float32Array, h.contexts),
      ctxKept: take(Uint32Array, h.contexts),
    },
  });
  const word = section(header.word);
  const char = section(header.char);
  return { word, char, meta: header.meta };
}

/** Parses a model file written by {@link saveReferenceLm}. */
export function parseReferenceLm(buf: Uint8Array): { lm: ReferenceLm; meta: Record<string, unknown> } {
  const sections = readSections(buf);
  const readModel = ({ header: h, entries: e }: ModelSection): NgramLm => {
    const ns = tableSize(h.ngrams);
    const cs = tableSize(h.contexts);
    const m: NgramLm = {
      order: h.order,
      ngramKeys: new Uint32Array(ns), ngramLogp: new Float32Array(ns), ngramRank: new Uint16Array(ns),
      ctxKeys: new Uint32Array(cs), ctxLogAlpha: new Float32Array(cs),
      ctxMean: new Float32Array(cs), ctxSecond: new Float32Array(cs),
      ctxKept: new Uint32Array(cs),
      rootMean: h.rootMean, rootSecond: h.rootSecond, unkLogp: h.unkLogp, unkRank: h.unkRank,
    };
    for (let j = 0; j < h.ngrams; j++) {
      const i = insertSlot(m.ngramKeys, e.ngramKeys[j]!);
      m.ngramLogp[i] = e.ngramLogp[j]!;
      m.ngramRank[i] = e.ngramRank[j]!;
    }
    for (let j = 0; j < h.contexts; j++) {
      const i = insertSlot(m.ctxKeys, e.ctxKeys[j]!);
      m.ctxLogAlpha[i] = e.ctxLogAlpha[j]!;
      m.ctxMean[i] = e.ctxMean[j]!;
      m.ctxSecond[i] = e.ctxSecond[j]!;
      m.ctxKept[i] = e.ctxKept[j]!;
    }
    return m;
  };
  return { lm: { word: readModel(sections.word), char: readModel(sections.char) }, meta: sections.meta };
}

/** Loads a model file; throws with the path in the message if it is missing or malformed. */
export function loadReferenceLm(path: string): ReferenceLm {
  try {
    return parseReferenceLm(readFileSync(path)).lm;
  } catch (e) {
    throw new Error(`cannot load reference LM ${path}: ${(e as Error).message}`);
  }
}

/**
 * The word model of a model file in its scoring form only ({@link PackedLm}): packed straight from
 * the file's entries, with no parallel arrays and no char model, which the signature never reads.
 * Scores are the same bits as those of `parseReferenceLm(...).lm.word`; a scoring thread holds
 * ~25 MB instead of ~49 MB.
 */
export function parseScoringWordLm(buf: Uint8Array, options: ScoringLmOptions = {}): PackedLm {
  const { header: h, entries } = readSections(buf).word;
  return {
    order: h.order, rootMean: h.rootMean, rootSecond: h.rootSecond, unkLogp: h.unkLogp, unkRank: h.unkRank,
    tables: packEntries(entries, h.order, tableSize(h.ngrams), tableSize(h.contexts), options.shared ?? false),
  };
}

export interface ScoringLmOptions {
  /** Build the tables in SharedArrayBuffers, for threads to share (see `packEntries`). @defaultValue false */
  shared?: boolean;
}

/** {@link parseScoringWordLm} of a file; throws with the path in the message if it is missing or malformed. */
export function loadScoringWordLm(path: string, options: ScoringLmOptions = {}): PackedLm {
  try {
    return parseScoringWordLm(readFileSync(path), options);
  } catch (e) {
    throw new Error(`cannot load reference LM ${path}: ${(e as Error).message}`);
  }
}

function insertSlot(keys: Uint32Array, key: number): number {
  const mask = keys.length - 1;
  let i = key & mask;
  while (keys[i] !== 0 && keys[i] !== key) i = (i + 1) & mask;
  keys[i] = key;
  return i;
}

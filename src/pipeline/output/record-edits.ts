import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import { CrawlsiftError } from '../../errors.js';
import type { RecordEdit } from '../stage.js';
import { SHARDS, type ShardName } from '../../routing/shards.js';
import { decodePart, partLevel } from './encoded-part.js';
import { crawlsiftSlot } from './crawlsift-slot.js';
import { editedProvenance } from './provenance.js';
import type { BatchParts } from './run-output.js';

const gzipAsync = promisify(gzip);
const NEWLINE = Buffer.from('\n');

export interface RecordEditOptions {
  /**
   * Compress every part, edited or not: the run's parts were stored uncompressed until its end (a
   * run with a run step: see `EncodePartOptions.store`). @defaultValue false
   */
  compressAll?: boolean;
}

/** A part's JSONL, as edited. */
interface PartText {
  text: Buffer;
  records: number;
}

/**
 * A batch's parts with run steps' edits applied: each edited record's `metadata.crawlsift` gains the
 * edit's fields (see `editedProvenance`) and, when the edit moves it, the record leaves its part for
 * the part of the shard it moves to, after the records that part already has, in input order
 * (`position`). Parts without an edit are returned as they are (but with `compressAll`); the others
 * are decoded, changed and compressed again (at `partLevel`). Of an edited record only
 * `metadata.crawlsift` is parsed and written again (see `crawlsiftSlot`); the JSONL is what
 * `encodePart` gives for the same records. Edits of one record are applied in order. The edits are
 * made in one synchronous pass (what they leave behind dies young); only the compression waits, on
 * zlib's threads, so several batches can be compressed at once.
 */
export async function applyRecordEdits(parts: BatchParts, edits: readonly RecordEdit[], options: RecordEditOptions = {}): Promise<BatchParts> {
  if (edits.length === 0 && !options.compressAll) return parts;
  const texts = partTexts(parts, edits, options);
  const compressed = await Promise.all([...texts].map(async ([shard, { text }]) => [shard, await gzipAsync(text, { level: partLevel(shard) })] as const));
  return encodedParts(parts, texts, new Map(compressed));
}

/**
 * {@link applyRecordEdits} in one synchronous call, compressing on the calling thread: for a thread
 * that does nothing else (see `EditThreads`). The same bytes.
 */
export function applyRecordEditsSync(parts: BatchParts, edits: readonly RecordEdit[], options: RecordEditOptions = {}): BatchParts {
  if (edits.length === 0 && !options.compressAll) return parts;
  const texts = partTexts(parts, edits, options);
  return encodedParts(parts, texts, new Map([...texts].map(([shard, { text }]) => [shard, gzipSync(text, { level: partLevel(shard) })])));
}

/** The JSONL of every part to write again: those the edits change, and every other one with `compressAll`. */
function partTexts(parts: BatchParts, edits: readonly RecordEdit[], options: RecordEditOptions): Map<ShardName, PartText> {
  const texts = editedTexts(parts, edits);
  if (options.compressAll) for (const shard of SHARDS) if (parts[shard] && !texts.has(shard)) texts.set(shard, { text: decodePart(parts[shard]!), records: parts[shard]!.records });
  return texts;
}

/** `parts` with the parts written again (`texts`, compressed as `gzips`) in place, empty ones dropped, keys in shard order. */
function encodedParts(parts: BatchParts, texts: ReadonlyMap<ShardName, PartText>, gzips: ReadonlyMap<ShardName, Uint8Array>): BatchParts {
  const out: BatchParts = { ...parts };
  for (const [shard, { text, records }] of texts) {
    if (records === 0) delete out[shard];
    else out[shard] = { gzip: gzips.get(shard)!, bytes: text.length, records };
  }
  // Keys in shard order, as processBatch gives them.
  return Object.fromEntries(SHARDS.flatMap((s) => (out[s] ? [[s, out[s]]] : []))) as BatchParts;
}

/** The JSONL of every part the edits change (those they edit and those they move records into), edited. */
function editedTexts(parts: BatchParts, edits: readonly RecordEdit[]): Map<ShardName, PartText> {
  const byShard = new Map<ShardName, Map<number, RecordEdit[]>>();
  for (const edit of edits) {
    const lines = byShard.get(edit.shard) ?? byShard.set(edit.shard, new Map()).get(edit.shard)!;
    (lines.get(edit.line) ?? lines.set(edit.line, []).get(edit.line)!).push(edit);
  }
  const lines = new Map<ShardName, Buffer[]>();
  const moved: { shard: ShardName; position: number; line: Buffer }[] = [];
  const linesOf = (shard: ShardName): Buffer[] => {
    let out = lines.get(shard);
    if (!out) {
      out = parts[shard] ? splitLines(decodePart(parts[shard]!)) : [];
      lines.set(shard, out);
    }
    return out;
  };

  for (const [shard, editsByLine] of byShard) {
    const current = linesOf(shard);
    const kept: Buffer[] = [];
    for (const [i, line] of current.entries()) {
      const recordEdits = editsByLine.get(i);
      if (!recordEdits) {
        kept.push(line);
        continue;
      }
      editsByLine.delete(i);
      // Only metadata.crawlsift is parsed and written again; the rest of the line is kept as bytes.
      const slot = crawlsiftSlot(line);
      if (!slot) throw new CrawlsiftError('part-invalid', `record ${i} of a ${shard} part has no metadata.crawlsift to edit`);
      let crawlsift = parseProvenance(line.subarray(slot[0], slot[1]), shard, i);
      let move: RecordEdit['move'];
      for (const edit of recordEdits) {
        crawlsift = editedProvenance(crawlsift, edit.metadata, edit.move);
        move = edit.move ?? move;
      }
      const edited = Buffer.concat([line.subarray(0, slot[0]), Buffer.from(JSON.stringify(crawlsift)), line.subarray(slot[1])]);
      if (move && move.shard !== shard) moved.push({ shard: move.shard, position: recordEdits[0]!.position, line: edited });
      else kept.push(edited);
    }
    if (editsByLine.size > 0) throw new CrawlsiftError('edit-out-of-range', `a run step edits record ${[...editsByLine.keys()][0]} of the ${shard} part, which has ${current.length}`);
    lines.set(shard, kept);
  }
  moved.sort((a, b) => a.position - b.position);
  for (const { shard, line } of moved) linesOf(shard).push(line);
  return new Map([...lines].map(([shard, shardLines]) => [shard, { text: Buffer.concat(shardLines.flatMap((line) => [line, NEWLINE])), records: shardLines.length }]));
}

function splitLines(text: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf(0x0a, start);
    const stop = end < 0 ? text.length : end;
    out.push(text.subarray(start, stop));
    start = stop + 1;
  }
  return out;
}

function parseProvenance(bytes: Buffer, shard: ShardName, index: number): Record<string, unknown> {
  try {
    return JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new CrawlsiftError('part-invalid', `record ${index} of a ${shard} part has a metadata.crawlsift that is not JSON: ${(error as Error).message}`);
  }
}

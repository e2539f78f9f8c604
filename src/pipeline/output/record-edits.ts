import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { CrawlsiftError } from '../../errors.js';
import type { RecordEdit } from '../stage.js';
import { SHARDS, type ShardName } from '../shards.js';
import type { EncodedPart } from './encoded-part.js';
import { crawlsiftSlot } from './crawlsift-slot.js';
import { editedProvenance } from './provenance.js';
import type { BatchParts } from './run-output.js';

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);
const NEWLINE = Buffer.from('\n');

/**
 * A batch's parts with run steps' edits applied: each edited record's `metadata.crawlsift` gains the
 * edit's fields (see `editedProvenance`) and, when the edit moves it, the record leaves its part for
 * the part of the shard it moves to, after the records that part already has, in input order
 * (`position`). Parts without an edit are returned as they are; the others are decoded, changed and
 * compressed again (zlib on libuv's threads, so several batches can be rewritten at once). Of an
 * edited record only `metadata.crawlsift` is parsed and written again (see `crawlsiftSlot`); the
 * output is what `encodePart` gives for the same records. Edits of one record are applied in order.
 */
export async function applyRecordEdits(parts: BatchParts, edits: readonly RecordEdit[]): Promise<BatchParts> {
  if (edits.length === 0) return parts;
  const byShard = new Map<ShardName, Map<number, RecordEdit[]>>();
  for (const edit of edits) {
    const lines = byShard.get(edit.shard) ?? byShard.set(edit.shard, new Map()).get(edit.shard)!;
    (lines.get(edit.line) ?? lines.set(edit.line, []).get(edit.line)!).push(edit);
  }
  const lines = new Map<ShardName, Buffer[]>();
  const moved: { shard: ShardName; position: number; line: Buffer }[] = [];
  const linesOf = async (shard: ShardName): Promise<Buffer[]> => {
    let out = lines.get(shard);
    if (!out) {
      out = parts[shard] ? splitLines(await gunzipAsync(parts[shard]!.gzip)) : [];
      lines.set(shard, out);
    }
    return out;
  };

  for (const [shard, editsByLine] of byShard) {
    const current = await linesOf(shard);
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
  for (const { shard, line } of moved) (await linesOf(shard)).push(line);

  const out: BatchParts = { ...parts };
  await Promise.all(
    [...lines].map(async ([shard, shardLines]) => {
      if (shardLines.length === 0) delete out[shard];
      else out[shard] = await encodeLines(shardLines);
    }),
  );
  // Keys in shard order, as processBatch gives them.
  return Object.fromEntries(SHARDS.flatMap((s) => (out[s] ? [[s, out[s]]] : []))) as BatchParts;
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

async function encodeLines(lines: readonly Buffer[]): Promise<EncodedPart> {
  const text = Buffer.concat(lines.flatMap((line) => [line, NEWLINE]));
  return { gzip: await gzipAsync(text), bytes: text.length, records: lines.length };
}

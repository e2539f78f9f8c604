import { basename } from 'node:path';
import { VISIBLE_CHARACTER } from '../features/normalise.js';
import { MAX_NESTING_DEPTH, nestsDeeperThan, textNestsDeeperThan, tooDeepDetail } from './nesting-depth.js';
import { rawFromBytes, truncateUtf8 } from './raw-text.js';
import type { ReadItem, ReaderOptions, RejectReason, SourceRef } from './types.js';

/** The settings that decide how a parsed record becomes a document. */
export interface RecordOptions extends Pick<ReaderOptions, 'textField' | 'idField' | 'maxDocBytes'> {
  /**
   * The file's name in derived ids, unique among a run's inputs (see `idNames`).
   * @defaultValue the file's base name
   */
  idName?: string;
}

// fatal: an invalid byte is a rejected record, never a silent U+FFFD in the text we score.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * A stable id for a record without a usable one, from where it sits: `<name>#L<line>` for a JSONL
 * line, `<name>#I<index>` for a JSON array element, `<name>@<offset>` for a byte offset. `name` is
 * the file's name among the run's inputs (`idNames`), its base name when none is given.
 */
export function derivedId(source: SourceRef, name: string = basename(source.file)): string {
  if (source.line !== undefined) return `${name}#L${source.line}`;
  if (source.index !== undefined) return `${name}#I${source.index}`;
  return `${name}@${source.offset ?? 0}`;
}

/** A rejected item, with the source location flattened into the record as `rejected/` stores it. */
export function rejectItem(reason: RejectReason, source: SourceRef, raw: string, detail?: string): ReadItem {
  return {
    kind: 'rejected',
    rejected: {
      reason,
      ...(detail === undefined ? {} : { detail }),
      ...source,
      raw: truncateUtf8(raw),
    },
  };
}

/** One JSONL line (without its newline) → a document or a rejection. Pure. */
export function lineToItem(bytes: Uint8Array, source: SourceRef, options: RecordOptions): ReadItem {
  let text: string;
  try {
    // The decoder drops a leading BOM, which editors on Windows like to add to line 1.
    text = utf8.decode(bytes);
  } catch {
    return rejectItem('invalid-utf8', source, rawFromBytes(bytes), 'the line is not valid UTF-8');
  }
  // Judged on the text first: a deep line is slow to parse, and rejected whatever it parses to.
  if (textNestsDeeperThan(text, MAX_NESTING_DEPTH)) return rejectItem('too-deep', source, text, tooDeepDetail(MAX_NESTING_DEPTH));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return rejectItem('malformed-json', source, text, (error as Error).message);
  }
  return valueToItem(value, () => text, source, options);
}

/**
 * A parsed JSON value → a document or a rejection. `raw` is called only for rejections, so a
 * good record never pays for re-serialising. Pure.
 */
export function valueToItem(
  value: unknown,
  raw: () => string,
  source: SourceRef,
  options: RecordOptions,
): ReadItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return rejectItem('not-an-object', source, raw(), `expected a JSON object, got ${jsonKind(value)}`);
  }
  // Before anything else reads the record: what comes after (shard writers, queue payloads,
  // structured clone) recurses once per level.
  if (nestsDeeperThan(value, MAX_NESTING_DEPTH)) return rejectItem('too-deep', source, raw(), tooDeepDetail(MAX_NESTING_DEPTH));
  const record = value as Record<string, unknown>;
  const field = options.textField;
  if (!Object.hasOwn(record, field) || record[field] === undefined) {
    return rejectItem('missing-text', source, raw(), `no "${field}" field`);
  }
  const text = record[field];
  if (text === null) return rejectItem('missing-text', source, raw(), `"${field}" is null`);
  if (typeof text !== 'string') {
    return rejectItem('non-string-text', source, raw(), `"${field}" is ${jsonKind(text)}, expected a string`);
  }
  const check = checkText(text, options.maxDocBytes);
  if (check) return rejectItem(check.reason, source, raw(), check.detail);
  return {
    kind: 'document',
    document: { id: recordId(record[options.idField]) ?? derivedId(source, options.idName), text, record, source },
  };
}

/** What kind of JSON value `value` is, with its article: `null`, `an array`, `an object`, `a number`. Pure. */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/** The reasons a string cannot be scored as a document's text, shared by every reader. Pure. */
export function checkText(text: string, maxDocBytes: number): { reason: RejectReason; detail: string } | undefined {
  // Stops at the first visible character, so it costs nothing on ordinary text.
  if (!VISIBLE_CHARACTER.test(text)) return { reason: 'empty-text', detail: 'the text is empty or only whitespace and invisible characters' };
  // Cheap bound first: a UTF-16 unit is at most 3 UTF-8 bytes.
  if (text.length * 3 > maxDocBytes) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > maxDocBytes) {
      return { reason: 'oversize', detail: `text is ${bytes} bytes, over the ${maxDocBytes}-byte limit` };
    }
  }
  return undefined;
}

/**
 * A usable id: a non-empty string, or a finite number made a string (`1.5e3` → `"1500"`). Anything
 * else (an object, array, boolean, null, "") is none: the record gets a derived id and keeps the
 * field as it was. Pure.
 */
export function recordId(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

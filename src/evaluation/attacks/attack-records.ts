import { CrawlsiftError } from '../../errors.js';
import { ATTACK_KINDS, type AttackKind } from './attack-kinds.js';
import { applyAttack } from './registry.js';
import { seedFromString } from './rng.js';

/** A JSONL record with a text to attack; every other field is carried over unchanged. */
export type TextRecord = Record<string, unknown> & { text: string };

/** True for a name in {@link ATTACK_KINDS}. */
export function isAttackKind(kind: string): kind is AttackKind {
  return (ATTACK_KINDS as readonly string[]).includes(kind);
}

/**
 * The seed of one record's attack: from the run seed and the record's id (its line number when
 * it has none), so each document gets its own stream and the output depends only on the input
 * and the run seed, not on how records are batched or ordered around it.
 */
export function recordSeed(runSeed: number, id: unknown, line: number): number {
  const key = typeof id === 'string' || typeof id === 'number' ? `id:${id}` : `line:${line}`;
  return seedFromString(`${runSeed >>> 0}:${key}`);
}

/** Parses one JSONL line into a record with a string `text`; errors name the file and line. */
export function parseTextRecord(line: string, file: string, lineNumber: number): TextRecord {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new CrawlsiftError('input-invalid', `${file}:${lineNumber}: not valid JSON`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new CrawlsiftError('input-invalid', `${file}:${lineNumber}: expected a JSON object with a "text" field`);
  }
  if (typeof (json as { text?: unknown }).text !== 'string') {
    throw new CrawlsiftError('input-invalid', `${file}:${lineNumber}: field "text" missing or not a string`);
  }
  return json as TextRecord;
}

/** The record with its text attacked; field order and all other fields (label, source...) kept. */
export function attackRecord(record: TextRecord, kind: AttackKind, runSeed: number, lineNumber: number): TextRecord {
  return { ...record, text: applyAttack(kind, record.text, recordSeed(runSeed, record.id, lineNumber)) };
}

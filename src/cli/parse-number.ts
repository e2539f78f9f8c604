import { UsageError } from '../errors.js';

export interface NumberRule {
  /** Smallest value allowed. */
  min?: number;
  /** Values must be greater than this (for a range open at its lower end, such as a rate). */
  above?: number;
  max?: number;
  integer?: boolean;
  /** What the value means, named in the error after the range, e.g. `canaries per crawl document`. */
  meaning?: string;
}

/** A flag's value read from its text, or what is wrong with it, worded to follow `--<flag> `. */
export type FlagReading<T> = { value: T } | { problem: string };

/** Reads a number under `rule`; the problem says what was expected: `must be an integer >= 1, got "1.5"`. */
export function readNumber(value: unknown, rule: NumberRule = {}): FlagReading<number> {
  const number = Number(value);
  const kind = rule.integer ? 'an integer' : 'a number';
  const range =
    rule.min !== undefined && rule.max !== undefined ? ` between ${rule.min} and ${rule.max}`
      : rule.above !== undefined && rule.max !== undefined ? ` > ${rule.above} and <= ${rule.max}`
        : rule.min !== undefined ? ` >= ${rule.min}`
          : rule.above !== undefined ? ` > ${rule.above}`
            : rule.max !== undefined ? ` <= ${rule.max}` : '';
  const expected = kind + range + (rule.meaning ? ` (${rule.meaning})` : '');
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(number) ||
      (rule.integer && !Number.isInteger(number)) ||
      (rule.min !== undefined && number < rule.min) || (rule.above !== undefined && number <= rule.above) ||
      (rule.max !== undefined && number > rule.max)) {
    return { problem: `must be ${expected}, got ${JSON.stringify(value)}` };
  }
  return { value: number };
}

/**
 * Reads sizes such as `256MB`, `1.5GiB`, `4096` (bytes) into whole bytes, at least 1: every size
 * flag is a limit or a part size, which 0 would turn into "reject everything" or "one part per
 * record". Decimal units are powers of 1000, binary of 1024.
 */
export function readByteSize(value: unknown): FlagReading<number> {
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b?|b)?\s*$/i.exec(value) : null;
  const bytes = match ? Math.round(Number(match[1]) * sizeUnit(match[2])) : NaN;
  if (!(bytes >= 1)) return { problem: `must be a size of at least 1 byte, such as 256MB or 1GiB, got ${JSON.stringify(value)}` };
  // Past 2^53 bytes (8 PiB) a size is no longer a whole number of bytes: 400 nines were Infinity, a limit never reached.
  if (!Number.isSafeInteger(bytes)) return { problem: `must be a size of at most 8 PiB, got ${JSON.stringify(value)}` };
  return { value: bytes };
}

/** Bytes per unit: `MB` 1000², `MiB` 1024², none or `b` 1. */
function sizeUnit(suffix: string | undefined): number {
  const unit = (suffix ?? 'b').toLowerCase();
  const base = unit.includes('i') ? 1024 : 1000;
  const power = { b: 0, k: 1, m: 2, g: 3, t: 4 }[unit[0] as 'b' | 'k' | 'm' | 'g' | 't'];
  return base ** power;
}

/** Reads durations such as `90s`, `10m`, `2h`, `500ms`, or a bare number of seconds, into milliseconds. */
export function readDuration(value: unknown): FlagReading<number> {
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?\s*$/i.exec(value) : null;
  if (!match) return { problem: `must be a duration such as 0, 90s, 10m or 2h, got ${JSON.stringify(value)}` };
  const unit = (match[2] ?? 's').toLowerCase();
  const ms = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'min' | 'h'];
  return { value: Math.round(Number(match[1]) * ms) };
}

/** A reading's value; its problem as a UsageError naming the flag. */
function valueOrThrow<T>(flag: string, reading: FlagReading<T>): T {
  if ('problem' in reading) throw new UsageError(`--${flag} ${reading.problem}`);
  return reading.value;
}

/** Parses a numeric flag, naming the flag and what was expected when the value is bad. */
export function parseNumberFlag(flag: string, value: unknown, rule: NumberRule = {}): number | undefined {
  return value === undefined ? undefined : valueOrThrow(flag, readNumber(value, rule));
}

/** Parses a size flag (see {@link readByteSize}), naming the flag when the value is bad. */
export function parseByteSize(flag: string, value: unknown): number | undefined {
  return value === undefined ? undefined : valueOrThrow(flag, readByteSize(value));
}

/** Parses a duration flag (see {@link readDuration}) into milliseconds, naming the flag when the value is bad. */
export function parseDuration(flag: string, value: unknown): number | undefined {
  return value === undefined ? undefined : valueOrThrow(flag, readDuration(value));
}

import { UsageError } from '../errors.js';

interface NumberRule {
  /** Smallest value allowed. */
  min?: number;
  /** Values must be greater than this (for a range open at its lower end, such as a rate). */
  above?: number;
  max?: number;
  integer?: boolean;
  /** What the value means, named in the error after the range, e.g. `canaries per crawl document`. */
  meaning?: string;
}

/** Parses a numeric flag, naming the flag and what was expected when the value is bad. */
export function parseNumberFlag(flag: string, value: unknown, rule: NumberRule = {}): number | undefined {
  if (value === undefined) return undefined;
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
    throw new UsageError(`--${flag} must be ${expected}, got ${JSON.stringify(value)}`);
  }
  return number;
}

/**
 * Parses sizes such as `256MB`, `1.5GiB`, `4096` (bytes) into whole bytes, at least 1: every size
 * flag is a limit or a part size, which 0 would turn into "reject everything" or "one part per
 * record". Decimal units are powers of 1000, binary of 1024.
 */
export function parseByteSize(flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b?|b)?\s*$/i.exec(value) : null;
  const bytes = match ? Math.round(Number(match[1]) * sizeUnit(match[2])) : NaN;
  if (!(bytes >= 1)) {
    throw new UsageError(`--${flag} must be a size of at least 1 byte, such as 256MB or 1GiB, got ${JSON.stringify(value)}`);
  }
  // Past 2^53 bytes (8 PiB) a size is no longer a whole number of bytes: 400 nines were Infinity, a limit never reached.
  if (!Number.isSafeInteger(bytes)) throw new UsageError(`--${flag} must be a size of at most 8 PiB, got ${JSON.stringify(value)}`);
  return bytes;
}

/** Bytes per unit: `MB` 1000², `MiB` 1024², none or `b` 1. */
function sizeUnit(suffix: string | undefined): number {
  const unit = (suffix ?? 'b').toLowerCase();
  const base = unit.includes('i') ? 1024 : 1000;
  const power = { b: 0, k: 1, m: 2, g: 3, t: 4 }[unit[0] as 'b' | 'k' | 'm' | 'g' | 't'];
  return base ** power;
}

/** Parses durations such as `90s`, `10m`, `2h`, `500ms`, or a bare number of seconds; returns milliseconds. */
export function parseDuration(flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?\s*$/i.exec(value) : null;
  if (!match) throw new UsageError(`--${flag} must be a duration such as 0, 90s, 10m or 2h, got ${JSON.stringify(value)}`);
  const unit = (match[2] ?? 's').toLowerCase();
  const ms = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'min' | 'h'];
  return Math.round(Number(match[1]) * ms);
}

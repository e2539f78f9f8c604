import { UsageError } from '../errors.js';

interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

/** Parses a numeric flag, naming the flag and what was expected when the value is bad. */
export function parseNumberFlag(flag: string, value: unknown, rule: NumberRule = {}): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  const kind = rule.integer ? 'an integer' : 'a number';
  const range =
    rule.min !== undefined && rule.max !== undefined ? ` between ${rule.min} and ${rule.max}`
      : rule.min !== undefined ? ` >= ${rule.min}`
        : rule.max !== undefined ? ` <= ${rule.max}` : '';
  const expected = kind + range;
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(number) ||
      (rule.integer && !Number.isInteger(number)) ||
      (rule.min !== undefined && number < rule.min) || (rule.max !== undefined && number > rule.max)) {
    throw new UsageError(`--${flag} must be ${expected}, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** Parses sizes such as `256MB`, `1.5GiB`, `4096` (bytes). Decimal units are powers of 1000, binary of 1024. */
export function parseByteSize(flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b?|b)?\s*$/i.exec(value) : null;
  if (!match) throw new UsageError(`--${flag} must be a size such as 256MB or 1GiB, got ${JSON.stringify(value)}`);
  const unit = (match[2] ?? 'b').toLowerCase();
  const base = unit.includes('i') ? 1024 : 1000;
  const power = { b: 0, k: 1, m: 2, g: 3, t: 4 }[unit[0] as 'b' | 'k' | 'm' | 'g' | 't'];
  return Math.round(Number(match[1]) * base ** power);
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

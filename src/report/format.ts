import { formatPercent } from '../evaluation/format.js';
import type { Interval } from '../evaluation/types.js';

/** `2.1% [1.3%, 3.4%]`: a fraction with its interval, as percentages. */
export function percentWithInterval(value: number | null, ci: Interval): string {
  return `${value === null ? 'n/a' : formatPercent(value)} [${formatPercent(ci[0])}, ${formatPercent(ci[1])}]`;
}

/** A fraction as a percentage, `-` when not a number. */
export function percentOrDash(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '-' : formatPercent(value);
}

/** A threshold (a score 0..1) with 4 significant digits, as people read it. */
export function formatThreshold(value: number): string {
  return String(Number(value.toPrecision(4)));
}

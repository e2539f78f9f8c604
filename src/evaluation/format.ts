// Number formatting for warnings people read: percentages with 3 significant digits
// ("0.1%", "1.26%") and counts with thousands separators ("3,838").

/** A fraction 0..1 as a percentage string with up to 3 significant digits. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return String(fraction);
  return `${Number((fraction * 100).toPrecision(3))}%`;
}

/** A count with thousands separators. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US') : String(n);
}

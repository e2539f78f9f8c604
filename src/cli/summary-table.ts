import type { Manifest } from '../pipeline/manifest.js';
import { SHARDS } from '../routing/shards.js';
import { formatDedupSummary, manifestDedup } from '../report/dedup-summary.js';

/** The end-of-run table: documents and share per shard, rejection reasons, speed. */
const fmt = (p: number) => Number(p.toPrecision(4)).toString();

/** `a 3, b 1`: counts by key, the largest first (at most `limit`, then how many more). */
function listCounts(counts: Record<string, number>, limit = Infinity): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = entries.slice(0, limit).map(([key, n]) => `${key} ${n}`);
  return entries.length > limit ? `${shown.join(', ')}, and ${entries.length - limit} more` : shown.join(', ');
}

export function formatSummary(manifest: Manifest, outDir: string): string {
  const { counts } = manifest;
  const dedup = manifestDedup(manifest);
  const pct = (n: number) => (counts.read > 0 ? ((100 * n) / counts.read).toFixed(1) + '%' : '-');
  const rows: Array<[string, string, string]> = [
    // duplicate/ in runs with --dedup only.
    ...SHARDS.filter((shard) => shard !== 'duplicate' || dedup).map((shard): [string, string, string] => [shard, String(counts[shard]), pct(counts[shard])]),
    ['read (total)', String(counts.read), counts.read > 0 ? '100.0%' : '-'],
  ];
  const width = [14, Math.max(9, ...rows.map((r) => r[1].length)), 7];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ');
  const out = [line(['shard', 'documents', 'share']), line(width.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const reasons = Object.entries(manifest.rejectedByReason);
  if (reasons.length > 0) out.push('', 'rejected by reason: ' + reasons.map(([r, n]) => `${r} ${n}`).join(', '));
  const unscored = manifest.unscored as { byReason: Record<string, number>; byLanguage: Record<string, number> } | undefined;
  if (unscored && counts.unscored > 0) {
    out.push('', `unscored by reason: ${listCounts(unscored.byReason)}; by language: ${listCounts(unscored.byLanguage, 10)}`);
  }
  if (dedup) out.push('', formatDedupSummary(dedup));
  out.push(
    '',
    `thresholds: human if score < ${fmt(manifest.thresholds.low)}, synthetic if score >= ${fmt(manifest.thresholds.high)} (score = P(machine-generated), 0..1)`,
    `model: ${manifest.model.name} (${manifest.model.hash.slice(0, 12)})`,
    `${manifest.seconds.toFixed(1)} s, ${Math.round(manifest.docsPerSecond).toLocaleString('en-US')} docs/s; shards and manifest.json in ${outDir}`,
  );
  return out.join('\n');
}

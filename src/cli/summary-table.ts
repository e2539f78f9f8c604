import type { Manifest } from '../pipeline/manifest.js';
import { formatDedupSummary, manifestDedup } from '../report/dedup-summary.js';

/** The end-of-run table: documents and share per shard, rejection reasons, speed. */
const fmt = (p: number) => Number(p.toPrecision(4)).toString();

export function formatSummary(manifest: Manifest, outDir: string): string {
  const { counts } = manifest;
  const dedup = manifestDedup(manifest);
  const pct = (n: number) => (counts.read > 0 ? ((100 * n) / counts.read).toFixed(1) + '%' : '-');
  const rows: Array<[string, string, string]> = [
    ['human', String(counts.human), pct(counts.human)],
    ['synthetic', String(counts.synthetic), pct(counts.synthetic)],
    ['uncertain', String(counts.uncertain), pct(counts.uncertain)],
    // Runs with --dedup only.
    ...(dedup ? [['duplicate', String(counts.duplicate), pct(counts.duplicate)] as [string, string, string]] : []),
    ['rejected', String(counts.rejected), pct(counts.rejected)],
    ['read (total)', String(counts.read), counts.read > 0 ? '100.0%' : '-'],
  ];
  const width = [14, Math.max(9, ...rows.map((r) => r[1].length)), 7];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ');
  const out = [line(['shard', 'documents', 'share']), line(width.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const reasons = Object.entries(manifest.rejectedByReason);
  if (reasons.length > 0) out.push('', 'rejected by reason: ' + reasons.map(([r, n]) => `${r} ${n}`).join(', '));
  if (dedup) out.push('', formatDedupSummary(dedup));
  out.push(
    '',
    `thresholds: human if score < ${fmt(manifest.thresholds.low)}, synthetic if score >= ${fmt(manifest.thresholds.high)} (score = P(machine-generated), 0..1)`,
    `model: ${manifest.model.name} (${manifest.model.hash.slice(0, 12)})`,
    `${manifest.seconds.toFixed(1)} s, ${Math.round(manifest.docsPerSecond).toLocaleString('en-US')} docs/s; shards and manifest.json in ${outDir}`,
  );
  return out.join('\n');
}

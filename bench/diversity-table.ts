// The docs' table of corpus-health figures on the shared labeled data (docs/diversity.md): each
// figure on the human and the machine side of detect-corpus and modern2024 (train + dev + test of
// each), with 95% bootstrap intervals, as `crawlsift stats` gives them. Writes
// bench/results/diversity-table.json and prints the Markdown table.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureCorpus } from '../src/diversity/corpus-stats.js';
import { formatWithInterval, FIGURE_LABELS } from '../src/diversity/figure-labels.js';
import { figureIntervals, SCALAR_FIGURES } from '../src/diversity/intervals.js';
import { dataDir } from '../src/data-dir.js';
import { packageRoot } from '../src/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'diversity-table-'));
const sets = { 'detect-corpus': ['train', 'dev', 'test'], modern2024: ['train', 'dev', 'test'] } as const;
const columns: { name: string; documents: number; intervals: ReturnType<typeof figureIntervals> }[] = [];
for (const [set, splits] of Object.entries(sets)) {
  const rows = splits.flatMap((s) => readFileSync(join(dataDir(), set, `${s}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { label: string }));
  for (const label of ['human', 'synthetic']) {
    const file = join(tmp, `${set}-${label}.jsonl`);
    writeFileSync(file, rows.filter((r) => r.label === label).map((r) => JSON.stringify(r)).join('\n') + '\n');
    const stats = await measureCorpus([file]);
    columns.push({ name: `${set} ${label === 'human' ? 'human' : 'machine'}`, documents: stats.figures.documents, intervals: figureIntervals(stats.figures, stats.replicates) });
    console.error(`${set} ${label}: ${stats.figures.documents} documents`);
  }
}
mkdirSync(join(packageRoot(), 'bench', 'results'), { recursive: true });
writeFileSync(join(packageRoot(), 'bench', 'results', 'diversity-table.json'), JSON.stringify({ date: new Date().toISOString(), columns }, null, 2) + '\n');
const header = ['figure', ...columns.map((c) => `${c.name} (${c.documents.toLocaleString('en-US')} docs)`)];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const name of SCALAR_FIGURES) console.log(`| ${FIGURE_LABELS[name].label} | ${columns.map((c) => formatWithInterval(name, c.intervals[name].value, c.intervals[name].ci95)).join(' | ')} |`);

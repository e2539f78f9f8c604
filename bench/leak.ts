// `npm run bench:leak`: does the canary estimate of leak-through match the truth?
// For each seed: shuffle detect-corpus/test, hold half out as canaries, run the real
// `crawlsift filter` over the other half with those canaries mixed in (rate 1: every canary
// drawn once), then compare the manifest's canary leak-through (with its 95% interval) with the
// true leak-through of the crawl half, computed from its labels in the human shard.
// Target (issue 5): truth inside the interval, and the two within 2 percentage points.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readLabeledDocs, type LabeledDoc } from '../src/canaries/index.js';
import { dataDir } from '../src/data-dir.js';
import { mulberry32 } from '../src/evaluation/attacks/rng.js';
import type { Manifest } from '../src/pipeline/manifest.js';
import { packageRoot } from '../src/paths.js';
import type { Thresholds } from '../src/routing/thresholds.js';
import { asCommand } from './lib/measure-process.js';

const root = packageRoot();
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const seeds = (process.env.BENCH_LEAK_SEEDS ?? '1,2,3,4,5,6,7,8,9,10').split(',').map(Number);
const threads = Number(process.env.BENCH_THREADS ?? Math.min(2, availableParallelism()));
const testFile = join(dataDir(), 'detect-corpus', 'test.jsonl');
const docs = await readLabeledDocs([testFile]);

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const rng = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function shardRecords(outDir: string, shard: string): Array<Record<string, unknown>> {
  const dir = join(outDir, shard);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .flatMap((f) => gunzipSync(readFileSync(join(dir, f))).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>));
}

interface Row {
  seed: number;
  crawl: { synthetic: number; human: number };
  canaries: { synthetic: number; human: number };
  thresholds: Thresholds;
  trueLeak: number;
  canaryLeak: number;
  canaryLeakCi95: [number, number];
  insideInterval: boolean;
  differencePp: number;
  within2pp: boolean;
  trueHumanLoss: number;
  canaryHumanLoss: number;
  canaryHumanLossCi95: [number, number];
  truePrevalence: number;
  estimatedPrevalence: number | null;
  prevalenceCi95: [number, number];
  trueSyntheticFractionInHuman: number;
  estimatedSyntheticFractionInHuman: number | null;
  syntheticFractionInHumanCi95: [number, number];
  /**
   * Standard deviation (percentage points) of canary leak minus true leak expected from
   * sampling alone: both halves are finite samples, sqrt(p(1-p)(1/n_canary + 1/n_crawl)).
   */
  samplingSdOfDifferencePp: number;
}

const work = mkdtempSync(join(tmpdir(), 'crawlsift-bench-leak-'));
const rows: Row[] = [];
let model: Manifest['model'] | undefined;
for (const seed of seeds) {
  const shuffled = shuffle(docs, seed);
  const half = Math.floor(shuffled.length / 2);
  const canaries: LabeledDoc[] = shuffled.slice(0, half);
  const crawl = shuffled.slice(half);
  const crawlFile = join(work, `crawl-${seed}.jsonl`);
  const canaryFile = join(work, `canaries-${seed}.jsonl`);
  // The label rides along in the record (filter keeps input fields), so the shards tell the truth.
  writeFileSync(crawlFile, crawl.map((d, i) => JSON.stringify({ id: `crawl-${i}`, text: d.text, label: d.label, source: d.source })).join('\n') + '\n');
  writeFileSync(canaryFile, canaries.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const outDir = join(work, `out-${seed}`);
  const rate = canaries.length / crawl.length;
  const run = spawnSync(process.execPath, [...asCommand(cli), 'filter', crawlFile, '--out', outDir, '--canaries', canaryFile, '--canary-rate', String(rate), '--canary-seed', String(seed), '--threads', String(threads), '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`filter exited ${run.status}: ${run.stderr.slice(-2000)}`);
  const manifest = JSON.parse(run.stdout) as Manifest;
  model = manifest.model;
  const c = manifest.canaries!;
  const { leakThrough, humanLoss } = c;
  // Rates are null when the run drew no canary of a label: nothing to compare with the truth.
  if (leakThrough.rate === null || humanLoss.rate === null) {
    throw new Error(`seed ${seed}: the run drew ${c.synthetic.n} synthetic and ${c.human.n} human canaries; both are needed`);
  }
  const e = manifest.estimates!;
  const count = (records: Array<Record<string, unknown>>, label: string) => records.filter((r) => r.label === label).length;
  const human = shardRecords(outDir, 'human');
  const synthetic = shardRecords(outDir, 'synthetic');
  const crawlSyn = count(crawl as unknown as Array<Record<string, unknown>>, 'synthetic');
  const crawlHum = crawl.length - crawlSyn;
  const trueLeak = count(human, 'synthetic') / crawlSyn;
  const diff = Math.abs(leakThrough.rate - trueLeak);
  const pooled = (c.synthetic.toHuman + count(human, 'synthetic')) / (c.synthetic.n + crawlSyn);
  rows.push({
    seed,
    crawl: { synthetic: crawlSyn, human: crawlHum },
    canaries: { synthetic: c.synthetic.n, human: c.human.n },
    thresholds: manifest.thresholds,
    trueLeak,
    canaryLeak: leakThrough.rate,
    canaryLeakCi95: leakThrough.ci95,
    insideInterval: trueLeak >= leakThrough.ci95[0] && trueLeak <= leakThrough.ci95[1],
    differencePp: 100 * diff,
    within2pp: diff <= 0.02 + 1e-12,
    trueHumanLoss: count(synthetic, 'human') / crawlHum,
    canaryHumanLoss: humanLoss.rate,
    canaryHumanLossCi95: humanLoss.ci95,
    truePrevalence: crawlSyn / crawl.length,
    estimatedPrevalence: e.prevalence.estimate,
    prevalenceCi95: e.prevalence.ci95,
    trueSyntheticFractionInHuman: human.length > 0 ? count(human, 'synthetic') / human.length : 0,
    estimatedSyntheticFractionInHuman: e.syntheticFractionInHuman.estimate,
    syntheticFractionInHumanCi95: e.syntheticFractionInHuman.ci95,
    samplingSdOfDifferencePp: 100 * Math.sqrt(pooled * (1 - pooled) * (1 / c.synthetic.n + 1 / crawlSyn)),
  });
}
rmSync(work, { recursive: true, force: true });

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const ci = (i: [number, number]) => `[${pct(i[0])}, ${pct(i[1])}]`;
const table = [
  ['seed', 'canaries syn/hum', 'true leak', 'canary leak [95%]', 'inside', 'diff pp', '<=2pp', 'true prev', 'est. prev [95%]', 'true syn in human', 'est. [95%]'],
  ...rows.map((r) => [
    String(r.seed),
    `${r.canaries.synthetic}/${r.canaries.human}`,
    pct(r.trueLeak),
    `${pct(r.canaryLeak)} ${ci(r.canaryLeakCi95)}`,
    r.insideInterval ? 'yes' : 'NO',
    r.differencePp.toFixed(2),
    r.within2pp ? 'yes' : 'NO',
    pct(r.truePrevalence),
    `${pct(r.estimatedPrevalence)} ${ci(r.prevalenceCi95)}`,
    pct(r.trueSyntheticFractionInHuman),
    `${pct(r.estimatedSyntheticFractionInHuman)} ${ci(r.syntheticFractionInHumanCi95)}`,
  ]),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
const lines = table.map((row) => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));

const summary = {
  seeds: rows.length,
  insideInterval: rows.filter((r) => r.insideInterval).length,
  within2pp: rows.filter((r) => r.within2pp).length,
  meanAbsDifferencePp: rows.reduce((a, r) => a + r.differencePp, 0) / rows.length,
  meanSamplingSdOfDifferencePp: rows.reduce((a, r) => a + r.samplingSdOfDifferencePp, 0) / rows.length,
  prevalenceInsideInterval: rows.filter((r) => r.truePrevalence >= r.prevalenceCi95[0] && r.truePrevalence <= r.prevalenceCi95[1]).length,
  syntheticFractionInHumanInsideInterval: rows.filter(
    (r) => r.trueSyntheticFractionInHuman >= r.syntheticFractionInHumanCi95[0] && r.trueSyntheticFractionInHuman <= r.syntheticFractionInHumanCi95[1],
  ).length,
};
const result = {
  benchmark: 'leak',
  date: new Date().toISOString(),
  data: 'detect-corpus/test.jsonl, per seed: a seeded shuffle, first half canaries (rate = canaries/crawl, each drawn once), second half the crawl',
  model: { ...model, use: 'the default model (filter without --model) and its card thresholds' },
  target: 'true leak-through inside the canaries 95% Wilson interval, and within 2 percentage points of the canary estimate',
  note:
    'The "true" leak-through is itself a sample of ~145 synthetic documents, and the two halves split one fixed set, so their ' +
    'leak counts add up to a constant: the difference has the sampling SD shown in the summary, and the 95% interval of ' +
    'one half covers the other half\'s rate about 83% of the time (P(|Z| < 1.96/sqrt 2)) even for a perfect estimator.',
  summary,
  rows,
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'leak.json'), JSON.stringify(result, null, 2) + '\n');
console.log(lines.join('\n'));
console.log(
  `\ntrue leak-through inside the 95% interval: ${summary.insideInterval}/${summary.seeds} seeds; within 2 pp: ${summary.within2pp}/${summary.seeds}; ` +
    `mean |difference| ${summary.meanAbsDifferencePp.toFixed(2)} pp (sampling alone gives a difference with SD ${summary.meanSamplingSdOfDifferencePp.toFixed(2)} pp at these sizes)`,
);
console.log(
  `true prevalence inside its interval: ${summary.prevalenceInsideInterval}/${summary.seeds}; true synthetic fraction of the human shard inside its interval: ${summary.syntheticFractionInHumanInsideInterval}/${summary.seeds}`,
);
console.log('written bench/results/leak.json');

// `npm run bench:dedup`: near-duplicate removal measured, in one run.
// 1. Quality: distinct documents of ../shared/data plus planted variants at controlled edit rates
//    (bench/lib/planted-corpus.ts) through the real CLI (`filter --dedup near`); recall = pairs of
//    exact Jaccard >= 0.8 that end in one cluster, precision = (duplicate, kept) pairs of exact
//    Jaccard >= 0.7. Other settings are compared in process, with the same signature and run-step code.
// 2. The queue executor (2 workers, a private redis-server) against the local one on that corpus.
// 3. Cost: `filter --dedup near` against `--dedup off` on the pipeline benchmark's input (detect-corpus/test
//    repeated to >= 100 MB), twice each, interleaved; peak RSS at 1x and 4x.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dataDir } from '../src/data-dir.js';
import { candidateProbability, DEFAULT_DEDUP, sCurveHalf, type DedupSettings } from '../src/dedup/dedup-settings.js';
import { packageRoot } from '../src/paths.js';
import { startBenchRedis } from './lib/bench-redis.js';
import { dedupInProcess, dedupQuality, type DedupOutcome } from './lib/dedup-quality.js';
import { measureNode, type ProcessMeasure } from './lib/measure-process.js';
import { buildPlantedCorpus, pairsAtLeast, RECIPES, shingleSets } from './lib/planted-corpus.js';
import { writeRepeatedCorpus } from './lib/repeat-corpus.js';

const root = packageRoot();
const tmp = join(root, 'bench', 'tmp-dedup');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const threads = Number(process.env.BENCH_THREADS ?? availableParallelism());
const mb = Number(process.env.BENCH_MB ?? 100);
const NEAR: DedupSettings = { ...DEFAULT_DEDUP, mode: 'near' };
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

function check(name: string, m: ProcessMeasure): ProcessMeasure {
  if (m.exitCode !== 0) throw new Error(`${name} exited ${m.exitCode}: ${m.stderr.slice(-2000)}`);
  return m;
}

/** Every record of a run's shards, by shard, in order. */
function shardRecords(out: string): Record<string, Record<string, any>[]> {
  const shards: Record<string, Record<string, any>[]> = {};
  for (const shard of ['human', 'synthetic', 'uncertain', 'duplicate', 'rejected']) {
    const dir = join(out, shard);
    shards[shard] = existsSync(dir)
      ? readdirSync(dir).filter((f) => f.endsWith('.jsonl.gz')).sort().flatMap((f) => gunzipSync(readFileSync(join(dir, f))).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)))
      : [];
  }
  return shards;
}

/** The clusters a run wrote: a kept document's and a duplicate's cluster id, every other document its own. */
function outcomeOf(out: string): DedupOutcome {
  const clusterOf = new Map<string, string>();
  const called: DedupOutcome['called'] = [];
  for (const records of Object.values(shardRecords(out))) {
    for (const r of records) {
      const c = r.metadata?.crawlsift;
      if (!c) continue;
      const cluster = c.duplicate?.cluster ?? c.cluster?.id;
      clusterOf.set(String(r.id), cluster === undefined ? `own:${r.id}` : `c${cluster}`);
      if (c.duplicate) called.push({ duplicate: String(r.id), of: c.duplicate.of });
    }
  }
  return { clusterOf, called };
}

// 1. Quality on planted duplicates.
const read = (file: string) => readFileSync(join(dataDir(), file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; text: string });
const sources = [...read('detect-corpus/train.jsonl'), ...read('detect-corpus/test.jsonl'), ...read('modern/corpus.jsonl')];
const corpusOptions = { bases: 3000, variantShare: 0.4, seed: 7 };
const docs = buildPlantedCorpus(sources, corpusOptions);
const sets = shingleSets(docs, NEAR.shingleWords);
const truth = pairsAtLeast(docs, sets, 0.5);
const planted = join(tmp, 'planted.jsonl');
writeFileSync(planted, docs.map((d) => JSON.stringify({ id: d.id, text: d.text })).join('\n') + '\n');
const localOut = join(tmp, 'planted-local');
check('filter planted', await measureNode(cli, ['filter', planted, '--out', localOut, '--threads', String(threads), '--dedup', 'near', '--json']));
const outcome = outcomeOf(localOut);
const quality = dedupQuality(docs, sets, truth, outcome);
const inProcess = await dedupInProcess(docs, NEAR, mkdtempSync(join(tmpdir(), 'bench-dedup-')));
const pairs = (o: DedupOutcome) => JSON.stringify(o.called.map((c) => `${c.duplicate}>${c.of}`).sort());
const sameAsInProcess = pairs(outcome) === pairs(inProcess.outcome);
const exactOutcome = await dedupInProcess(docs, { ...NEAR, mode: 'exact' }, mkdtempSync(join(tmpdir(), 'bench-dedup-')));

const SETTINGS: [number, number][] = [[14, 8], [9, 13], [20, 5], [15, 4], [12, 4], [10, 10]];
const settings = [];
for (const [bands, rows] of SETTINGS) {
  for (const threshold of [0.7, 0.75, 0.8]) {
    const dedup = { ...NEAR, bands, rows, threshold };
    const { outcome: o, signSeconds } = await dedupInProcess(docs, dedup, mkdtempSync(join(tmpdir(), 'bench-dedup-')));
    const q = dedupQuality(docs, sets, truth, o);
    settings.push({
      bands, rows, threshold,
      sCurveHalf: sCurveHalf(bands, rows),
      candidateAt80: candidateProbability(0.8, bands, rows),
      recallAt80: q.recallAt80, precisionAt70: q.precisionAt70, called: q.called,
      signMicrosecondsPerDoc: (signSeconds / docs.length) * 1e6,
      default: bands === NEAR.bands && rows === NEAR.rows && threshold === NEAR.threshold,
    });
  }
}

// 2. The queue executor, 2 workers, against the local one.
const bench = await startBenchRedis();
let queueSame: boolean;
try {
  const queueOut = join(tmp, 'planted-queue');
  check('filter --redis', await measureNode(cli, ['filter', planted, '--out', queueOut, '--redis', bench.url, '--workers', '2', '--batch-docs', '64', '--dedup', 'near', '--json']));
  queueSame = JSON.stringify(shardRecords(queueOut)) === JSON.stringify(shardRecords(localOut));
} finally {
  await bench.stop();
}

// 3. Cost against --dedup off on the pipeline benchmark's input.
const source = join(dataDir(), 'detect-corpus', 'test.jsonl');
const inputs = {
  '1x': { file: join(tmp, 'input-1x.jsonl'), ...(await writeRepeatedCorpus(source, join(tmp, 'input-1x.jsonl'), mb * 1e6)) },
  '4x': { file: join(tmp, 'input-4x.jsonl'), ...(await writeRepeatedCorpus(source, join(tmp, 'input-4x.jsonl'), 4 * mb * 1e6)) },
};
const filter = async (size: '1x' | '4x', dedup: 'off' | 'near') => {
  const m = check(`filter ${size} ${dedup}`, await measureNode(cli, ['filter', inputs[size].file, '--out', join(tmp, `out-${size}-${dedup}`), '--overwrite', '--threads', String(threads), '--dedup', dedup, '--json']));
  const manifest = JSON.parse(m.stdout);
  return { seconds: m.seconds, docsPerSecond: inputs[size].docs / m.seconds, peakRssMb: m.peakRssMb, duplicates: manifest.counts.duplicate ?? 0 };
};
const runs = { off: [] as Awaited<ReturnType<typeof filter>>[], near: [] as Awaited<ReturnType<typeof filter>>[] };
for (let rep = 0; rep < 2; rep++) {
  runs.off.push(await filter('1x', 'off'));
  runs.near.push(await filter('1x', 'near'));
}
const near4x = await filter('4x', 'near');
const off4x = await filter('4x', 'off');
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

const result = {
  benchmark: 'dedup',
  date: new Date().toISOString(),
  machine: { cores: availableParallelism(), node: process.version },
  defaults: { ...NEAR, sCurveHalf: sCurveHalf(NEAR.bands, NEAR.rows), candidateAt80: candidateProbability(0.8, NEAR.bands, NEAR.rows) },
  quality: {
    corpus: {
      sources: 'detect-corpus/train.jsonl, detect-corpus/test.jsonl, modern/corpus.jsonl',
      ...corpusOptions,
      documents: docs.length,
      recipes: RECIPES.length,
      pairsAtLeast05: truth.length,
    },
    cli: { ...quality, sameClustersAsInProcess: sameAsInProcess },
    exactMode: dedupQuality(docs, sets, truth, exactOutcome.outcome),
    settings,
    targets: { recallAt80: '>= 0.95', precisionAt70: '>= 0.98' },
  },
  queueTwoWorkersSameAsLocal: queueSame,
  cost: {
    input: { source: 'detect-corpus/test.jsonl repeated (each document about 177 times at 1x: nearly every document an exact duplicate)', '1x': { mb: inputs['1x'].bytes / 1e6, docs: inputs['1x'].docs }, '4x': { mb: inputs['4x'].bytes / 1e6, docs: inputs['4x'].docs } },
    threads,
    runs1x: runs,
    nearToOffWallTime: mean(runs.near.map((r) => r.seconds)) / mean(runs.off.map((r) => r.seconds)),
    '4x': { near: near4x, off: off4x, nearToOffWallTime: near4x.seconds / off4x.seconds },
    peakRssMb: { near1x: Math.max(...runs.near.map((r) => r.peakRssMb)), near4x: near4x.peakRssMb, off1x: Math.max(...runs.off.map((r) => r.peakRssMb)), off4x: off4x.peakRssMb },
    targets: { nearToOffWallTime: '<= 1.25', peakRssMb: '<= 500 at 1x and 4x (the pipeline benchmark\'s limit)' },
  },
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'dedup.json'), JSON.stringify(result, null, 2) + '\n');

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
console.log(`planted corpus: ${docs.length} documents, ${quality.pairsAt80} pairs of exact Jaccard >= 0.8`);
console.log(`--dedup near (defaults ${NEAR.bands} x ${NEAR.rows}, threshold ${NEAR.threshold}): recall ${pct(quality.recallAt80)} (target >= 95%), precision ${pct(quality.precisionAt70)} of ${quality.called} called pairs (target >= 98%)`);
console.log('bands x rows  threshold  S-curve 0.5  recall@0.8  precision@0.7  called  sign us/doc');
for (const s of settings) console.log(`${`${s.bands} x ${s.rows}`.padEnd(14)}${String(s.threshold).padEnd(11)}${s.sCurveHalf.toFixed(3).padEnd(13)}${pct(s.recallAt80).padEnd(12)}${pct(s.precisionAt70).padEnd(15)}${String(s.called).padEnd(8)}${s.signMicrosecondsPerDoc.toFixed(1)}${s.default ? '  (default)' : ''}`);
console.log(`queue executor, 2 workers, same shards as local: ${queueSame}`);
console.log(`cost: --dedup near / off wall time at 1x: ${result.cost.nearToOffWallTime.toFixed(3)} (target <= 1.25); at 4x: ${result.cost['4x'].nearToOffWallTime.toFixed(3)}`);
console.log(`peak RSS MB: near ${result.cost.peakRssMb.near1x.toFixed(0)} (1x) ${near4x.peakRssMb.toFixed(0)} (4x); off ${result.cost.peakRssMb.off1x.toFixed(0)} (1x) ${off4x.peakRssMb.toFixed(0)} (4x)`);
if (!process.env.BENCH_KEEP) rmSync(tmp, { recursive: true, force: true });

// `npm run bench:diversity-overhead`: what the diversity stage adds to `crawlsift filter`'s wall time
// on the pipeline bench's 1x input, as pairs of runs with and without it (--no-diversity), the order
// alternating (with, without; without, with; ...) so that a drift of the machine's load weighs on both
// alike. Each pair gives a ratio; the result is their median, with every run's load average beside it.
// BENCH_PAIRS sets the pairs (default 3); BENCH_CLI measures another build's dist/src/cli/main.js.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { dataDir } from '../src/data-dir.js';
import { packageRoot } from '../src/paths.js';
import { measureNode, type ProcessMeasure } from './lib/measure-process.js';
import { writeRepeatedCorpus } from './lib/repeat-corpus.js';

const root = packageRoot();
const tmp = join(root, 'bench', 'tmp');
const cli = process.env.BENCH_CLI ?? join(root, 'dist', 'src', 'cli', 'main.js');
const threads = Number(process.env.BENCH_THREADS ?? availableParallelism());
const pairs = Number(process.env.BENCH_PAIRS ?? 3);
const mb = Number(process.env.BENCH_MB ?? 100);
mkdirSync(tmp, { recursive: true });

const input = join(tmp, 'input-1x.jsonl');
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
// The pipeline bench's 1x input (kept when it ran with BENCH_KEEP), else written the same way.
const docs = existsSync(input) ? lines(input) : (await writeRepeatedCorpus(join(dataDir(), 'detect-corpus', 'test.jsonl'), input, mb * 1e6)).docs;

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);

interface Run { diversity: boolean; seconds: number; cpuSeconds: number; peakRssMb: number; loadBefore: number[]; loadAfter: number[] }

async function filter(diversity: boolean): Promise<Run> {
  const loadBefore = loadavg();
  const m: ProcessMeasure = await measureNode(cli, ['filter', input, '--out', join(tmp, 'out-overhead'), '--overwrite', '--threads', String(threads), '--json', ...(diversity ? [] : ['--no-diversity'])]);
  if (m.exitCode !== 0) throw new Error(`filter exited ${m.exitCode}: ${m.stderr.slice(-2000)}`);
  const run = { diversity, seconds: m.seconds, cpuSeconds: m.cpuSeconds, peakRssMb: m.peakRssMb, loadBefore, loadAfter: loadavg() };
  console.log(`${diversity ? 'with   ' : 'without'} ${run.seconds.toFixed(1)} s wall, ${run.cpuSeconds.toFixed(1)} s CPU, ${run.peakRssMb.toFixed(0)} MB, load ${loadBefore[0]} -> ${run.loadAfter[0]}`);
  return run;
}

const results: { with: Run; without: Run; wallRatio: number; cpuRatio: number }[] = [];
for (let p = 0; p < pairs; p++) {
  const first = await filter(p % 2 === 0);
  const second = await filter(p % 2 !== 0);
  const [w, wo] = first.diversity ? [first, second] : [second, first];
  results.push({ with: w, without: wo, wallRatio: w.seconds / wo.seconds, cpuRatio: w.cpuSeconds / wo.cpuSeconds });
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const result = {
  benchmark: 'diversity-overhead',
  date: new Date().toISOString(),
  machine: { cores: availableParallelism(), node: process.version },
  cli: process.env.BENCH_CLI ? process.env.BENCH_CLI : 'this build',
  input: { source: 'detect-corpus/test.jsonl repeated (the pipeline bench 1x)', docs },
  threads,
  pairs: results,
  medianWallRatio: median(results.map((r) => r.wallRatio)),
  medianCpuRatio: median(results.map((r) => r.cpuRatio)),
  target: { wallRatio: '<= 1.10' },
};
const out = process.env.BENCH_OUT ?? join(root, 'bench', 'results', 'diversity-overhead.json');
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.log(`per-pair wall ratios ${results.map((r) => r.wallRatio.toFixed(3)).join(', ')}; median ${result.medianWallRatio.toFixed(3)} (target <= 1.10); CPU median ${result.medianCpuRatio.toFixed(3)}`);
if (!process.env.BENCH_KEEP) rmSync(join(tmp, 'out-overhead'), { recursive: true, force: true });

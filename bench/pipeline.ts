// `npm run bench`: throughput and memory of `crawlsift filter` against its floor, in one run.
// Floor = the same input read, parsed and written back as gzip JSONL with no scoring (bench/floor.ts).
// Input = detect-corpus/test repeated to >= 100 MB (1x), and to >= 400 MB (4x) for the memory check.
// The diversity stage's cost: filter 1x with and without it (--no-diversity), in the order with,
// without, without, with, so that a drift of the machine's load over the run weighs on both alike
// (bench:diversity-overhead times more pairs); and peak RSS at 4x with and without it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { dataDir } from '../src/data-dir.js';
import { packageRoot } from '../src/paths.js';
import { measureNode, type ProcessMeasure } from './lib/measure-process.js';
import { writeRepeatedCorpus } from './lib/repeat-corpus.js';

const root = packageRoot();
const tmp = join(root, 'bench', 'tmp');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const floorScript = join(root, 'dist', 'bench', 'floor.js');
const threads = Number(process.env.BENCH_THREADS ?? availableParallelism());
mkdirSync(tmp, { recursive: true });

const source = join(dataDir(), 'detect-corpus', 'test.jsonl');
// BENCH_MB shrinks the input while developing; the recorded results use the default 100 MB.
const mb = Number(process.env.BENCH_MB ?? 100);
const inputs = {
  '1x': { file: join(tmp, 'input-1x.jsonl'), ...(await writeRepeatedCorpus(source, join(tmp, 'input-1x.jsonl'), mb * 1e6)) },
  '4x': { file: join(tmp, 'input-4x.jsonl'), ...(await writeRepeatedCorpus(source, join(tmp, 'input-4x.jsonl'), 4 * mb * 1e6)) },
};

function check(name: string, m: ProcessMeasure): ProcessMeasure {
  if (m.exitCode !== 0) throw new Error(`${name} exited ${m.exitCode}: ${m.stderr.slice(-2000)}`);
  return m;
}
const filter = (size: '1x' | '4x', extra: string[] = []) =>
  measureNode(cli, ['filter', inputs[size].file, '--out', join(tmp, `out-${size}`), '--overwrite', '--threads', String(threads), '--json', ...extra]);

const floor1x = check('floor 1x', await measureNode(floorScript, [inputs['1x'].file, join(tmp, 'floor-1x')]));
const filter1x = check('filter 1x', await filter('1x'));
const without1xA = check('filter 1x --no-diversity', await filter('1x', ['--no-diversity']));
const without1xB = check('filter 1x --no-diversity', await filter('1x', ['--no-diversity']));
const with1xB = check('filter 1x', await filter('1x'));
const filter4x = check('filter 4x', await filter('4x'));
// Peak RSS at 4x without the stage: what of the 4x figure is the stage's.
const without4x = check('filter 4x --no-diversity', await filter('4x', ['--no-diversity']));

const rate = (m: ProcessMeasure, size: '1x' | '4x') => ({
  docsPerSecond: inputs[size].docs / m.seconds,
  mbPerSecond: inputs[size].bytes / 1e6 / m.seconds,
  seconds: m.seconds,
  peakRssMb: m.peakRssMb,
});
const rows = {
  'floor (read+parse+gzip write), 1x': rate(floor1x, '1x'),
  [`crawlsift filter --threads ${threads}, 1x`]: rate(filter1x, '1x'),
  [`crawlsift filter --threads ${threads}, 4x`]: rate(filter4x, '4x'),
  [`crawlsift filter --threads ${threads} --no-diversity, 4x`]: rate(without4x, '4x'),
  [`crawlsift filter --threads ${threads}, 1x (second run)`]: rate(with1xB, '1x'),
  [`crawlsift filter --threads ${threads} --no-diversity, 1x (two runs)`]: {
    ...rate(without1xA, '1x'),
    seconds: (without1xA.seconds + without1xB.seconds) / 2,
    docsPerSecond: (2 * inputs['1x'].docs) / (without1xA.seconds + without1xB.seconds),
    mbPerSecond: (2 * inputs['1x'].bytes) / 1e6 / (without1xA.seconds + without1xB.seconds),
    peakRssMb: Math.max(without1xA.peakRssMb, without1xB.peakRssMb),
  },
};
const result = {
  benchmark: 'pipeline',
  date: new Date().toISOString(),
  machine: { cores: availableParallelism(), node: process.version },
  input: { source: 'detect-corpus/test.jsonl repeated', '1x': { mb: inputs['1x'].bytes / 1e6, docs: inputs['1x'].docs }, '4x': { mb: inputs['4x'].bytes / 1e6, docs: inputs['4x'].docs } },
  threads,
  rows,
  ratios: {
    filterToFloorThroughput: rows[`crawlsift filter --threads ${threads}, 1x`]!.mbPerSecond / rows['floor (read+parse+gzip write), 1x']!.mbPerSecond,
    peakRss4xTo1x: filter4x.peakRssMb / filter1x.peakRssMb,
    /** Peak RSS at 4x with the diversity stage minus without it, MB (one run each). */
    diversityPeakRss4xMb: filter4x.peakRssMb - without4x.peakRssMb,
    /** Wall time of filter with the diversity stage over without it (two runs each, same input). */
    diversityWallTime: (filter1x.seconds + with1xB.seconds) / (without1xA.seconds + without1xB.seconds),
  },
  targets: { filterToFloorThroughput: '>= 0.25', peakRssMb: '<= 500, same at 1x and 4x', diversityWallTime: '<= 1.10' },
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'pipeline.json'), JSON.stringify(result, null, 2) + '\n');

console.log(`input: ${result.input['1x'].mb.toFixed(0)} MB (${inputs['1x'].docs} docs) at 1x, ${result.input['4x'].mb.toFixed(0)} MB at 4x; ${threads} threads`);
console.log('run'.padEnd(42) + 'docs/s'.padStart(10) + 'MB/s'.padStart(8) + 'seconds'.padStart(9) + 'peak RSS MB'.padStart(13));
for (const [name, r] of Object.entries(rows)) {
  console.log(name.padEnd(42) + Math.round(r.docsPerSecond).toString().padStart(10) + r.mbPerSecond.toFixed(1).padStart(8) + r.seconds.toFixed(1).padStart(9) + r.peakRssMb.toFixed(0).padStart(13));
}
console.log(`filter / floor throughput: ${(result.ratios.filterToFloorThroughput * 100).toFixed(1)}% (target >= 25%)`);
console.log(`peak RSS 4x / 1x: ${result.ratios.peakRss4xTo1x.toFixed(2)} (target: about 1, each <= 500 MB)`);
console.log(`peak RSS at 4x with the diversity stage minus without: ${result.ratios.diversityPeakRss4xMb.toFixed(0)} MB`);
console.log(`filter wall time with / without the diversity stage: ${result.ratios.diversityWallTime.toFixed(3)} (target <= 1.10)`);
if (!process.env.BENCH_KEEP) rmSync(tmp, { recursive: true, force: true });

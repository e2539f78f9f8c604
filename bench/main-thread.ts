// `npm run bench:main-thread`: how much of `crawlsift filter`'s work sits on its main thread, the
// ceiling of the local executor whatever the cores. Runs `filter --threads 1` and `--threads 2` on
// detect-corpus/test repeated (BENCH_DOCS documents, default 34,920 = 60 copies), reading the main
// thread's CPU time (utime + stime of /proc/<pid>/task/<pid>/stat, Linux) and the whole process's;
// reports main-thread CPU per document, total CPU per document, wall time and the 2-thread/1-thread
// throughput ratio. With BENCH_VS=<other crawlsift main.js> it alternates runs of this tree's CLI
// and that one (e.g. a checkout of the commit before a change), BENCH_ROUNDS times (default 2).
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { dataDir } from '../src/data-dir.js';
import { packageRoot } from '../src/paths.js';
import { writeRepeatedCorpus } from './lib/repeat-corpus.js';
import { asCommand } from './lib/measure-process.js';

const root = packageRoot();
const tmp = join(root, 'bench', 'tmp-main-thread');
mkdirSync(tmp, { recursive: true });
const docsWanted = Number(process.env.BENCH_DOCS ?? 34_920);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const clis: Record<string, string> = { 'this tree': join(root, 'dist', 'src', 'cli', 'main.js') };
if (process.env.BENCH_VS) clis['baseline'] = process.env.BENCH_VS;

const source = join(dataDir(), 'detect-corpus', 'test.jsonl');
const perCopy = readFileSync(source, 'utf8').split('\n').filter(Boolean);
const input = join(tmp, 'input.jsonl');
const bytesPerCopy = perCopy.reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);
const { docs } = await writeRepeatedCorpus(source, input, Math.ceil(docsWanted / perCopy.length) * bytesPerCopy - 1);

const TICK = 100; // USER_HZ: clock ticks per second of /proc's utime and stime on Linux
/** utime + stime, seconds, of a thread (`task`) or the process (no task). */
function cpuSeconds(pid: number, task?: number): number | undefined {
  try {
    const stat = readFileSync(task === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${task}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICK;
  } catch {
    return undefined;
  }
}

interface Run { wall: number; mainCpu: number; totalCpu: number }

async function filter(cli: string, threads: number): Promise<Run> {
  const out = join(tmp, 'out');
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...asCommand(cli), 'filter', input, '--out', out, '--overwrite', '--threads', String(threads), '--json'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '1' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  let mainCpu = 0;
  let totalCpu = 0;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  // The last reading before the process goes: sampled often, so at most ~20 ms of CPU is missed.
  while (!done) {
    mainCpu = cpuSeconds(child.pid!, child.pid!) ?? mainCpu;
    totalCpu = cpuSeconds(child.pid!) ?? totalCpu;
    await sleep(20);
  }
  const code = await exited;
  if (code !== 0) throw new Error(`filter exited ${code}: ${stderr.slice(-2000)}`);
  return { wall: Number(process.hrtime.bigint() - started) / 1e9, mainCpu, totalCpu };
}

const results: Record<string, Record<string, Run[]>> = {};
for (let round = 0; round < rounds; round++) {
  for (const [name, cli] of Object.entries(clis)) {
    for (const threads of [1, 2]) {
      const run = await filter(cli, threads);
      ((results[name] ??= {})[`threads ${threads}`] ??= []).push(run);
      console.log(`${name.padEnd(10)} --threads ${threads}: ${run.wall.toFixed(2)} s wall, main thread ${((run.mainCpu / docs) * 1e6).toFixed(1)} us/doc, all threads ${((run.totalCpu / docs) * 1e6).toFixed(1)} us/doc`);
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const summary = Object.fromEntries(
  Object.entries(results).map(([name, byThreads]) => {
    const one = byThreads['threads 1']!;
    const two = byThreads['threads 2']!;
    return [name, {
      mainThreadUsPerDoc: { threads1: median(one.map((r) => (r.mainCpu / docs) * 1e6)), threads2: median(two.map((r) => (r.mainCpu / docs) * 1e6)) },
      allThreadsUsPerDoc: { threads1: median(one.map((r) => (r.totalCpu / docs) * 1e6)), threads2: median(two.map((r) => (r.totalCpu / docs) * 1e6)) },
      wallSeconds: { threads1: one.map((r) => r.wall), threads2: two.map((r) => r.wall) },
      twoToOneThreadThroughput: median(one.map((r) => r.wall)) / median(two.map((r) => r.wall)),
    }];
  }),
);
const result = { benchmark: 'main-thread', date: new Date().toISOString(), documents: docs, rounds, clis, summary, runs: results };
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'main-thread.json'), JSON.stringify(result, null, 2) + '\n');
for (const [name, s] of Object.entries(summary)) {
  console.log(`${name}: main thread ${s.mainThreadUsPerDoc.threads1.toFixed(1)} / ${s.mainThreadUsPerDoc.threads2.toFixed(1)} us/doc at 1 / 2 threads; 2-thread/1-thread throughput ${s.twoToOneThreadThroughput.toFixed(2)}x`);
}
rmSync(tmp, { recursive: true, force: true });

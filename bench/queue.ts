// `npm run bench:queue`: documents/s of the queue executor (produce + N `crawlsift work` processes +
// finalize, on a private redis-server) with 1 and 2 workers, against the local executor with 1 and 2
// threads, on the same input; peak RSS of the producer at 1x and 4x input; Redis memory at the end.
// Input = detect-corpus/test repeated to >= 100 MB (1x) and >= 400 MB (4x); BENCH_MB scales both.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { dataDir } from '../src/data-dir.js';
import { packageRoot } from '../src/paths.js';
import { startBenchRedis } from './lib/bench-redis.js';
import { asCommand, measureNode, type ProcessMeasure } from './lib/measure-process.js';
import { writeRepeatedCorpus } from './lib/repeat-corpus.js';

const root = packageRoot();
const tmp = join(root, 'bench', 'tmp-queue');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const mb = Number(process.env.BENCH_MB ?? 100);
mkdirSync(tmp, { recursive: true });

const source = join(dataDir(), 'detect-corpus', 'test.jsonl');
const inputs = {
  '1x': { file: join(tmp, 'input-1x.jsonl'), ...(await writeRepeatedCorpus(source, join(tmp, 'input-1x.jsonl'), mb * 1e6)) },
  '4x': { file: join(tmp, 'input-4x.jsonl'), ...(await writeRepeatedCorpus(source, join(tmp, 'input-4x.jsonl'), 4 * mb * 1e6)) },
};

// A private Redis configured as the README says: AOF on, noeviction.
const bench = await startBenchRedis();
const { url, redis } = bench;

function check(name: string, m: ProcessMeasure): ProcessMeasure {
  if (m.exitCode !== 0) throw new Error(`${name} exited ${m.exitCode}: ${m.stderr.slice(-2000)}`);
  return m;
}

async function local(threads: number) {
  const m = check(`local ${threads}`, await measureNode(cli, ['filter', inputs['1x'].file, '--out', join(tmp, `local-${threads}`), '--overwrite', '--threads', String(threads), '--json']));
  return { seconds: m.seconds, docsPerSecond: inputs['1x'].docs / m.seconds, peakRssMb: m.peakRssMb };
}

async function queue(workers: number, size: '1x' | '4x') {
  const runId = `bench-${workers}-${size}-${Date.now()}`;
  const out = join(tmp, `queue-${workers}-${size}`);
  rmSync(out, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const children: ChildProcess[] = Array.from({ length: workers }, () =>
    spawn(process.execPath, [...asCommand(cli), 'work', '--redis', url], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: '1' } }),
  );
  let producer: ProcessMeasure;
  let finalize: ProcessMeasure;
  let seconds: number;
  try {
    producer = check('produce', await measureNode(cli, ['produce', inputs[size].file, '--redis', url, '--run', runId, '--out', out]));
    finalize = check('finalize', await measureNode(cli, ['finalize', '--redis', url, '--run', runId, '--wait', '--poll', '100', '--json']));
    seconds = Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    // Also when produce or finalize failed: workers retry Redis for ever and would outlive the bench.
    await Promise.all(children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }));
  }
  const manifest = JSON.parse(finalize.stdout) as { counts: { read: number } };
  if (manifest.counts.read !== inputs[size].docs) throw new Error(`queue run read ${manifest.counts.read} of ${inputs[size].docs} docs`);
  const memory = /used_memory:(\d+)/.exec(await redis.info('memory'))?.[1];
  rmSync(out, { recursive: true, force: true });
  return {
    seconds,
    docsPerSecond: inputs[size].docs / seconds,
    producerPeakRssMb: producer.peakRssMb,
    producerSeconds: producer.seconds,
    finalizeSeconds: finalize.seconds,
    redisUsedMemoryMbAtEnd: Number(memory) / 1e6,
  };
}

try {
  const rows = {
    'local, 1 thread, 1x': await local(1),
    'local, 2 threads, 1x': await local(2),
    'queue, 1 worker, 1x': await queue(1, '1x'),
    'queue, 2 workers, 1x': await queue(2, '1x'),
    'queue, 2 workers, 4x': await queue(2, '4x'),
  };
  const q2 = rows['queue, 2 workers, 1x'];
  const result = {
    benchmark: 'queue',
    date: new Date().toISOString(),
    machine: { cores: availableParallelism(), node: process.version },
    input: { source: 'detect-corpus/test.jsonl repeated', '1x': { mb: inputs['1x'].bytes / 1e6, docs: inputs['1x'].docs }, '4x': { mb: inputs['4x'].bytes / 1e6, docs: inputs['4x'].docs } },
    settings: { batchDocs: 256, maxQueued: 32, workerConcurrency: 1, redis: 'private redis-server, AOF on, noeviction' },
    rows,
    ratios: {
      queue2WorkersToLocal2Threads: q2.docsPerSecond / rows['local, 2 threads, 1x'].docsPerSecond,
      producerRss4xTo1x: rows['queue, 2 workers, 4x'].producerPeakRssMb / q2.producerPeakRssMb,
    },
    redisUsedMemoryMbAtEnd: rows['queue, 2 workers, 4x'].redisUsedMemoryMbAtEnd,
    targets: { queue2WorkersToLocal2Threads: '>= 0.8', producerPeakRssMb: '<= 200, same at 1x and 4x' },
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'queue.json'), JSON.stringify(result, null, 2) + '\n');

  console.log(`input: ${result.input['1x'].mb.toFixed(0)} MB (${inputs['1x'].docs} docs) at 1x, ${result.input['4x'].mb.toFixed(0)} MB at 4x; ${availableParallelism()} cores`);
  console.log('run'.padEnd(26) + 'docs/s'.padStart(10) + 'seconds'.padStart(9) + 'producer RSS MB'.padStart(17));
  for (const [name, r] of Object.entries(rows)) {
    const rss = 'producerPeakRssMb' in r ? r.producerPeakRssMb.toFixed(0) : '-';
    console.log(name.padEnd(26) + Math.round(r.docsPerSecond).toString().padStart(10) + r.seconds.toFixed(1).padStart(9) + rss.padStart(17));
  }
  console.log(`queue (2 workers) / local (2 threads): ${(result.ratios.queue2WorkersToLocal2Threads * 100).toFixed(1)}% (target >= 80%)`);
  console.log(`producer peak RSS 4x / 1x: ${result.ratios.producerRss4xTo1x.toFixed(2)} (target: about 1, each <= 200 MB)`);
  console.log(`Redis used memory at the end: ${result.redisUsedMemoryMbAtEnd.toFixed(1)} MB`);
} finally {
  await bench.stop();
  if (!process.env.BENCH_KEEP) rmSync(tmp, { recursive: true, force: true });
}

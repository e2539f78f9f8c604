import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProcessMeasure {
  exitCode: number;
  seconds: number;
  /** Peak resident set size of the whole process (all its threads), MB. */
  peakRssMb: number;
  /** CPU time of the whole process (user + system, all its threads), seconds: far steadier than wall time on a shared machine. */
  cpuSeconds: number;
  stdout: string;
  stderr: string;
}

// Preloaded into the measured node process: writes its peak RSS (KiB) and CPU time (µs) when it exits.
const RSS_HOOK =
  'data:text/javascript,import fs from "node:fs";process.on("exit",()=>{const u=process.resourceUsage();fs.writeFileSync(process.env.BENCH_RSS_OUT,u.maxRSS+" "+(u.userCPUTime+u.systemCPUTime))});';

/** Runs `node <script> <args>` and reports wall time and peak RSS, measured from inside the child. */
export function measureNode(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessMeasure> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rss-'));
  const rssFile = join(dir, 'rss');
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RSS_HOOK, script, ...args], {
      env: { ...process.env, ...env, BENCH_RSS_OUT: rssFile, CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let peakRssMb = NaN;
      let cpuSeconds = NaN;
      try {
        const [rss, cpu] = readFileSync(rssFile, 'utf8').split(' ');
        peakRssMb = Number(rss) / 1024;
        cpuSeconds = Number(cpu) / 1e6;
      } catch {
        // The child died before its exit hook ran: no figure.
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ exitCode: code ?? -1, seconds, peakRssMb, cpuSeconds, stdout, stderr });
    });
  });
}

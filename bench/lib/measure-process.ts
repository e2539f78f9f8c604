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

/**
 * The node flags of a script's `#!/usr/bin/env -S node <flags>` line: what running it as a command
 * (`crawlsift ...`) passes to node, so that the benchmark measures the process a user runs.
 */
export function shebangNodeFlags(firstLine: string): string[] {
  const m = /^#!\/usr\/bin\/env -S node((?:\s+--?\S+)*)\s*$/.exec(firstLine);
  return m ? m[1]!.trim().split(/\s+/).filter(Boolean) : [];
}

/** The node flags of `script`'s shebang line ({@link shebangNodeFlags}). */
function scriptNodeFlags(script: string): string[] {
  return shebangNodeFlags(readFileSync(script, 'utf8').split('\n', 1)[0]!);
}

/** node's arguments to run `script` as its shebang line would: its node flags, then the script. */
export function asCommand(script: string): string[] {
  return [...scriptNodeFlags(script), script];
}

/** Runs `node <script> <args>` (with the node flags of the script's shebang line) and reports wall time and peak RSS, measured from inside the child. */
export function measureNode(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessMeasure> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-rss-'));
  const rssFile = join(dir, 'rss');
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...scriptNodeFlags(script), '--import', RSS_HOOK, script, ...args], {
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

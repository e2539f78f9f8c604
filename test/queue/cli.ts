import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { packageRoot } from '../../src/paths.js';

export const CLI = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');

export interface CliProcess {
  child: ChildProcess;
  /** Resolves when the process exits, with its code or signal and what it printed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** What it has printed on stderr so far. */
  stderrSoFar(): string;
}

/** Starts the built `crawlsift` binary (npm run build first), in CI mode (no progress redraws). */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  if (!existsSync(CLI)) throw new Error(`${CLI} missing: run npm run build first`);
  const child = spawn(process.execPath, [CLI, ...args], { cwd: packageRoot(), env: { ...process.env, CI: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d));
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  const done = new Promise<Awaited<CliProcess['done']>>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, stderrSoFar: () => stderr };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess['done'] {
  return startCli(args, env).done;
}

/** Polls `check` until it returns true (no timing is asserted: the test's own timeout bounds it). */
export async function until(check: () => Promise<boolean> | boolean, pollMs = 50): Promise<void> {
  while (!(await check())) await sleep(pollMs);
}

/** Stops a process started by startCli: SIGTERM, and waits for it. Safe for one already gone. */
export async function stopCli(proc: CliProcess): Promise<void> {
  if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
  await proc.done;
}

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { CLI } from './run-cli.js';

export interface PtyStep {
  /** Keys to type. */
  send?: string;
  /** Wait until the command draws this after `send`. */
  expect?: string;
  /** Seconds to wait for `expect`. @defaultValue 20 */
  timeout?: number;
}

export interface PtyResult {
  exit: number | null;
  signal: number | null;
  /** Everything the command drew, escape sequences included. */
  output: string;
  /** The step whose `expect` never came, or null. */
  failedStep: number | null;
}

/**
 * Runs `crawlsift <args>` on a pseudo-terminal of `cols` x `rows` and types `steps` at it, through
 * test/helpers/pty-drive.py (Python's pty module: node-pty needs a native build that npm 11 does
 * not run at install). `kill` sends SIGKILL after the last step instead of waiting for an exit.
 */
export function runInPty(args: string[], steps: PtyStep[], options: { cols?: number; rows?: number; kill?: boolean } = {}): PtyResult {
  const plan = { argv: [process.execPath, CLI, ...args], env: { TERM: 'xterm-256color' }, cols: options.cols ?? 80, rows: options.rows ?? 24, steps, kill: options.kill ?? false };
  const result = spawnSync('python3', [join(packageRoot(), 'test', 'helpers', 'pty-drive.py')], { input: JSON.stringify(plan), encoding: 'utf8', cwd: packageRoot(), timeout: 120_000 });
  if (result.status !== 0) throw new Error(`pty-drive.py failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as PtyResult;
}
